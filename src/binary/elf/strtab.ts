/**
 * A string table read lazily: a small table (the usual .dynstr, a few KiB to a few hundred) is read
 * whole on the first lookup, a large one in blocks, so resolving a few names out of a big table
 * reads a few KiB. Names are decoded without a copy, ASCII ones (nearly all) without the UTF-8
 * decoder, whose per-call cost was most of a name lookup.
 */
import type { ByteSource } from '../byte-source.ts';
import { FormatError, hex } from '../errors.ts';

const BLOCK = 16 * 1024;
/**
 * Tables up to this size are read in one piece on the first lookup: even a few names touch most
 * blocks of a table of a few MiB (node's .dynstr is ~8 MiB, and FORTIFY looks at every name).
 */
const WHOLE = 16 * 1024 * 1024;
/** Longest name we decode; longer ones are cut (C++ mangled names can be long, not this long). */
const MAX_NAME = 64 * 1024;

/** Which names a caller of StringTable.shortAsciiAt() wants decoded: the rest are passed over undecoded. */
export interface NameFilter {
  /** Non-zero at `firstByte << 8 | secondByte` (0 past the table's end) for the start of every wanted name; 65,536 entries. */
  readonly starts: Uint8Array;
  /** Whether a name of this first byte and length (in bytes) can be wanted. */
  fits(firstByte: number, length: number): boolean;
}

/** The NameFilter that lets through exactly the start, first byte and length of each of `names` (ASCII, non-empty). */
export function nameFilter(names: Iterable<string>): NameFilter {
  const starts = new Uint8Array(1 << 16);
  const shapes = new Set<number>();
  for (const name of names) {
    starts[(name.charCodeAt(0) << 8) | (name.length > 1 ? name.charCodeAt(1) : 0)] = 1;
    shapes.add(name.length * 256 + name.charCodeAt(0));
  }
  return { starts, fits: (firstByte, length) => shapes.has(length * 256 + firstByte) };
}

export class StringTable {
  readonly source: ByteSource;
  /** File offset and size of the table. */
  readonly offset: number;
  readonly size: number;
  readonly what: string;
  private readonly blocks = new Map<number, Uint8Array>();
  /** The whole table, once read (small tables that lie inside the file). */
  private whole: Buffer | null = null;

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

  private async readWhole(): Promise<Buffer | null> {
    if (!this.whole && this.size <= WHOLE && this.offset + this.size <= this.source.size) {
      this.whole = await wholeTable(this.source, this.offset, this.size, this.what);
    }
    return this.whole;
  }

  /** Reads the table into memory when it is small enough (the usual case); true when shortAsciiAt() can be used. */
  async load(): Promise<boolean> {
    return (await this.readWhole()) !== null;
  }

  /**
   * The string at `index` when it is ASCII and at most `maxLength` bytes long (and `filter`, when
   * given, lets its first two bytes and its first byte and length through), else null; only after
   * load() returned true. For callers that look for a few short names among many long ones (C++
   * symbols) without decoding the long ones, and without an await per name. Throws as get() does.
   */
  shortAsciiAt(index: number, refOffset: number, maxLength: number, filter?: NameFilter): string | null {
    const whole = this.whole;
    if (!whole) throw new Error('StringTable.shortAsciiAt() before load()');
    if (index >= this.size) throw this.pastEnd(index, refOffset);
    // Most names are turned away by their first two bytes (a C++ name's "_Z"), before the scan for their end.
    if (filter && filter.starts[(whole[index]! << 8) | (index + 1 < this.size ? whole[index + 1]! : 0)] === 0) return null;
    const limit = Math.min(this.size, index + maxLength + 1);
    let end = index;
    for (; end < limit; end++) {
      const b = whole[end]!;
      if (b === 0) break;
      if (b >= 0x80) return null;
    }
    if (end - index > maxLength) return null;
    if (end === index) return '';
    if (filter && !filter.fits(whole[index]!, end - index)) return null;
    return whole.toString('latin1', index, end);
  }

