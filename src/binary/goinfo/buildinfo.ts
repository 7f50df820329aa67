/**
 * Go build info (`go version -m`), written once over the ExeAdapter interface.
 * Follows Go's debug/buildinfo: find the 32-byte header by its magic at a 16-byte aligned offset
 * of the data region, then read the version and modinfo strings inline (Go >= 1.18) or through
 * two pointers to Go string headers (older Go).
 */
import type { ByteSource } from '../byte-source.ts';
import { FormatError, hex } from '../errors.ts';
import type { ExeAdapter, Region } from '../exe.ts';
import type { GoBuildInfo } from '../types.ts';
import { parseModInfo } from './modinfo.ts';

export { parseModInfo, type ModInfo } from './modinfo.ts';

const MAGIC = new Uint8Array([0xff, 0x20, 0x47, 0x6f, 0x20, 0x62, 0x75, 0x69, 0x6c, 0x64, 0x69, 0x6e, 0x66, 0x3a]); // "\xff Go buildinf:"
const MAGIC_BUFFER = Buffer.from(MAGIC);
const ALIGN = 16;
const HEADER_SIZE = 32;
/** The linker puts the header at the start of the region; start small and grow, so Go binaries cost few bytes. */
const FIRST_CHUNK = 4096;
const MAX_CHUNK = 1 << 20;
/** Longest version or modinfo string we accept (Go's own modinfo is a few KiB; huge dependency graphs stay far below this). */
const MAX_STRING = 16 << 20;

function isMagicAt(bytes: Uint8Array, at: number): boolean {
  if (at + MAGIC.length > bytes.length) return false;
  for (let i = 0; i < MAGIC.length; i++) if (bytes[at + i] !== MAGIC[i]) return false;
  return true;
}

/**
 * One buffer for every search in this thread, for sources that can fill it (readInto): a C program
 * has no build info, and the search reads its whole data segment. Filled and searched with no
 * await in between, so concurrent inspections cannot overwrite each other's bytes.
 */
let scratch = new Uint8Array(0);

function readChunkNow(readInto: NonNullable<ByteSource['readInto']>, offset: number, length: number): Uint8Array {
  if (scratch.length < length) scratch = new Uint8Array(Math.max(length, Math.min(scratch.length * 2, MAX_CHUNK)));
  readInto(offset, length, 'Go build info data', scratch);
  return scratch.subarray(0, length);
}

/** File offset of the build info header in `region`, or null. Reads in growing, bounded chunks. */
async function searchMagic(exe: ExeAdapter, region: Region): Promise<number | null> {
  const size = Math.min(region.size, exe.source.size - region.offset);
  if (region.offset < 0 || size < HEADER_SIZE) return null;
  const readInto = exe.source.readInto?.bind(exe.source);
  let chunk = FIRST_CHUNK;
  for (let pos = 0; pos + HEADER_SIZE <= size; ) {
    const len = Math.min(chunk, size - pos);
    // With readInto, searched before the next await: the scratch buffer is shared.
    const bytes = readInto ? readChunkNow(readInto, region.offset + pos, len) : await exe.source.read(region.offset + pos, len, 'Go build info data');
    // pos and chunk sizes are multiples of ALIGN, so aligned offsets never straddle chunks.
    // Native memmem over the chunk, keeping only 16-byte aligned hits (as Go does); a JS loop over
    // the aligned offsets alone measured slower (callgrind, bench corpus).
    const hay = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    for (let i = hay.indexOf(MAGIC_BUFFER); i >= 0; i = hay.indexOf(MAGIC_BUFFER, i + 1)) {
      if (i % ALIGN === 0 && isMagicAt(bytes, i)) return pos + i + HEADER_SIZE <= size ? region.offset + pos + i : null;
    }
    pos += len;
    chunk = Math.min(chunk * 2, MAX_CHUNK);
  }
  return null;
}

/** Reads a uvarint at file offset `at` (not past `end`); returns [value, bytes used]. */
async function readUvarint(exe: ExeAdapter, at: number, end: number): Promise<[number, number]> {
  const avail = Math.min(10, end - at);
  if (avail <= 0) throw new FormatError('Cannot read Go build info: string length is past the end of its region', at);
  const bytes = await exe.source.read(at, avail, 'Go build info string length');
  let value = 0;
  let scale = 1;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    value += (b & 0x7f) * scale;
    if (b < 0x80) {
      if (!Number.isSafeInteger(value)) break;
      return [value, i + 1];
    }
    scale *= 128;
  }
  throw new FormatError('Cannot read Go build info: malformed string length (uvarint)', at);
}

