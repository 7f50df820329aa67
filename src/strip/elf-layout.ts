/**
 * The raw ELF layout the stripper and `gocross size` work on: file header, program headers and
 * section headers with their exact field values and file offsets. The parsing is the reader's
 * (src/binary/elf readElfLayout); this file adds the stricter checks a rewrite needs (every
 * section's bytes inside the file, names from a real string table) and the shape the planner uses.
 */
import type { ByteSource } from '../binary/byte-source.ts';
import { readElfLayout as readReaderLayout, type ElfProgramHeader, type ElfSectionHeader as ReaderSectionHeader } from '../binary/elf/read-elf.ts';
import type { Endian } from '../binary/endian.ts';
import { FormatError, hex } from '../binary/errors.ts';

export const SHT_NULL = 0;
export const SHT_PROGBITS = 1;
export const SHT_SYMTAB = 2;
export const SHT_STRTAB = 3;
export const SHT_RELA = 4;
export const SHT_NOBITS = 8;
export const SHT_REL = 9;
export const SHT_DYNSYM = 11;
export const SHT_SYMTAB_SHNDX = 18;
export const SHF_WRITE = 0x1;
export const SHF_ALLOC = 0x2;
export const SHF_EXECINSTR = 0x4;
export const SHF_INFO_LINK = 0x40;
export const SHN_LORESERVE = 0xff00;
export const SHN_XINDEX = 0xffff;
export const ET_REL = 1;
export const ET_EXEC = 2;
export const ET_DYN = 3;
export const PT_LOAD = 1;

export interface ElfSectionHeader extends ReaderSectionHeader {
  /** sh_flags as a 64-bit word, for rewriting. */
  flagsRaw: bigint;
}

export type { ElfProgramHeader };

export interface ElfLayout {
  bits: 32 | 64;
  endian: Endian;
  /** e_type */
  type: number;
  machine: number;
  fileSize: number;
  ehsize: number;
  phoff: number;
  phentsize: number;
  shoff: number;
  shentsize: number;
  shstrndx: number;
  programHeaders: ElfProgramHeader[];
  sections: ElfSectionHeader[];
}

/** True when `head` starts with the ELF magic. */
export function isElf(head: Uint8Array): boolean {
  return head.length >= 4 && head[0] === 0x7f && head[1] === 0x45 && head[2] === 0x4c && head[3] === 0x46;
}

/** Reads the ELF file header, program headers, section headers and section names. */
export async function readElfLayout(source: ByteSource): Promise<ElfLayout> {
  const { header, sections, segments } = await readReaderLayout(source);
  const { bits, endian, shoff, shentsize, shstrndx } = header;
  // A rewrite copies every section's bytes: all of them must be in the file.
  for (const s of sections) {
    if (s.type !== SHT_NOBITS && s.offset + s.size > source.size) {
      throw new FormatError(
        `Cannot read section header ${s.index}: section data (${hex(s.offset)}+${hex(s.size)}) runs past end of file (size ${hex(source.size)})`,
        s.headerOffset,
      );
    }
  }
  const names = sections[shstrndx];
  if (shstrndx !== 0 && names && names.type !== SHT_STRTAB) {
    throw new FormatError(`Cannot read section names: e_shstrndx ${shstrndx} is not a string table`, bits === 64 ? 62 : 50);
  }
  return {
    bits,
    endian,
    type: header.type,
    machine: header.machine,
    fileSize: source.size,
    ehsize: bits === 64 ? 64 : 52,
    phoff: header.phoff,
    phentsize: header.phentsize,
    shoff,
    shentsize,
    shstrndx,
    programHeaders: segments,
    sections: sections.map((s) => ({ ...s, flagsRaw: BigInt(s.flags) })),
  };
}

/** File bytes a section occupies (NOBITS and NULL occupy none). */
export function fileBytes(s: ElfSectionHeader): number {
  return s.type === SHT_NOBITS || s.type === SHT_NULL ? 0 : s.size;
}
