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
  /** The command's output already says what went wrong: print nothing more, just exit. */
  reported?: boolean;
  /** An exit code other than the kind's: a program's own code passed through (`run`), 124 for a timeout, 141/143 for a closed pipe/SIGTERM. */
  exitWith?: number;
}

export class GocrossError extends Error {
  readonly kind: ErrorKind;
  readonly fix: string | undefined;
  readonly reported: boolean;
  /** Set only when it differs from the kind's code; read it through exitCodeOf(). (Not `exitCode`: ProcessError's is the child's.) */
  readonly exitWith: number | undefined;

  constructor(kind: ErrorKind, message: string, options: GocrossErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.kind = kind;
    this.fix = options.fix;
    this.reported = options.reported ?? false;
    this.exitWith = options.exitWith;
  }

  /** The message plus detail worth printing under it (a process's stderr tail, a problem list); subclasses extend it. */
  get longMessage(): string {
    return this.message;
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

/** The exit code of any thrown value: its own when it carries one, else its kind's. */
export function exitCodeOf(error: unknown): number {
  if (error instanceof GocrossError && error.exitWith !== undefined) return error.exitWith;
  return EXIT_CODES[kindOf(error)];
}

export function isGocrossError(error: unknown, kind?: ErrorKind): error is GocrossError {
  return error instanceof GocrossError && (kind === undefined || error.kind === kind);
}

/** Node's errno codes in words, for the errors users meet writing and reading their files. */
const ERRNO_WORDS: Readonly<Record<string, string>> = {
  ENOENT: 'no such file or directory',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EISDIR: 'is a directory',
  ENOTDIR: 'a parent is not a directory',
  ENOSPC: 'no space left on device',
  EDQUOT: 'disk quota exceeded',
  EROFS: 'read-only file system',
  EEXIST: 'already exists',
  EMFILE: 'too many open files',
  ENFILE: 'too many open files in the system',
  EIO: 'input/output error',
  EXDEV: 'on another file system',
  ENAMETOOLONG: 'file name too long',
  ELOOP: 'too many levels of symbolic links',
  EBUSY: 'resource busy',
  ETXTBSY: 'text file busy',
  EFBIG: 'file too large',
  EPIPE: 'the reader closed the pipe',
  ENOTEMPTY: 'directory not empty',
};

/** The kind an errno error is, at the edge where a user's file is read or written. */
function errnoKind(code: string | undefined): ErrorKind {
  switch (code) {
    case 'ENOSPC':
    case 'EDQUOT':
    case 'EROFS':
    case 'EMFILE':
    case 'ENFILE':
    case 'EIO':
      return 'environment';
    default:
      return 'input';
  }
}

/**
 * Node's errno errors with the file named and the code in words:
 * `Cannot write dist/manifest.json: no space left on device`, never a bare `ENOSPC`.
 * A GocrossError passes through unchanged; anything without an errno code keeps its message.
 */
export function describeIoError(error: unknown, path: string, action: string): GocrossError {
  if (error instanceof GocrossError) return error;
  const code = (error as NodeJS.ErrnoException | null)?.code;
  return new GocrossError(errnoKind(code), `Cannot ${action} ${path}: ${ioReason(error)}`, { cause: error });
}

/** What went wrong in words, without the errno code or the path Node puts in its messages. */
export function ioReason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  const words = code ? ERRNO_WORDS[code] : undefined;
  const message = (error as Error | null)?.message ?? String(error);
  // Node writes "ENOSPC: no space left on device, write '/x'": keep the words, drop code and path.
  return words ?? /^E[A-Z]+: ([^,]+)/.exec(message)?.[1] ?? message;
}
