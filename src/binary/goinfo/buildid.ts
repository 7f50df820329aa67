/**
 * Go build IDs. ELF carries one in the `.note.go.buildid` note (name "Go\0\0", type 4); PE and
 * Mach-O carry it as text near the start of the text section: `\xff Go build ID: "…"\n \xff`
 * (cmd/internal/buildid). Both are decoded here.
 */
import type { ExeAdapter } from '../exe.ts';
import { unquote } from './strconv.ts';

/** What follows the 0xff byte that starts the build ID text. */
const PREFIX = new TextEncoder().encode(' Go build ID: "');
const SUFFIX = new Uint8Array([0x22, 0x0a, 0x20, 0xff]); // "\"\n \xff"
/** cmd/internal/buildid reads this much from the start of text. */
const SEARCH_SIZE = 32 * 1024;
/** A build ID is a few hashes joined by '/'; anything much longer is not one. */
const MAX_ID = 1024;

/** Name and type of the ELF note that holds the Go build ID. */
export const GO_BUILDID_NOTE_NAME = 'Go';
export const GO_BUILDID_NOTE_TYPE = 4;

/** Shared: constructing a decoder costs more than decoding an ID. */
const utf8 = new TextDecoder();

/** The Go build ID from the contents (desc) of a `.note.go.buildid` note. */
export function decodeGoBuildIdNote(desc: Uint8Array): string {
  let end = desc.length;
  // The linker writes the ID without a NUL; tolerate trailing NUL padding.
  while (end > 0 && desc[end - 1] === 0) end--;
  return utf8.decode(desc.subarray(0, end));
}

function indexOf(hay: Uint8Array, needle: Uint8Array, from: number): number {
  const first = needle[0]!;
  outer: for (let i = hay.indexOf(first, from); i >= 0 && i + needle.length <= hay.length; i = hay.indexOf(first, i + 1)) {
    for (let j = 1; j < needle.length; j++) if (hay[i + j] !== needle[j]) continue outer;
    return i;
  }
  return -1;
}

/** Finds `\xff Go build ID: "…"\n \xff` in bytes; returns the unquoted ID or null. */
export function findGoBuildIdInBytes(bytes: Uint8Array): string | null {
  for (let i = bytes.indexOf(0xff); i >= 0; i = bytes.indexOf(0xff, i + 1)) {
    if (indexOf(bytes.subarray(i + 1, i + 1 + PREFIX.length), PREFIX, 0) !== 0) continue;
    const quoteAt = i + PREFIX.length; // the opening quote
    const end = indexOf(bytes.subarray(0, Math.min(bytes.length, quoteAt + MAX_ID)), SUFFIX, quoteAt + 1);
    if (end < 0) return null;
    const quoted = new TextDecoder('latin1').decode(bytes.subarray(quoteAt, end + 1));
    return unquote(quoted);
  }
  return null;
}

/** The Go build ID near the start of the executable's text (PE, Mach-O); null when there is none. */
export async function findGoBuildIdInText(exe: ExeAdapter): Promise<string | null> {
  for (const region of exe.textRegions()) {
    const size = Math.min(region.size, SEARCH_SIZE, exe.source.size - region.offset);
    if (region.offset < 0 || size <= 0) continue;
    const bytes = await exe.source.read(region.offset, size, 'Go build ID text');
    const id = findGoBuildIdInBytes(bytes);
    if (id !== null) return id;
  }
  return null;
}
