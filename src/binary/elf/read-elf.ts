/**
 * readElf(): every fact gocross reports about an ELF file, reading only the ranges it needs.
 * Tables the loader relies on (headers, dynamic section, version needs) are fatal when broken;
 * informational ones (notes, symbol tables, Go build info) become warnings.
 */
import type { ByteSource } from '../byte-source.ts';
import { BinaryError } from '../errors.ts';
import { readGoBuildInfo } from '../goinfo/buildinfo.ts';
import type { BinaryInfo, Section, Segment } from '../types.ts';
import { elfExeAdapter } from './adapter.ts';
import {
  DT_FLAGS_1,
  EM_NAMES,
  EM_SHORT_NAMES,
  ET_NAMES,
  OSABI_NAMES,
  PT_DYNAMIC,
  PT_INTERP,
  PT_NAMES,
  SHF_FLAG_NAMES,
  SHT_NAMES,
  SHT_NOBITS,
  SHT_NULL,
  SHT_SYMTAB,
  goArchOf,
  nameOf,
} from './constants.ts';
import { hasCanary } from './canary.ts';
import { readDynamic } from './dynamic.ts';
import { describeFlags } from './flags.ts';
import { readFortify } from './fortify.ts';
import { gnuProperties } from './gnu-property.ts';
import { requiredGlibc } from './glibc.ts';
import { elfGoos } from './goos.ts';
import { readElfHeader, type ElfHeader } from './header.ts';
import { readInterpreter } from './interp.ts';
import { elfKind, elfLinkage, isPie } from './linkage.ts';
import { noteFacts, readNotes } from './notes.ts';
import { readSectionHeaders, type ElfSectionHeader } from './sections.ts';
import { elfSecurity } from './security.ts';
import { symbolNamesOf } from './symbol-names.ts';
import { readProgramHeaders, segmentFlagString, type ElfProgramHeader } from './segments.ts';
import { readVersionNeeds } from './versions.ts';

export { readElfHeader, type ElfHeader } from './header.ts';
export { readSectionHeaders, readSectionData, type ElfSectionHeader } from './sections.ts';
export { readProgramHeaders, virtualToFile, type ElfProgramHeader } from './segments.ts';
export { readElfSymbols, iterateSymbols, type ElfSymbol } from './symbols.ts';
export { elfExeAdapter } from './adapter.ts';

export interface ElfLayout {
  header: ElfHeader;
  /** Section headers in index order (raw offsets, sizes, links; names resolved). */
  sections: ElfSectionHeader[];
  /** Program headers in index order (raw offsets and sizes). */
  segments: ElfProgramHeader[];
}

/** Headers, section and program header tables: the raw layout, for tools that rewrite or measure files. */
export async function readElfLayout(source: ByteSource): Promise<ElfLayout> {
  const header = await readElfHeader(source);
  const sections = await readSectionHeaders(source, header);
  const segments = await readProgramHeaders(source, header);
  return { header, sections, segments };
}

const hexAddr = (n: bigint): string => `0x${n.toString(16)}`;

/** Runs an informational step; a format problem becomes a warning instead of failing the file. */
async function optional<T>(warnings: string[], fallback: T, step: () => Promise<T>): Promise<T> {
  try {
    return await step();
  } catch (error) {
    if (!(error instanceof BinaryError) || error.code !== 'format-error') throw error;
    warnings.push(error.message);
    return fallback;
  }
}

/** The SHF_* names set in `flags`, in table order (a plain loop: every section of every file passes here). */
function flagNames(flags: number): string[] {
  const names: string[] = [];
  for (let i = 0; i < SHF_FLAG_NAMES.length; i++) {
    const entry = SHF_FLAG_NAMES[i]!; // not destructured: that is the iterator protocol, slow before the JIT
    if ((flags & entry[0]) !== 0) names.push(entry[1]);
  }
  return names;
}

function toSection(s: ElfSectionHeader): Section {
  const nobits = s.type === SHT_NOBITS;
  const section: Section = {
    name: s.name,
    size: nobits ? 0 : s.size,
    offset: nobits ? null : s.offset,
    address: hexAddr(s.addr),
    type: nameOf(SHT_NAMES, s.type),
    flags: flagNames(s.flags),
  };
  if (nobits) section.memSize = s.size;
  return section;
}

