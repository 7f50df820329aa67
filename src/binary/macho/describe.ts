/** Pure: the facts read from one thin Mach-O image, decided into the shared data model. */
import { hex } from '../errors.ts';
import type { BinaryInfo, Linkage, MachoSecurity, Section, Segment } from '../types.ts';
import {
  CPU_TYPES,
  FILE_TYPES,
  HEADER_FLAGS,
  IOS_PLATFORMS,
  MH_ALLOW_STACK_EXECUTION,
  MH_NO_HEAP_EXECUTION,
  MH_PIE,
  SECTION_ATTRIBUTES,
  SECTION_TYPES,
  SECTION_TYPE_MASK,
  VM_PROT_EXECUTE,
  VM_PROT_READ,
  VM_PROT_WRITE,
  ZEROFILL_TYPES,
  flagNames,
} from './constants.ts';
import type { MachHeader } from './header.ts';
import type { LoadCommands, MachoSection, MachoSegment } from './load-commands.ts';

function prot(p: number): string {
  return `${p & VM_PROT_READ ? 'r' : '-'}${p & VM_PROT_WRITE ? 'w' : '-'}${p & VM_PROT_EXECUTE ? 'x' : '-'}`;
}

function toSection(s: MachoSection): Section {
  const type = s.flags & SECTION_TYPE_MASK;
  const zerofill = ZEROFILL_TYPES.has(type);
  const section: Section = {
    // Section names repeat across segments (__DATA,__data and __DATA_CONST,__data…), so both are named.
    name: `${s.segment},${s.name}`,
    size: zerofill ? 0 : s.size,
    offset: zerofill || s.offset === 0 ? null : s.offset,
    address: hex(s.addr),
    type: SECTION_TYPES.get(type) ?? hex(type),
    flags: flagNames(SECTION_ATTRIBUTES, s.flags),
  };
  if (zerofill) section.memSize = s.size;
  return section;
}

function toSegment(s: MachoSegment): Segment {
  return { type: s.name, offset: s.fileoff, fileSize: s.filesize, memSize: Number(s.vmsize), vaddr: hex(s.vmaddr), flags: prot(s.initprot) };
}

/**
 * Stripped: no symbol table, or one without local symbols. `strip` and Go's `-ldflags=-s` keep the
 * external and undefined symbols that dyld binds (LC_DYSYMTAB nlocalsym = 0), so "no symbols at
 * all" would call no real executable stripped.
 */
function isStripped(lc: LoadCommands): boolean {
  if (!lc.symtab || lc.symtab.nsyms === 0) return true;
  return lc.dysymtab !== null && lc.dysymtab.nlocalsym === 0;
}

export function describeMacho(h: MachHeader, lc: LoadCommands, go: BinaryInfo['go'], goBuildId: string | null, fileSize: number): BinaryInfo {
  const cpu = CPU_TYPES.get(h.cputype);
  const fileType = FILE_TYPES.get(h.filetype);
  const security: MachoSecurity = {
    pie: (h.flags & MH_PIE) !== 0,
    allowStackExecution: (h.flags & MH_ALLOW_STACK_EXECUTION) !== 0,
    noHeapExecution: (h.flags & MH_NO_HEAP_EXECUTION) !== 0,
  };
  // Mach-O has no static-pie; an image that names a dynamic linker or a dylib is dynamic.
  const linkage: Linkage = lc.dylinker !== null || lc.dylibs.length > 0 ? 'dynamic' : 'static';
  const debugInfo = lc.segments.some((s) => s.name === '__DWARF') || lc.sections.some((s) => s.segment === '__DWARF' || /^__z?debug_/.test(s.name));
  const platform = lc.minOs?.platform ?? null;
  const warnings: string[] = [];
  for (const s of lc.segments) {
    if (s.filesize > 0 && s.fileoff + s.filesize > fileSize) {
      warnings.push(`segment ${s.name} (${hex(s.filesize)} bytes at ${hex(s.fileoff)}) runs past end of file`);
    }
  }
  return {
    format: 'macho',
    goos: platform !== null && IOS_PLATFORMS.has(platform) ? 'ios' : 'darwin',
    goarch: cpu?.goarch ?? null,
    machine: cpu?.name ?? `unknown (${hex(h.cputype)})`,
    bits: h.bits,
    endian: h.endian,
    kind: fileType?.kind ?? 'unknown',
    pie: security.pie,
    linkage,
    interpreter: lc.dylinker,
    needed: lc.dylibs,
    rpath: lc.rpaths,
    runpath: [],
    versionNeeds: [],
    requiredGlibc: null,
    buildId: { gnu: null, go: goBuildId },
    stripped: isStripped(lc),
    debugInfo,
    security,
    sections: lc.sections.map(toSection),
    segments: lc.segments.map(toSegment),
    go,
    details: {
      arch: cpu?.archName ?? hex(h.cputype),
      cputype: hex(h.cputype),
      cpuSubtype: hex(h.cpusubtype & 0x00ffffff),
      fileType: fileType?.name ?? hex(h.filetype),
      flags: flagNames(HEADER_FLAGS, h.flags).join(' '),
      uuid: lc.uuid,
      platform,
      minOs: lc.minOs?.version ?? null,
      sdk: lc.minOs?.sdk ?? null,
      installName: lc.installName,
      entryOffset: lc.entryOffset === null ? null : hex(lc.entryOffset),
      codeSignature: lc.codeSignature,
      symbols: lc.symtab?.nsyms ?? 0,
    },
    warnings,
  };
}
