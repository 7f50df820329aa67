/**
 * GNU symbol versioning: the version needs (Verneed/Vernaux, `readelf -V` "Version needs
 * section") and, through .gnu.version (versym), which dynamic symbols need each version.
 */
import type { ByteSource } from '../byte-source.ts';
import { Fields } from '../endian.ts';
import { FormatError, hex } from '../errors.ts';
import type { VersionNeed } from '../types.ts';
import { SHT_DYNSYM, SHT_GNU_VERNEED, SHT_GNU_VERSYM, VERSYM_HIDDEN } from './constants.ts';
import type { DynamicInfo } from './dynamic.ts';
import type { ElfHeader } from './header.ts';
import type { ElfSectionHeader } from './sections.ts';
import { virtualToFile, type ElfProgramHeader } from './segments.ts';
import type { SymbolNames } from './symbol-names.ts';
import { linkedStrings } from './symbols.ts';
import type { StringTable } from './strtab.ts';

const VERNEED_SIZE = 16;
const VERNAUX_SIZE = 16;

interface NeededVersion {
  file: string;
  name: string;
  /** vna_other: the index versym entries use to refer to this version. */
  index: number;
}

/**
 * Where the verneed table starts and how many entries it has: DT_VERNEED/DT_VERNEEDNUM through
 * PT_LOAD (what the loader uses), else the SHT_GNU_VERNEED section and its sh_info. The count
 * decides, not the table's presence: Go's linker writes PIE binaries whose .gnu.version_r is
 * there with zero entries, and a zero count is an empty table.
 */
function locateVerneed(
  source: ByteSource,
  dynamic: DynamicInfo,
  segments: ElfProgramHeader[],
  sections: ElfSectionHeader[],
  warnings: string[],
): { offset: number; count: number; ref: number } | null {
  const section = sections.find((s) => s.type === SHT_GNU_VERNEED);
  if (dynamic.verneed) {
    const count = dynamic.verneed.count ?? section?.info;
    if (count === undefined) {
      warnings.push('Cannot read version needs: DT_VERNEED has no DT_VERNEEDNUM and there is no .gnu.version_r section to count them');
      return null;
    }
    const at = virtualToFile(segments, source.size, dynamic.verneed.addr);
    if (at) return { offset: at.offset, count, ref: at.offset };
  }
  if (section) return { offset: section.offset, count: section.info, ref: section.headerOffset };
  return null;
}

async function readNeededVersions(source: ByteSource, header: ElfHeader, strtab: StringTable, start: number, count: number): Promise<NeededVersion[]> {
  const out: NeededVersion[] = [];
  // Every entry is 16 bytes and distinct, so a walk longer than the file can hold is a loop.
  const maxEntries = Math.floor(source.size / VERNEED_SIZE);
  let visited = 0;
  let offset = start;
  for (let i = 0; i < count; i++) {
    if (++visited > maxEntries) throw new FormatError('Cannot read version needs: vn_next entries form a loop', offset);
    const vn = new Fields(await source.read(offset, VERNEED_SIZE, `version need ${i}`), header.endian, offset);
    const version = vn.u16(0, 'vn_version');
    if (version !== 1) throw new FormatError(`Cannot read version need ${i}: vn_version is ${version}, expected 1`, offset);
    const cnt = vn.u16(2, 'vn_cnt');
    const file = await strtab.get(vn.u32(4, 'vn_file'), offset + 4);
    const auxOff = vn.u32(8, 'vn_aux');
    const next = vn.u32(12, 'vn_next');
    let aux = offset + auxOff;
    for (let j = 0; j < cnt; j++) {
      if (++visited > maxEntries) throw new FormatError('Cannot read version needs: vna_next entries form a loop', aux);
      const vna = new Fields(await source.read(aux, VERNAUX_SIZE, `version need ${i} auxiliary ${j}`), header.endian, aux);
      const other = vna.u16(6, 'vna_other');
      const name = await strtab.get(vna.u32(8, 'vna_name'), aux + 8);
      out.push({ file, name, index: other & ~VERSYM_HIDDEN });
      const auxNext = vna.u32(12, 'vna_next');
      if (auxNext === 0) break;
      aux += auxNext;
    }
    if (next === 0) break;
    offset += next;
  }
  return out;
}

/**
 * Version needs per library, in file order, with the dynamic symbols bound to each version.
 * No verneed table, or one whose count is zero → []; symbols stay empty when there is no .gnu.version/.dynsym to map them.
 */