export async function readElf(source: ByteSource): Promise<BinaryInfo> {
  const warnings: string[] = [];
  const header = await readElfHeader(source);
  const segments = await readProgramHeaders(source, header);
  const sections = await readSectionHeaders(source, header, warnings);
  const interpreter = await readInterpreter(source, segments);
  const dynamic = await readDynamic(source, header, segments, sections, warnings);
  const symbolNames = symbolNamesOf(source, header, sections);
  const versionNeeds = await readVersionNeeds(source, header, dynamic, segments, sections, symbolNames, warnings);
  const noteList = await optional(warnings, [], () => readNotes(source, header, sections, segments, warnings));
  const notes = noteFacts(noteList, header);
  const properties = await optional(warnings, { x86IsaNeeded: [], x86Features: [], aarch64Features: [] }, async () => gnuProperties(noteList, header));
  const go = await optional(warnings, null, () => readGoBuildInfo(elfExeAdapter(source, header, segments, sections)));
  const canary = await optional(warnings, false, () => hasCanary(source, sections, go, dynamic.needed.length > 0, warnings));
  const fortify = await optional(warnings, { fortified: 0, fortifiable: 0 }, () => readFortify(sections, symbolNames));

  const linkFacts = {
    type: header.type,
    hasDynamic: segments.some((p) => p.type === PT_DYNAMIC) || dynamic.present,
    hasInterp: segments.some((p) => p.type === PT_INTERP),
    hasDebug: dynamic.hasDebug,
    neededCount: dynamic.needed.length,
    flags1: dynamic.flags1,
    hasFlags1: dynamic.entries.some((e) => e.tag === DT_FLAGS_1),
  };
  const kind = elfKind(linkFacts);
  const pie = isPie(linkFacts);
  const little = header.endian === 'little';
  const flagWords = describeFlags(header.machine, header.flags);
  const details: BinaryInfo['details'] = {
    type: nameOf(ET_NAMES, header.type),
    machineCode: header.machine,
    osabi: nameOf(OSABI_NAMES, header.osabi),
    abiVersion: header.abiVersion,
    entry: hexAddr(header.entry),
    flags: `0x${header.flags.toString(16)}`,
  };
  if (flagWords.length > 0) details.flagsText = flagWords.join(', ');
  if (dynamic.soname) details.soname = dynamic.soname;
  if (notes.abiTag) details.abiTag = `${notes.abiTag.goos ?? `os ${notes.abiTag.os}`} ${notes.abiTag.kernel}`;

  return {
    format: 'elf',
    goos: elfGoos({
      goSetting: go?.settings.GOOS ?? null,
      osabi: header.osabi,
      identNote: notes.identGoos,
      abiTag: notes.abiTag?.goos ?? null,
      interpreter,
    }),
    goarch: goArchOf(header.machine, header.bits, little),
    machine: EM_SHORT_NAMES.get(header.machine) ?? nameOf(EM_NAMES, header.machine),
    bits: header.bits,
    endian: header.endian,
    kind,
    pie,
    linkage: elfLinkage(linkFacts),
    interpreter,
    needed: dynamic.needed,
    rpath: dynamic.rpath,
    runpath: dynamic.runpath,
    versionNeeds,
    requiredGlibc: requiredGlibc(versionNeeds),
    buildId: { gnu: notes.gnuBuildId, go: notes.goBuildId },
    stripped: !sections.some((s) => s.type === SHT_SYMTAB),
    debugInfo: sections.some((s) => s.name.startsWith('.debug_') || s.name.startsWith('.zdebug_')),
    security: elfSecurity({
      segments,
      bindNow: dynamic.bindNow,
      flags: dynamic.flags,
      flags1: dynamic.flags1,
      pie,
      canary,
      rpath: dynamic.rpath,
      runpath: dynamic.runpath,
      fortify,
    }),
    gnuProperties: properties,
    sections: sections.filter((s) => !(s.index === 0 && s.type === SHT_NULL)).map(toSection),
    segments: segments.map(
      (p): Segment => ({
        type: nameOf(PT_NAMES, p.type),
        offset: p.offset,
        fileSize: p.filesz,
        memSize: p.memsz,
        vaddr: hexAddr(p.vaddr),
        flags: segmentFlagString(p.flags),
      }),
    ),
    go,
    details,
    warnings,
  };
}
