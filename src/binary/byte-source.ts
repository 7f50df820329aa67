/**
 * ByteSource: the only way readers get bytes. Reads are bounds-checked and fail with a
 * FormatError naming the offset; nothing ever reads a whole large file. `bytesRead`
 * counts what was actually read, so benchmarks can show how little we touch.
 */
import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import { irregularKind, notRegularMessage } from '../util/regular-file.ts';
import { BinaryIoError, FormatError, hex } from './errors.ts';

/** Upper bound for any single read a reader performs on behalf of a length field. */
const MAX_READ = 64 * 1024 * 1024;

export interface ByteSource {
  readonly size: number;
  /** Bytes read so far (for benchmarks). */
  readonly bytesRead: number;
  /** Reads exactly `length` bytes at `offset`, or throws FormatError. `what` names the structure for the message. */
  read(offset: number, length: number, what: string): Promise<Uint8Array>;
  /**
   * Optional: copies `length` bytes at `offset` into `target` synchronously, checked as read() is.
   * For scans that keep nothing (the Go build info search over a C program's whole data segment):
   * they reuse one buffer instead of a fresh allocation per chunk. File sources have it.
   */
  readInto?(offset: number, length: number, what: string, target: Uint8Array): void;
  close(): Promise<void>;
}

function check(size: number, offset: number, length: number, what: string): void {
  if (!Number.isSafeInteger(offset) || !Number.isSafeInteger(length) || offset < 0 || length < 0) {
    throw new FormatError(`Cannot read ${what}: invalid offset ${offset} or length ${length}`, Math.max(0, Number.isFinite(offset) ? offset : 0));
  }
  if (length > MAX_READ) {
    throw new FormatError(`Cannot read ${what}: length ${hex(length)} exceeds the ${MAX_READ >> 20} MiB read limit`, offset);
  }
  if (offset + length > size) {
    throw new FormatError(
      `Cannot read ${what}: ${length} bytes at ${hex(offset)} run past end of file (size ${hex(size)})`,
      offset,
    );
  }
}

export function bytesSource(bytes: Uint8Array): ByteSource {
  let bytesRead = 0;
  return {
    size: bytes.length,
    get bytesRead() {
      return bytesRead;
    },
    async read(offset, length, what) {
      check(bytes.length, offset, length, what);
      bytesRead += length;
      return bytes.subarray(offset, offset + length);
    },
    async close() {},
  };
}

/**
 * Opens a file as a ByteSource. Reads are synchronous pread(2) calls behind the async interface:
 * a reader makes a few dozen small reads per file, and one event-loop round trip each would
 * dominate the time. Files up to 64 KiB are read whole; larger ones through a small LRU of
 * 4 KiB-aligned blocks (readers alternate between a few tables), with big reads going straight
 * to the file.
 */
export async function fileSource(path: string): Promise<ByteSource> {
  let fd: number;
  try {
    // O_NONBLOCK: a FIFO with no writer must not block the open (and with it the event loop and signals).
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (cause) {
    throw new BinaryIoError(`Cannot open ${path}: ${(cause as Error).message}`, { cause });
  }
  let size: number;
  try {
    const st = fstatSync(fd);
    const kind = irregularKind(st);
    if (kind) throw new BinaryIoError(notRegularMessage(path, kind));
    size = st.size;
  } catch (cause) {
    closeSync(fd);
    if (cause instanceof BinaryIoError) throw cause;
    throw new BinaryIoError(`Cannot stat ${path}: ${(cause as Error).message}`, { cause });
  }
  const BLOCK = 4096;
  const MAX_BLOCKS = 16;
  const WHOLE_FILE = 64 * 1024;
  const blocks = new Map<number, Uint8Array>();
  let bytesRead = 0;
  let closed = false;
  function pread(offset: number, length: number, into?: Uint8Array): Uint8Array {
    // Every byte is overwritten below (or we throw): skip the zero-fill.
    const buf = into ?? new Uint8Array(Buffer.allocUnsafeSlow(length).buffer, 0, length);
    let done = 0;
    try {
      while (done < length) {
        const n = readSync(fd, buf, done, length - done, offset + done);
        if (n === 0) throw new BinaryIoError(`Cannot read ${path}: file shrank while reading at ${hex(offset + done)}`);
        done += n;
      }
    } catch (cause) {
      if (cause instanceof BinaryIoError) throw cause;
      throw new BinaryIoError(`Cannot read ${path} at ${hex(offset)}: ${(cause as Error).message}`, { cause });
    }
    bytesRead += length;
    return buf;
  }
  const whole = size <= WHOLE_FILE ? pread(0, size) : null;
  function block(index: number): Uint8Array {
    let b = blocks.get(index);
    if (b) {
      blocks.delete(index); // re-insert: Map order is our LRU order
    } else {
      const start = index * BLOCK;
      b = pread(start, Math.min(BLOCK, size - start));
      if (blocks.size >= MAX_BLOCKS) blocks.delete(blocks.keys().next().value as number);
    }
    blocks.set(index, b);
    return b;
  }
  return {
    size,
    get bytesRead() {
      return bytesRead;
    },
    async read(offset, length, what) {
      check(size, offset, length, what);
      if (closed) throw new BinaryIoError(`Cannot read ${path}: source is closed`);
      if (whole) return whole.subarray(offset, offset + length);
      const first = Math.floor(offset / BLOCK);
      const last = Math.floor((offset + Math.max(length, 1) - 1) / BLOCK);
      if (first === last) {
        const b = block(first);
        return b.subarray(offset - first * BLOCK, offset - first * BLOCK + length);
      }
      if (last - first <= 2) {
        const out = new Uint8Array(length);
        for (let i = first; i <= last; i++) {
          const b = block(i);
          const from = Math.max(offset, i * BLOCK);
          const to = Math.min(offset + length, i * BLOCK + b.length);
          out.set(b.subarray(from - i * BLOCK, to - i * BLOCK), from - offset);
        }
        return out;
      }
      return pread(offset, length);
    },
    readInto(offset, length, what, target) {
      check(size, offset, length, what);
      if (closed) throw new BinaryIoError(`Cannot read ${path}: source is closed`);
      if (length > target.length) throw new RangeError(`readInto: ${length} bytes do not fit a ${target.length}-byte buffer`);
      if (whole) {
        target.set(whole.subarray(offset, offset + length));
        return;
      }
      pread(offset, length, target);
    },
    async close() {
      if (!closed) {
        closed = true;
        closeSync(fd);
      }
    },
  };
}
