/**
 * The one error model. Every error gocross throws on purpose is a GocrossError with a kind; only
 * `cli/bin.ts` turns kinds into exit codes and prints. Messages read `Cannot <action>: <what>`;
 * `fix` says what to do, when something can be done.
 */

/**
 * - usage: bad flags or arguments (exit 2)
 * - config: a config or lock file that cannot be read, parsed or validated (exit 2)
 * - input: an input file that is missing, unreadable or not what it claims (exit 1)
 * - environment: the host lacks something (a tool, a mount, a permission) (exit 1)
 * - failure: the work was done and the answer is "no" or it broke (exit 1)
 * - interrupted: SIGINT/SIGTERM/closed output stopped the work (exit 130)
 */
export type ErrorKind = 'usage' | 'config' | 'input' | 'environment' | 'failure' | 'interrupted';

export const ERROR_KINDS: readonly ErrorKind[] = ['usage', 'config', 'input', 'environment', 'failure', 'interrupted'];

export interface GocrossErrorOptions extends ErrorOptions {
  /** What the user can do about it, e.g. "install qemu-user-static, or run 'gocross setup'". */
  fix?: string;
}

export class GocrossError extends Error {
  readonly kind: ErrorKind;
  readonly fix: string | undefined;

  constructor(kind: ErrorKind, message: string, options: GocrossErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.kind = kind;
    this.fix = options.fix;
  }
}

/** Exit codes per kind: the README's table. */
export const EXIT_CODES: Readonly<Record<ErrorKind, number>> = {
  usage: 2,
  config: 2,
  input: 1,
  environment: 1,
  failure: 1,
  interrupted: 130,
};

/** The kind of any thrown value: GocrossErrors say theirs; anything else is a failure. */
export function kindOf(error: unknown): ErrorKind {
  return error instanceof GocrossError ? error.kind : 'failure';
}

export function isGocrossError(error: unknown, kind?: ErrorKind): error is GocrossError {
  return error instanceof GocrossError && (kind === undefined || error.kind === kind);
}
