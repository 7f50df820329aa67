/**
 * Seed executables for the inspect fuzz test, and where their structures live. The region finder
 * reads pristine, well-formed seeds only, with just enough of each format to aim mutations at
 * headers, tables, notes and Go build info instead of at code bytes.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { Seed } from './mutate.ts';

type Region = [number, number];

/** First 256 bytes of a structure are where its headers and counts are. */
const HEAD = 256;

function reader(bytes: Uint8Array, little: boolean) {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const ok = (at: number, n: number): boolean => at >= 0 && at + n <= bytes.length;
  return {
    u16: (at: number): number => (ok(at, 2) ? view.getUint16(at, little) : 0),
    u32: (at: number): number => (ok(at, 4) ? view.getUint32(at, little) : 0),
    u64: (at: number): number => (ok(at, 8) ? Number(view.getBigUint64(at, little)) : 0),
  };
}

function elfRegions(b: Uint8Array): Region[] {
  const is64 = b[4] === 2;
  const r = reader(b, b[5] !== 2);
  const word = is64 ? r.u64 : r.u32;
  const regions: Region[] = [[0, is64 ? 64 : 52]];
  const phoff = word(is64 ? 0x20 : 0x1c);
  const shoff = word(is64 ? 0x28 : 0x20);
  const phentsize = r.u16(is64 ? 0x36 : 0x2a);
  const phnum = r.u16(is64 ? 0x38 : 0x2c);
  const shentsize = r.u16(is64 ? 0x3a : 0x2e);
  const shnum = r.u16(is64 ? 0x3c : 0x30);
  if (phoff) regions.push([phoff, phoff + phnum * phentsize]);
  for (let i = 0; i < phnum; i++) {
    const at = phoff + i * phentsize;
    const offset = word(at + (is64 ? 8 : 4));
    const filesz = word(at + (is64 ? 0x20 : 0x10));
    if (filesz) regions.push([offset, offset + Math.min(filesz, HEAD)]);
  }
  if (shoff) regions.push([shoff, shoff + shnum * shentsize]);
  for (let i = 0; i < shnum; i++) {
    const at = shoff + i * shentsize;
    const type = r.u32(at + 4);
    const offset = word(at + (is64 ? 0x18 : 0x10));
    const size = word(at + (is64 ? 0x20 : 0x14));
    if (type !== 8 && size) regions.push([offset, offset + Math.min(size, HEAD)]);
  }
  return regions;
}

function peRegions(b: Uint8Array): Region[] {
  const r = reader(b, true);
  const lfanew = r.u32(0x3c);
  const regions: Region[] = [[0, 0x40], [lfanew, lfanew + 24 + r.u16(lfanew + 20)]];
  const sections = lfanew + 24 + r.u16(lfanew + 20);
  const count = r.u16(lfanew + 6);
  regions.push([sections, sections + count * 40]);
  for (let i = 0; i < count; i++) {
    const at = sections + i * 40;
    const size = r.u32(at + 16);
    const ptr = r.u32(at + 20);
    if (size && ptr) regions.push([ptr, ptr + Math.min(size, HEAD)]);
  }
  return regions;
}

function machoRegions(b: Uint8Array, base = 0): Region[] {
  const magicLe = reader(b, true).u32(base);
  const little = magicLe === 0xfeedface || magicLe === 0xfeedfacf;
  const r = reader(b, little);
  const is64 = (little ? magicLe : r.u32(base)) === 0xfeedfacf;
  const header = is64 ? 32 : 28;
  return [[base, base + header + r.u32(base + 20)]];
}

function fatRegions(b: Uint8Array): Region[] {
  const r = reader(b, false);
  const n = r.u32(4);
  const regions: Region[] = [[0, 8 + n * 20]];
  for (let i = 0; i < n; i++) regions.push(...machoRegions(b, r.u32(8 + i * 20 + 8)));
  return regions;
}

/** Occurrences of Go's markers (build info header, build ID text) as regions. */
function markerRegions(b: Uint8Array): Region[] {
  const regions: Region[] = [];
  const text = Buffer.from(b.buffer, b.byteOffset, b.byteLength);
  for (const marker of ['\xff Go buildinf:', '\xff Go build ID: "', 'Go\0\0']) {
    const needle = Buffer.from(marker, 'latin1');
    for (let at = text.indexOf(needle); at >= 0 && regions.length < 16; at = text.indexOf(needle, at + 1)) regions.push([at, at + 96]);
  }
  return regions;
}

/** Structural regions of a well-formed executable, clipped to its size. */
export function regionsOf(bytes: Uint8Array): Region[] {
  const magic = reader(bytes, false).u32(0);
  let regions: Region[] = [[0, 64]];
  if (magic === 0x7f454c46) regions = elfRegions(bytes);
  else if (bytes[0] === 0x4d && bytes[1] === 0x5a) regions = peRegions(bytes);
  else if (magic === 0xcafebabe) regions = fatRegions(bytes);
  else regions = machoRegions(bytes);
  return [...regions, ...markerRegions(bytes)]
    .map(([s, e]): Region => [Math.max(0, Math.min(s, bytes.length)), Math.max(0, Math.min(e, bytes.length))])
    .filter(([s, e]) => e > s);
}

export function seed(name: string, bytes: Uint8Array, weight = 1): Seed {
  return { name, bytes, regions: regionsOf(bytes), weight };
}

/** Go's own reader fixtures: $GOROOT/src/debug/{elf,pe,macho}/testdata (Mach-O base64, core gzipped). */
export async function goFixtureSeeds(goroot: string): Promise<Seed[]> {
  const seeds: Seed[] = [];
  for (const format of ['elf', 'pe', 'macho']) {
    const dir = join(goroot, 'src/debug', format, 'testdata');
    for (const name of (await readdir(dir)).sort()) {
      if (name.endsWith('.c')) continue;
      let bytes: Uint8Array = await readFile(join(dir, name));
      if (name.endsWith('.base64')) bytes = Buffer.from(Buffer.from(bytes).toString('latin1'), 'base64');
      else if (name.endsWith('.gz')) bytes = gunzipSync(bytes);
      seeds.push(seed(`${format}/testdata/${name}`, new Uint8Array(bytes)));
    }
  }
  return seeds;
}
