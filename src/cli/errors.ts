/** The CLI's own errors, both GocrossErrors: only bin.ts turns them into exit codes and prints. */
import { GocrossError, type ErrorKind } from '../core/errors.ts';

/** Bad flags or arguments: exit 2. */
export class UsageError extends GocrossError {
  constructor(message: string, options?: ErrorOptions & { fix?: string }) {
    super('usage', message, options);
  }
}

/**
 * The command's output already says what went wrong (e.g. inspect printed each unreadable file, the
 * build printed its summary): bin.ts exits with `exitCode` and prints nothing, or `gocross: message`
 * when one is given.
 */
export class ExitError extends GocrossError {
  readonly exitCode: number;
  constructor(exitCode: number, message = '') {
    super(kindOfExitCode(exitCode), message, { exitWith: exitCode, reported: message === '' });
    this.exitCode = exitCode;
  }
}

function kindOfExitCode(code: number): ErrorKind {
  if (code === 2) return 'usage';
  if (code === 130 || code === 141 || code === 143) return 'interrupted';
  return 'failure';
}