export async function readVersionNeeds(
  source: ByteSource,
  header: ElfHeader,
  dynamic: DynamicInfo,
  segments: ElfProgramHeader[],
  sections: ElfSectionHeader[],
  symbolNames: (table: ElfSectionHeader) => SymbolNames,
  warnings: string[] = [],
): Promise<VersionNeed[]> {
  const where = locateVerneed(source, dynamic, segments, sections, warnings);
  if (!where || where.count === 0) return [];
  const verneedSection = sections.find((s) => s.type === SHT_GNU_VERNEED);
  const strtab = dynamic.strtab ?? (verneedSection ? linkedStrings(source, sections, verneedSection) : null);
  if (!strtab) throw new FormatError('Cannot read version needs: no dynamic string table to name them', where.ref);
  const needed = await readNeededVersions(source, header, strtab, where.offset, where.count);

  const result: VersionNeed[] = [];
  const byIndex = new Map<number, { need: VersionNeed; name: string }>();
  for (const v of needed) {
    let need = result.find((r) => r.file === v.file);
    if (!need) {
      need = { file: v.file, versions: [], symbols: {} };
      result.push(need);
    }
    if (!need.versions.includes(v.name)) need.versions.push(v.name);
    byIndex.set(v.index, { need, name: v.name });
  }
  await attachSymbols(source, header, sections, symbolNames, byIndex, warnings);
  return result;
}

/** Where the symbols of one version index go: the list is found (or made) at its first symbol. */
interface Bucket {
  need: VersionNeed;
  name: string;
  list: string[] | null;
  names: Set<string> | null;
}

const HOST_LITTLE = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** The `count` u16 entries of .gnu.version: the bytes themselves when byte order and alignment allow (no call per entry). */
function versionIndices(bytes: Uint8Array, count: number, little: boolean): Uint16Array {
  if (little === HOST_LITTLE && bytes.byteOffset % 2 === 0) return new Uint16Array(bytes.buffer, bytes.byteOffset, count);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out = new Uint16Array(count);
  for (let i = 0; i < count; i++) out[i] = view.getUint16(i * 2, little);
  return out;
}

/** Fills VersionNeed.symbols from .gnu.version (one u16 per .dynsym entry). */
async function attachSymbols(
  source: ByteSource,
  header: ElfHeader,
  sections: ElfSectionHeader[],
  symbolNames: (table: ElfSectionHeader) => SymbolNames,
  byIndex: Map<number, { need: VersionNeed; name: string }>,
  warnings: string[],
): Promise<void> {
  const versym = sections.find((s) => s.type === SHT_GNU_VERSYM);
  if (!versym) return;
  const dynsym = versym.link < sections.length ? sections[versym.link] : undefined;
  if (!dynsym || dynsym.type !== SHT_DYNSYM) {
    warnings.push(`Cannot name versioned symbols: .gnu.version sh_link ${versym.link} is not a .dynsym section`);
    return;
  }
  if (!linkedStrings(source, sections, dynsym)) {
    warnings.push(`Cannot name versioned symbols: .dynsym sh_link ${dynsym.link} is not a string table`);
    return;
  }
  const symbols = symbolNames(dynsym);
  const count = Math.min(symbols.count, Math.floor(versym.size / 2));
  if (versym.offset > source.size || count * 2 > source.size - versym.offset) {
    throw new FormatError(`Cannot read .gnu.version: ${hex(count * 2)} bytes at ${hex(versym.offset)} run past end of file`, versym.headerOffset);
  }
  if (count === 0) return;
  const versymBytes = await source.read(versym.offset, count * 2, '.gnu.version');
  const versions = versionIndices(versymBytes, count, header.endian === 'little');
  // By version index (< 0x8000), not a Map: a big program has tens of thousands of entries to look up.
  const byVersion: (Bucket | undefined)[] = [];
  for (const [index, hit] of byIndex) byVersion[index] = { need: hit.need, name: hit.name, list: null, names: null };
  // Names without an await each when the string table is in memory (nearly always): a big
  // program has tens of thousands of versioned symbols.
  const inMemory = await symbols.prepare();
  // Two version indices can name the same library and version: they share one list.
  const seen = new Map<string[], Set<string>>();
  for (let i = 1; i < count; i++) {
    const bucket = byVersion[versions[i]! & ~VERSYM_HIDDEN];
    if (!bucket) continue;
    const name = inMemory ? symbols.nameNow(i) : await symbols.nameAt(i);
    if (!name) continue;
    let list = bucket.list;
    let names = bucket.names;
    if (!list || !names) {
      const symbolsOf = bucket.need.symbols;
      list = Object.hasOwn(symbolsOf, bucket.name) ? symbolsOf[bucket.name]! : null;
      if (!list) {
        list = [];
        // defineProperty: a version named __proto__ must stay a plain key.
        Object.defineProperty(symbolsOf, bucket.name, { value: list, enumerable: true, writable: true, configurable: true });
        seen.set(list, new Set());
      }
      names = seen.get(list)!;
      bucket.list = list;
      bucket.names = names;
    }
    if (!names.has(name)) {
      names.add(name);
      list.push(name);
    }
  }
}
