/**
 * Typed errors of the binary readers. "Not this format" and "broken" are distinct:
 * UnrecognizedFormatError means no reader claims the bytes; FormatError means a reader
 * claimed them and found something wrong at a byte offset.
 */
import { GocrossError } from '../core/errors.ts';

export type BinaryErrorCode = 'unrecognized-format' | 'format-error' | 'io-error';

/** Every binary-reader error is an `input` error: the file is missing, unreadable or not what it claims. */
export class BinaryError extends GocrossError {
  readonly code: BinaryErrorCode;
  /** Byte offset in the file where the problem was found, when known. */
  readonly offset: number | undefined;

  constructor(code: BinaryErrorCode, message: string, offset?: number, options?: ErrorOptions) {
    super('input', message, options);
    this.code = code;
    this.offset = offset;
  }
}

/** The bytes are not an executable of any format we read. */
export class UnrecognizedFormatError extends BinaryError {
  constructor(message: string, options?: ErrorOptions) {
    super('unrecognized-format', message, 0, options);
  }
}

/** A truncated or malformed file of a known format; `offset` names the byte. */
export class FormatError extends BinaryError {
  constructor(message: string, offset: number, options?: ErrorOptions) {
    super('format-error', `${message} at byte 0x${offset.toString(16)}`, offset, options);
  }
}

/** The file could not be opened or read. */
export class BinaryIoError extends BinaryError {
  constructor(message: string, options?: ErrorOptions) {
    super('io-error', message, undefined, options);
  }
}

export function hex(n: number | bigint): string {
  return `0x${n.toString(16)}`;
}