  /** get() without an await, after load() returned true. */
  getNow(index: number, refOffset: number): string {
    const whole = this.whole;
    if (!whole) throw new Error('StringTable.getNow() before load()');
    if (index >= this.size) throw this.pastEnd(index, refOffset);
    return decodeName(whole, index, Math.min(this.size, index + MAX_NAME));
  }

  private pastEnd(index: number, refOffset: number): FormatError {
    return new FormatError(`Cannot read name from ${this.what}: index ${hex(index)} is past its end (size ${hex(this.size)})`, refOffset);
  }

  /** The NUL-terminated string at `index`. `refOffset` is the file offset of the field that named it. */
  async get(index: number, refOffset: number): Promise<string> {
    if (index >= this.size) throw this.pastEnd(index, refOffset);
    const whole = await this.readWhole();
    if (whole) return decodeName(whole, index, Math.min(this.size, index + MAX_NAME));
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

/**
 * Whole tables already read, per source: the dynamic string table is reached three ways (DT_STRTAB,
 * .dynsym's sh_link, the canary scan) and a big one is megabytes.
 */
const tables = new WeakMap<ByteSource, Map<string, Promise<Buffer>>>();

function wholeTable(source: ByteSource, offset: number, size: number, what: string): Promise<Buffer> {
  let bySpan = tables.get(source);
  if (!bySpan) tables.set(source, (bySpan = new Map()));
  const key = `${offset}:${size}`;
  let table = bySpan.get(key);
  if (!table) {
    table = source.read(offset, size, what).then(
      (bytes) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength),
      (error: unknown) => {
        bySpan.delete(key); // the next reader gets its own error, naming its own table
        throw error;
      },
    );
    bySpan.set(key, table);
  }
  return table;
}

/** Shared: a decoder per name costs more than the decoding. */
const utf8 = new TextDecoder();

/** The string from `start` to the first NUL before `limit` (or to `limit`), decoded as UTF-8. */
function decodeName(bytes: Buffer, start: number, limit: number): string {
  let end = start;
  let high = 0;
  for (; end < limit; end++) {
    const b = bytes[end]!;
    if (b === 0) break;
    high |= b;
  }
  if (end === start) return '';
  // ASCII decodes the same as latin1, which needs no decoder state.
  if (high < 0x80) return bytes.toString('latin1', start, end);
  return utf8.decode(bytes.subarray(start, end));
}

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
 * index 0). Scans in bounded chunks, searching each in place (native memmem); a match that
 * straddles two chunks is looked for in the few bytes around their boundary.
 */
export async function stringTableHasPrefix(source: ByteSource, offset: number, size: number, prefix: string, what: string): Promise<boolean> {
  const text = Buffer.from(prefix, 'utf8');
  const end = Math.min(offset + size, source.size);
  // A table small enough to be read whole is read (or found) whole: one search, and shared with name lookups.
  if (offset < end && end - offset <= WHOLE) {
    const chunk = await wholeTable(source, offset, end - offset, what);
    for (let i = chunk.indexOf(text); i >= 0; i = chunk.indexOf(text, i + 1)) {
      if (i === 0 || chunk[i - 1] === 0) return true;
    }
    return false;
  }
  const CHUNK = 1 << 20;
  // The last text.length bytes of the previous chunk; a virtual NUL before index 0.
  let tail: Uint8Array = new Uint8Array([0]);
  for (let pos = offset; pos < end; ) {
    const len = Math.min(CHUNK, end - pos);
    const bytes = await source.read(pos, len, what);
    const chunk = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const before = tail[tail.length - 1]!;
    for (let i = chunk.indexOf(text); i >= 0; i = chunk.indexOf(text, i + 1)) {
      if ((i === 0 ? before : chunk[i - 1]) === 0) return true;
    }
    if (text.length > 1 && tail.length > 1) {
      // NUL + text starting in the previous chunk's tail and ending in this one.
      const boundary = Buffer.concat([tail, chunk.subarray(0, text.length - 1)]);
      for (let i = boundary.indexOf(text, 1); i > 0 && i < tail.length; i = boundary.indexOf(text, i + 1)) {
        if (boundary[i - 1] === 0) return true;
      }
    }
    tail = chunk.subarray(Math.max(0, chunk.length - text.length));
    pos += len;
  }
  return false;
}
