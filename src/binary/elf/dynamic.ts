/**
 * The dynamic section: DT_NEEDED, DT_RPATH, DT_RUNPATH, flags, and where the dynamic string table
 * and the version tables are. Read from PT_DYNAMIC (what the loader uses), else the .dynamic section.
 */
import type { ByteSource } from '../byte-source.ts';
import { Fields } from '../endian.ts';
import { FormatError, hex } from '../errors.ts';
import {
  DT_BIND_NOW,
  DT_DEBUG,
  DT_FLAGS,
  DT_FLAGS_1,
  DT_NEEDED,
  DT_NULL,
  DT_RPATH,
  DT_RUNPATH,
  DT_SONAME,
  DT_STRSZ,
  DT_STRTAB,
  DT_VERNEED,
  DT_VERNEEDNUM,
  DT_VERSYM,
  DYN_SIZE,
  PT_DYNAMIC,
  SHT_DYNAMIC,
} from './constants.ts';
import type { ElfHeader } from './header.ts';
import type { ElfSectionHeader } from './sections.ts';
import { virtualToFile, type ElfProgramHeader } from './segments.ts';
import { StringTable } from './strtab.ts';

export interface DynamicEntry {
  tag: number;
  value: bigint;
  /** File offset of the entry (for error messages). */
  offset: number;
}

export interface DynamicInfo {
  /** False when the file has no PT_DYNAMIC and no .dynamic section. */
  present: boolean;
  entries: DynamicEntry[];
  needed: string[];
  soname: string | null;
  rpath: string[];
  runpath: string[];
  flags: number;
  flags1: number;
  bindNow: boolean;
  /** DT_DEBUG: present in executables (the debugger hook), absent in libraries. */
  hasDebug: boolean;
  /** The dynamic string table, when it could be located. */
  strtab: StringTable | null;
  /** DT_VERNEED and DT_VERNEEDNUM (null when the entry is missing). */
  verneed: { addr: bigint; count: number | null } | null;
  versymAddr: bigint | null;
}

const EMPTY: DynamicInfo = {
  present: false,
  entries: [],
  needed: [],
  soname: null,
  rpath: [],
  runpath: [],
  flags: 0,
  flags1: 0,
  bindNow: false,
  hasDebug: false,
  strtab: null,
  verneed: null,
  versymAddr: null,
};

async function readEntries(source: ByteSource, header: ElfHeader, offset: number, size: number, what: string): Promise<DynamicEntry[]> {
  const entSize = DYN_SIZE[header.bits];
  const count = Math.floor(size / entSize);
  if (count === 0) return [];
  const f = new Fields(await source.read(offset, count * entSize, what), header.endian, offset);
  const entries: DynamicEntry[] = [];
  for (let i = 0; i < count; i++) {
    const b = i * entSize;
    const tag = header.bits === 64 ? Number(BigInt.asIntN(64, f.u64big(b, 'd_tag'))) : f.i32(b, 'd_tag');
    const value = header.bits === 64 ? f.u64big(b + 8, 'd_val') : BigInt(f.u32(b + 4, 'd_val'));
    if (tag === DT_NULL) break;
    entries.push({ tag, value, offset: offset + b });
  }
  return entries;
}

