/** Typed errors of the build area. Messages follow "Cannot <action>: <what is wrong> (<fix>)". */
import { GocrossError, type ErrorKind } from '../core/errors.ts';

/**
 * No Go toolchain was found (`environment`), or the one asked for with --go does not work (`usage`,
 * the default: most are about the flag).
 */
export class ToolchainError extends GocrossError {
  constructor(message: string, options?: ErrorOptions & { kind?: Extract<ErrorKind, 'usage' | 'environment'> }) {
    super(options?.kind ?? 'usage', message, options);
  }
}

/** A CGO target has no C cross compiler on this host (an `environment` error). */
export class CompilerNotFoundError extends GocrossError {
  readonly target: string;
  constructor(target: string, message: string) {
    super('environment', message);
    this.target = target;
  }
}
