/** Endian-aware bounds-checked field access over a small buffer already read from a ByteSource. */
import { FormatError } from './errors.ts';

export type Endian = 'little' | 'big';

export class Fields {
  readonly bytes: Uint8Array;
  readonly view: DataView;
  readonly little: boolean;
  /** File offset of bytes[0], so errors name file offsets. */
  readonly base: number;

  constructor(bytes: Uint8Array, endian: Endian, base: number) {
    this.bytes = bytes;
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    this.little = endian === 'little';
    this.base = base;
  }

  private need(at: number, n: number, what: string): void {
    if (at < 0 || at + n > this.bytes.length) {
      throw new FormatError(`Cannot read ${what}: structure is truncated`, this.base + Math.max(0, at));
    }
  }
  u8(at: number, what = 'field'): number {
    this.need(at, 1, what);
    return this.view.getUint8(at);
  }
  u16(at: number, what = 'field'): number {
    this.need(at, 2, what);
    return this.view.getUint16(at, this.little);
  }
  u32(at: number, what = 'field'): number {
    this.need(at, 4, what);
    return this.view.getUint32(at, this.little);
  }
  i32(at: number, what = 'field'): number {
    this.need(at, 4, what);
    return this.view.getInt32(at, this.little);
  }
  /** 64-bit value as a number; throws when it is beyond 2^53 (no file we read is that big). */
  u64(at: number, what = 'field'): number {
    this.need(at, 8, what);
    // Two 32-bit halves, no BigInt (a heap object per field): above 2^53 - 1 exactly when high > 2^21 - 1.
    const high = this.view.getUint32(this.little ? at + 4 : at, this.little);
    const low = this.view.getUint32(this.little ? at : at + 4, this.little);
    if (high > 0x1fffff) {
      throw new FormatError(`Cannot read ${what}: value 0x${this.view.getBigUint64(at, this.little).toString(16)} is out of range`, this.base + at);
    }
    return high * 0x100000000 + low;
  }
  /** 64-bit value kept exact (addresses). */
  u64big(at: number, what = 'field'): bigint {
    this.need(at, 8, what);
    return this.view.getBigUint64(at, this.little);
  }
  /** Word of `bits` width. */
  word(at: number, bits: 32 | 64, what = 'field'): number {
    return bits === 64 ? this.u64(at, what) : this.u32(at, what);
  }
}

/** One decoder for every name: constructing one per string was a tenth of `gocross inspect`'s time. */
const utf8 = new TextDecoder('utf-8', { fatal: false });

/** NUL-terminated string at `at` inside `bytes` (to the end when unterminated), decoded as latin1-safe UTF-8. */
export function cString(bytes: Uint8Array, at: number, maxLen = 4096): string {
  if (at < 0 || at >= bytes.length) return '';
  let end = at;
  const limit = Math.min(bytes.length, at + maxLen);
  while (end < limit && bytes[end] !== 0) end++;
  return utf8.decode(bytes.subarray(at, end));
}