/** Locates and reads the dynamic section. Absent → `present: false` and empty lists. */
export async function readDynamic(
  source: ByteSource,
  header: ElfHeader,
  segments: ElfProgramHeader[],
  sections: ElfSectionHeader[],
  warnings: string[],
): Promise<DynamicInfo> {
  const phdr = segments.find((p) => p.type === PT_DYNAMIC);
  const shdr = sections.find((s) => s.type === SHT_DYNAMIC);
  let entries: DynamicEntry[];
  if (phdr) {
    if (phdr.offset > source.size || phdr.filesz > source.size - phdr.offset) {
      throw new FormatError(
        `Cannot read dynamic segment: ${hex(phdr.filesz)} bytes at p_offset ${hex(phdr.offset)} run past end of file (size ${hex(source.size)})`,
        phdr.headerOffset,
      );
    }
    entries = await readEntries(source, header, phdr.offset, phdr.filesz, 'dynamic segment');
  } else if (shdr) {
    if (shdr.offset > source.size || shdr.size > source.size - shdr.offset) {
      throw new FormatError(`Cannot read .dynamic section: ${hex(shdr.size)} bytes at sh_offset ${hex(shdr.offset)} run past end of file`, shdr.headerOffset);
    }
    entries = await readEntries(source, header, shdr.offset, shdr.size, '.dynamic section');
  } else {
    return { ...EMPTY, entries: [], needed: [], rpath: [], runpath: [] };
  }

  // The first entry of each tag looked up below, in one pass (a find() per tag was a closure and a walk each).
  let strtabEntry: DynamicEntry | undefined;
  let strszEntry: DynamicEntry | undefined;
  let firstNeeded: DynamicEntry | undefined;
  let verneed: DynamicEntry | undefined;
  let verneedNum: DynamicEntry | undefined;
  for (const e of entries) {
    if (e.tag === DT_STRTAB) strtabEntry ??= e;
    else if (e.tag === DT_STRSZ) strszEntry ??= e;
    else if (e.tag === DT_NEEDED) firstNeeded ??= e;
    else if (e.tag === DT_VERNEED) verneed ??= e;
    else if (e.tag === DT_VERNEEDNUM) verneedNum ??= e;
  }
  const strtab = locateStrtab(source, segments, sections, shdr, strtabEntry, strszEntry, warnings);
  const str = async (e: DynamicEntry): Promise<string> => {
    if (!strtab) return '';
    if (e.value >= BigInt(strtab.size)) {
      throw new FormatError(`Cannot read dynamic entry string: index ${hex(e.value)} is past the end of the dynamic string table (size ${hex(strtab.size)})`, e.offset);
    }
    return strtab.get(Number(e.value), e.offset);
  };

  const info: DynamicInfo = { ...EMPTY, present: true, entries, needed: [], rpath: [], runpath: [], strtab };
  if (!strtab && firstNeeded) warnings.push('Cannot name the needed libraries: the dynamic string table cannot be located');
  for (const e of entries) {
    switch (e.tag) {
      case DT_NEEDED:
        if (strtab) info.needed.push(await str(e));
        break;
      case DT_SONAME:
        if (strtab) info.soname = await str(e);
        break;
      case DT_RPATH:
        if (strtab) info.rpath.push(...splitPath(await str(e)));
        break;
      case DT_RUNPATH:
        if (strtab) info.runpath.push(...splitPath(await str(e)));
        break;
      case DT_FLAGS:
        info.flags = Number(e.value & 0xffffffffn);
        break;
      case DT_FLAGS_1:
        info.flags1 = Number(e.value & 0xffffffffn);
        break;
      case DT_BIND_NOW:
        info.bindNow = true;
        break;
      case DT_DEBUG:
        info.hasDebug = true;
        break;
      case DT_VERSYM:
        info.versymAddr = e.value;
        break;
    }
  }
  if (verneed) info.verneed = { addr: verneed.value, count: verneedNum ? Number(verneedNum.value & 0xffffffffn) : null };
  return info;
}

function splitPath(text: string): string[] {
  return text === '' ? [] : text.split(':');
}

/** DT_STRTAB mapped through PT_LOAD (as the loader does), else the section .dynamic links to, else .dynstr. */
function locateStrtab(
  source: ByteSource,
  segments: ElfProgramHeader[],
  sections: ElfSectionHeader[],
  dynSection: ElfSectionHeader | undefined,
  strtabEntry: DynamicEntry | undefined,
  strszEntry: DynamicEntry | undefined,
  warnings: string[],
): StringTable | null {
  if (strtabEntry) {
    const at = virtualToFile(segments, source.size, strtabEntry.value);
    if (at) {
      const claimed = strszEntry ? strszEntry.value : BigInt(at.available);
      const size = Number(claimed < BigInt(at.available) ? claimed : BigInt(at.available));
      return new StringTable(source, at.offset, size, 'dynamic string table');
    }
  }
  const linked = dynSection && dynSection.link < sections.length ? sections[dynSection.link] : sections.find((s) => s.name === '.dynstr');
  if (linked && linked.offset <= source.size) {
    return new StringTable(source, linked.offset, Math.min(linked.size, source.size - linked.offset), 'dynamic string table');
  }
  if (strtabEntry) warnings.push(`Cannot read dynamic strings: DT_STRTAB ${hex(strtabEntry.value)} is not in any loaded segment`);
  return null;
}
