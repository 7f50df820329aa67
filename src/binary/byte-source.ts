/**
 * ByteSource: the only way readers get bytes. Reads are bounds-checked and fail with a
 * FormatError naming the offset; nothing ever reads a whole large file. `bytesRead`
 * counts what was actually read, so benchmarks can show how little we touch.
 */
import { open, type FileHandle } from 'node:fs/promises';
import { BinaryIoError, FormatError, hex } from './errors.ts';

/** Upper bound for any single read a reader performs on behalf of a length field. */
export const MAX_READ = 64 * 1024 * 1024;

export interface ByteSource {
  readonly size: number;
  /** Bytes read so far (for benchmarks). */
  readonly bytesRead: number;
  /** Reads exactly `length` bytes at `offset`, or throws FormatError. `what` names the structure for the message. */
  read(offset: number, length: number, what: string): Promise<Uint8Array>;
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

/** Opens a file as a ByteSource. Small reads near each other are served from one cached block. */
export async function fileSource(path: string): Promise<ByteSource> {
  let handle: FileHandle;
  try {
    handle = await open(path, 'r');
  } catch (cause) {
    throw new BinaryIoError(`Cannot open ${path}: ${(cause as Error).message}`, { cause });
  }
  let size: number;
  try {
    const st = await handle.stat();
    if (!st.isFile()) {
      await handle.close();
      throw new BinaryIoError(`Cannot read ${path}: not a regular file`);
    }
    size = st.size;
  } catch (cause) {
    await handle.close().catch(() => {});
    if (cause instanceof BinaryIoError) throw cause;
    throw new BinaryIoError(`Cannot stat ${path}: ${(cause as Error).message}`, { cause });
  }
  const BLOCK = 4096;
  let cacheStart = -1;
  let cache = new Uint8Array(0);
  let bytesRead = 0;
  async function pread(offset: number, length: number): Promise<Uint8Array> {
    const buf = new Uint8Array(length);
    let done = 0;
    while (done < length) {
      const { bytesRead: n } = await handle.read(buf, done, length - done, offset + done);
      if (n === 0) throw new BinaryIoError(`Cannot read ${path}: file shrank while reading at ${hex(offset + done)}`);
      done += n;
    }
    bytesRead += length;
    return buf;
  }
  return {
    size,
    get bytesRead() {
      return bytesRead;
    },
    async read(offset, length, what) {
      check(size, offset, length, what);
      if (cacheStart >= 0 && offset >= cacheStart && offset + length <= cacheStart + cache.length) {
        return cache.subarray(offset - cacheStart, offset - cacheStart + length);
      }
      if (length < BLOCK) {
        const start = offset - (offset % BLOCK);
        const len = Math.min(BLOCK * 2, size - start);
        if (offset + length <= start + len) {
          cache = await pread(start, len);
          cacheStart = start;
          return cache.subarray(offset - start, offset - start + length);
        }
      }
      try {
        return await pread(offset, length);
      } catch (cause) {
        if (cause instanceof BinaryIoError) throw cause;
        throw new BinaryIoError(`Cannot read ${path} at ${hex(offset)}: ${(cause as Error).message}`, { cause });
      }
    },
    async close() {
      await handle.close();
    },
  };
}
