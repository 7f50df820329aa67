/**
 * PE reader: PE32 and PE32+ images (and bare COFF objects) into BinaryInfo. Headers, imports and
 * the Go build info/ID are gathered by their own modules; this file decides what they mean.
 */
import type { ByteSource } from '../byte-source.ts';
import { hex } from '../errors.ts';
import { readGoBuildInfo } from '../goinfo/buildinfo.ts';
import { findGoBuildIdInText } from '../goinfo/buildid.ts';
import type { BinaryInfo, Kind, Linkage, PeSecurity, Section } from '../types.ts';
import {
  DIRECTORY_DEBUG,
  DLLCHAR_DYNAMIC_BASE,
  DLLCHAR_GUARD_CF,
  DLLCHAR_HIGH_ENTROPY_VA,
  DLLCHAR_NX_COMPAT,
  FILE_CHARACTERISTICS,
  IMAGE_FILE_DLL,
  IMAGE_FILE_EXECUTABLE_IMAGE,
  IMAGE_FILE_RELOCS_STRIPPED,
  MACHINES,
  SCN_CNT_CODE,
  SCN_CNT_INITIALIZED_DATA,
  SCN_CNT_UNINITIALIZED_DATA,
  SECTION_FLAGS,
  SUBSYSTEMS,
  SUBSYSTEM_EFI_FIRST,
  SUBSYSTEM_EFI_LAST,
  flagNames,
} from './constants.ts';
import { peExeAdapter } from './exe-adapter.ts';
import { readPeHeaders, type PeHeaders, type PeSection } from './headers.ts';
import { readImportedDlls } from './imports.ts';

export async function readPe(source: ByteSource): Promise<BinaryInfo> {
  const headers = await readPeHeaders(source);
  const warnings = [...headers.warnings];
  for (const s of headers.sections) {
    if (s.sizeOfRawData > 0 && s.pointerToRawData + s.sizeOfRawData > source.size) {
      warnings.push(`section ${s.name} (${hex(s.sizeOfRawData)} bytes at ${hex(s.pointerToRawData)}) runs past end of file`);
    }
  }
  const needed = await readImportedDlls(source, headers, warnings);
  const exe = peExeAdapter(source, headers);
  const go = await readGoBuildInfo(exe);
  const goBuildId = await findGoBuildIdInText(exe);
  return describePe(headers, needed, go, goBuildId, warnings);
}

function sectionType(s: PeSection): string {
  if (s.characteristics & SCN_CNT_CODE) return 'code';
  if (s.characteristics & SCN_CNT_INITIALIZED_DATA) return 'initialized-data';
  if (s.characteristics & SCN_CNT_UNINITIALIZED_DATA) return 'uninitialized-data';
  return 'other';
}

function toSection(s: PeSection, imageBase: bigint): Section {
  const section: Section = {
    name: s.name,
    size: s.sizeOfRawData,
    offset: s.sizeOfRawData === 0 ? null : s.pointerToRawData,
    address: hex(imageBase + BigInt(s.virtualAddress)),
    type: sectionType(s),
    flags: flagNames(SECTION_FLAGS, s.characteristics),
  };
  if (s.virtualSize !== 0 && s.virtualSize !== s.sizeOfRawData) section.memSize = s.virtualSize;
  return section;
}

function kindOf(h: PeHeaders): Kind {
  if (h.characteristics & IMAGE_FILE_DLL) return 'shared-library';
  if (h.characteristics & IMAGE_FILE_EXECUTABLE_IMAGE) return 'executable';
  return h.optional ? 'unknown' : 'object';
}

/** Pure: the facts read from a PE file, decided into the shared data model. */
function describePe(
  h: PeHeaders,
  needed: string[],
  go: BinaryInfo['go'],
  goBuildId: string | null,
  warnings: string[],
): BinaryInfo {
  const machine = MACHINES.get(h.machine);
  const opt = h.optional;
  const dllChars = opt?.dllCharacteristics ?? 0;
  const security: PeSecurity = {
    aslr: (dllChars & DLLCHAR_DYNAMIC_BASE) !== 0,
    highEntropyVa: (dllChars & DLLCHAR_HIGH_ENTROPY_VA) !== 0,
    nx: (dllChars & DLLCHAR_NX_COMPAT) !== 0,
    cfg: (dllChars & DLLCHAR_GUARD_CF) !== 0,
  };
  const imageBase = opt?.imageBase ?? 0n;
  const debugDirectory = (opt?.directories[DIRECTORY_DEBUG]?.size ?? 0) > 0;
  const debugSections = h.sections.some((s) => /^\.z?debug_/.test(s.name));
  const subsystem = opt?.subsystem ?? null;
  // UEFI applications (Linux's EFI stub, boot loaders) are PE files but not Windows programs.
  const efi = subsystem !== null && subsystem >= SUBSYSTEM_EFI_FIRST && subsystem <= SUBSYSTEM_EFI_LAST;
  // PE has no static/dynamic linking in the ELF sense: every image is loaded by the Windows loader.
  // We call an image that imports DLLs 'dynamic' (it needs them at load time) and one that
  // imports nothing 'static' (self-contained, like Go's pre-1.x or EFI images).
  const linkage: Linkage = needed.length > 0 ? 'dynamic' : 'static';
  return {
    format: 'pe',
    goos: efi ? null : 'windows',
    goarch: machine?.goarch ?? null,
    machine: machine?.name ?? `unknown (${hex(h.machine)})`,
    bits: opt ? (opt.pe32plus ? 64 : 32) : (machine?.bits ?? 32),
    endian: 'little',
    kind: kindOf(h),
    // A PE image is position independent when the loader may relocate it: DYNAMIC_BASE set and
    // its base relocations kept.
    pie: security.aslr && (h.characteristics & IMAGE_FILE_RELOCS_STRIPPED) === 0,
    linkage,
    interpreter: null,
    needed,
    rpath: [],
    runpath: [],
    versionNeeds: [],
    requiredGlibc: null,
    buildId: { gnu: null, go: goBuildId },
    stripped: h.pointerToSymbolTable === 0 || h.numberOfSymbols === 0,
    debugInfo: debugSections || debugDirectory,
    security,
    sections: h.sections.map((s) => toSection(s, imageBase)),
    segments: [],
    go,
    details: {
      peFormat: opt ? (opt.pe32plus ? 'PE32+' : 'PE32') : 'COFF object',
      machineCode: hex(h.machine),
      characteristics: flagNames(FILE_CHARACTERISTICS, h.characteristics).join(' '),
      subsystem: subsystem === null ? null : (SUBSYSTEMS.get(subsystem) ?? `unknown (${subsystem})`),
      imageBase: opt ? hex(opt.imageBase) : null,
      entry: opt ? hex(opt.imageBase + BigInt(opt.entryRva)) : null,
      dllCharacteristics: opt ? hex(opt.dllCharacteristics) : null,
      timestamp: h.timeDateStamp,
      linkerVersion: opt?.linkerVersion ?? null,
      osVersion: opt?.osVersion ?? null,
      subsystemVersion: opt?.subsystemVersion ?? null,
      symbols: h.numberOfSymbols,
      debugDirectory,
    },
    warnings,
  };
}
