/**
 * A ByteSource over one slice of a fat Mach-O file: offsets are slice-relative, reads cannot leave
 * the slice, and errors name absolute file offsets so they point at the real byte.
 */
import type { ByteSource } from '../byte-source.ts';
import { FormatError, hex } from '../errors.ts';

export function sliceSource(parent: ByteSource, start: number, size: number): ByteSource {
  let bytesRead = 0;
  const inSlice = (offset: number, length: number, what: string): void => {
    if (!Number.isSafeInteger(offset) || !Number.isSafeInteger(length) || offset < 0 || length < 0 || offset + length > size) {
      throw new FormatError(
        `Cannot read ${what}: ${length} bytes at slice offset ${hex(Math.max(0, offset))} run past the end of the slice (size ${hex(size)}, at ${hex(start)})`,
        start + Math.max(0, Number.isSafeInteger(offset) ? offset : 0),
      );
    }
  };
  const parentInto = parent.readInto?.bind(parent);
  return {
    size,
    get bytesRead() {
      return bytesRead;
    },
    async read(offset, length, what) {
      inSlice(offset, length, what);
      const bytes = await parent.read(start + offset, length, what);
      bytesRead += length;
      return bytes;
    },
    ...(parentInto && {
      readInto(offset: number, length: number, what: string, target: Uint8Array) {
        inSlice(offset, length, what);
        parentInto(start + offset, length, what, target);
        bytesRead += length;
      },
    }),
    // The parent owns the file handle.
    async close() {},
  };
}
