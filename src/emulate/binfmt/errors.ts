/**
 * Typed errors of the binfmt model. A register string or entry file that the kernel would reject
 * fails with BinfmtFormatError naming the field and the character offset.
 */

export class BinfmtFormatError extends Error {
  /** Character offset in the input where the problem was found. */
  readonly offset: number;
  readonly field: string;
  constructor(field: string, message: string, offset: number) {
    super(`Cannot parse binfmt_misc ${field}: ${message} at character ${offset}`);
    this.name = 'BinfmtFormatError';
    this.field = field;
    this.offset = offset;
  }
}

/** Something on the host stops an action (not root, interpreter missing, entry exists…); `fix` says what to do. */
export class BinfmtError extends Error {
  readonly fix: string | undefined;
  constructor(message: string, fix?: string, options?: ErrorOptions) {
    super(fix ? `${message} (${fix})` : message, options);
    this.name = 'BinfmtError';
    this.fix = fix;
  }
}