/** An inline string (uvarint length + bytes) at file offset `at`; returns [text, next offset]. */
async function readInlineString(exe: ExeAdapter, at: number, end: number, what: string): Promise<[Uint8Array, number]> {
  const [length, used] = await readUvarint(exe, at, end);
  const start = at + used;
  if (length > end - start || length > MAX_STRING) {
    throw new FormatError(`Cannot read Go build info ${what}: length ${hex(length)} runs past the end of its region (${hex(end)})`, at);
  }
  const bytes = length === 0 ? new Uint8Array(0) : await exe.source.read(start, length, `Go build info ${what}`);
  return [bytes, start + length];
}

const EMPTY = new Uint8Array(0);

/** Old format: a Go string header {data, len} at virtual address `addr`; empty when unresolvable (as Go does). */
async function readPointedString(exe: ExeAdapter, addr: bigint, ptrSize: 4 | 8, little: boolean): Promise<Uint8Array> {
  const readPtr = (b: Uint8Array, at: number): bigint => {
    const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
    return ptrSize === 8 ? view.getBigUint64(at, little) : BigInt(view.getUint32(at, little));
  };
  const hdr = await exe.readVirtual(addr, 2 * ptrSize);
  if (!hdr || hdr.length < 2 * ptrSize) return EMPTY;
  const dataAddr = readPtr(hdr, 0);
  const dataLen = readPtr(hdr, ptrSize);
  if (dataLen > BigInt(Math.min(MAX_STRING, exe.source.size))) return EMPTY;
  const data = await exe.readVirtual(dataAddr, Number(dataLen));
  if (!data || data.length < Number(dataLen)) return EMPTY;
  return data;
}

/** Version and raw modinfo (sentinels stripped), or null when there is no Go build info. */
export async function readRawGoBuildInfo(exe: ExeAdapter): Promise<{ version: string; modinfo: string } | null> {
  for (const region of exe.buildInfoRegions()) {
    if (region.size === 0) continue;
    const at = await searchMagic(exe, region);
    if (at === null) continue;
    const header = await exe.source.read(at, HEADER_SIZE, 'Go build info header');
    const ptrSize = header[14]!;
    const flags = header[15]!;
    let version: Uint8Array;
    let modinfo: Uint8Array;
    if (flags & 2) {
      const end = region.offset + Math.min(region.size, exe.source.size - region.offset);
      let next: number;
      [version, next] = await readInlineString(exe, at + HEADER_SIZE, end, 'version');
      [modinfo] = await readInlineString(exe, next, end, 'module info');
    } else {
      if (ptrSize !== 4 && ptrSize !== 8) return null;
      const little = flags === 0;
      const view = new DataView(header.buffer, header.byteOffset, header.byteLength);
      const ptr = (o: number): bigint => (ptrSize === 8 ? view.getBigUint64(o, little) : BigInt(view.getUint32(o, little)));
      version = await readPointedString(exe, ptr(16), ptrSize, little);
      modinfo = await readPointedString(exe, ptr(16 + ptrSize), ptrSize, little);
    }
    if (version.length === 0) return null;
    return { version: utf8.decode(version), modinfo: utf8.decode(stripSentinels(modinfo)) };
  }
  return null;
}

/** Shared: one decoder per file cost more than the decoding. */
const utf8 = new TextDecoder();

/** cmd/go wraps modinfo in 16-byte sentinels; anything else means no module info. */
function stripSentinels(mod: Uint8Array): Uint8Array {
  // On bytes: the sentinels are not UTF-8, so decoding first would shift the offsets.
  return mod.length >= 33 && mod[mod.length - 17] === 0x0a ? mod.subarray(16, mod.length - 16) : EMPTY;
}

/**
 * Go build info of the executable, or null when it is not a Go binary.
 * Throws FormatError when the header is found but what follows it is malformed.
 */
export async function readGoBuildInfo(exe: ExeAdapter): Promise<GoBuildInfo | null> {
  const raw = await readRawGoBuildInfo(exe);
  if (!raw) return null;
  const mod = parseModInfo(raw.modinfo);
  return { version: raw.version, path: mod.path, main: mod.main, deps: mod.deps, settings: mod.settings };
}
