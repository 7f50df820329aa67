/** Errors that map to exit codes. Only bin.ts calls process.exit. */

/** Bad flags or arguments, or an invalid config: exit 2. */
export class UsageError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'UsageError';
  }
}

/** A command finished and wants a specific exit code (e.g. 1 when some input failed); its output is already printed. */
export class ExitError extends Error {
  readonly exitCode: number;
  constructor(exitCode: number, message = '') {
    super(message);
    this.name = 'ExitError';
    this.exitCode = exitCode;
  }
}
