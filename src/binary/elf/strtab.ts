/**
 * A string table read lazily in blocks: a name lookup touches only the block(s) it needs, so
 * resolving a few dynamic symbol names out of a large .dynstr reads a few KiB.
 */
import type { ByteSource } from '../byte-source.ts';
import { FormatError, hex } from '../errors.ts';

const BLOCK = 16 * 1024;
/** Longest name we decode; longer ones are cut (C++ mangled names can be long, not this long). */
const MAX_NAME = 64 * 1024;

export class StringTable {
  readonly source: ByteSource;
  /** File offset and size of the table. */
  readonly offset: number;
  readonly size: number;
  readonly what: string;
  private readonly blocks = new Map<number, Uint8Array>();

  constructor(source: ByteSource, offset: number, size: number, what: string) {
    this.source = source;
    this.offset = offset;
    // The table may claim more than the file holds; lookups past the file fail with an offset.
    this.size = size;
    this.what = what;
  }

  private async block(n: number): Promise<Uint8Array> {
    let b = this.blocks.get(n);
    if (!b) {
      const start = n * BLOCK;
      const len = Math.min(BLOCK, this.size - start);
      b = await this.source.read(this.offset + start, len, this.what);
      this.blocks.set(n, b);
    }
    return b;
  }

  /** The NUL-terminated string at `index`. `refOffset` is the file offset of the field that named it. */
  async get(index: number, refOffset: number): Promise<string> {
    if (index >= this.size) {
      throw new FormatError(`Cannot read name from ${this.what}: index ${hex(index)} is past its end (size ${hex(this.size)})`, refOffset);
    }
    const parts: Uint8Array[] = [];
    let total = 0;
    for (let pos = index; pos < this.size && total < MAX_NAME; ) {
      const n = Math.floor(pos / BLOCK);
      const b = await this.block(n);
      const from = pos - n * BLOCK;
      const nul = b.indexOf(0, from);
      const piece = b.subarray(from, nul < 0 ? b.length : nul);
      parts.push(piece);
      total += piece.length;
      if (nul >= 0) break;
      pos = (n + 1) * BLOCK;
    }
    const bytes = parts.length === 1 ? parts[0]! : concat(parts, total);
    return utf8.decode(bytes.subarray(0, MAX_NAME));
  }
}

/** Shared: a decoder per name costs more than the decoding. */
const utf8 = new TextDecoder();

function concat(parts: Uint8Array[], total: number): Uint8Array {
  const out = new Uint8Array(total);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/**
 * Whether any string in the table starts with `prefix` (i.e. `prefix` follows a NUL or sits at
 * index 0). Scans in bounded chunks that overlap by the prefix length.
 */
export async function stringTableHasPrefix(source: ByteSource, offset: number, size: number, prefix: string, what: string): Promise<boolean> {
  const needle = new Uint8Array([0, ...new TextEncoder().encode(prefix)]);
  const CHUNK = 1 << 20;
  const end = Math.min(offset + size, source.size);
  // Start one byte early (virtually) so a string at index 0 is preceded by a NUL.
  let carry = new Uint8Array([0]);
  for (let pos = offset; pos < end; ) {
    const len = Math.min(CHUNK, end - pos);
    const chunk = await source.read(pos, len, what);
    const hay = new Uint8Array(carry.length + chunk.length);
    hay.set(carry, 0);
    hay.set(chunk, carry.length);
    if (indexOf(hay, needle) >= 0) return true;
    carry = hay.slice(Math.max(0, hay.length - needle.length + 1));
    pos += len;
  }
  return false;
}

/** First index of `needle` (which starts with NUL) in `hay`: native memmem on the text after the NUL, then check the NUL. */
function indexOf(hay: Uint8Array, needle: Uint8Array): number {
  const hayBuf = Buffer.from(hay.buffer, hay.byteOffset, hay.byteLength);
  const text = Buffer.from(needle.buffer, needle.byteOffset + 1, needle.byteLength - 1);
  for (let i = hayBuf.indexOf(text, 1); i > 0; i = hayBuf.indexOf(text, i + 1)) {
    if (hay[i - 1] === needle[0]) return i - 1;
  }
  return -1;
}
