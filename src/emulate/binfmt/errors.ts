/**
 * Typed errors of the binfmt model. A register string or entry file that the kernel would reject
 * fails with BinfmtFormatError naming the field and the character offset.
 */
import { GocrossError } from '../../core/errors.ts';

/** An `input` error: a register string or entry file the kernel would reject. */
export class BinfmtFormatError extends GocrossError {
  /** Character offset in the input where the problem was found. */
  readonly offset: number;
  readonly field: string;
  constructor(field: string, message: string, offset: number) {
    super('input', `Cannot parse binfmt_misc ${field}: ${message} at character ${offset}`);
    this.field = field;
    this.offset = offset;
  }
}

/** Something on the host stops an action (not root, interpreter missing, entry exists…); `fix` says what to do. */
export class BinfmtError extends GocrossError {
  constructor(message: string, fix?: string, options?: ErrorOptions) {
    super('environment', fix ? `${message} (${fix})` : message, { ...options, ...(fix ? { fix } : {}) });
  }
}
