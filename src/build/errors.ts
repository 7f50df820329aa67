/** Typed errors of the build area. Messages follow "Cannot <action>: <what is wrong> (<fix>)". */

/** A target spec the user wrote is not valid for this toolchain (a usage error). */
export class TargetSyntaxError extends Error {
  /** The offending item of the spec, e.g. "linux/arm/8". */
  readonly item: string;
  constructor(item: string, message: string) {
    super(message);
    this.name = 'TargetSyntaxError';
    this.item = item;
  }
}

/** No Go toolchain was found, or the one asked for does not work. */
export class ToolchainError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'ToolchainError';
  }
}

/** A CGO target has no C cross compiler on this host. */
export class CompilerNotFoundError extends Error {
  readonly target: string;
  constructor(target: string, message: string) {
    super(message);
    this.name = 'CompilerNotFoundError';
    this.target = target;
  }
}
