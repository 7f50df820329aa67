/**
 * The raw ELF layout the stripper and `gocross size` work on: file header, program headers and
 * section headers with their exact field values and file offsets (src/binary/elf's readElf gives
 * display-oriented facts; rewriting a file needs the raw words). Reads only the header tables.
 */
import type { ByteSource } from '../binary/byte-source.ts';
import { cString, Fields, type Endian } from '../binary/endian.ts';
import { FormatError, hex, UnrecognizedFormatError } from '../binary/errors.ts';

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

export interface ElfSectionHeader {
  index: number;
  name: string;
  nameOffset: number;
  type: number;
  /** sh_flags, low 32 bits (all the flags we test). */
  flags: number;
  /** sh_flags exactly as stored, for rewriting. */
  flagsRaw: bigint;
  addr: bigint;
  offset: number;
  size: number;
  link: number;
  info: number;
  addralign: number;
  entsize: number;
}

export interface ElfProgramHeader {
  index: number;
  type: number;
  flags: number;
  offset: number;
  vaddr: bigint;
  fileSize: number;
  memSize: number;
}

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

function parseSectionHeader(f: Fields, at: number, bits: 32 | 64, index: number): ElfSectionHeader {
  const what = `section header ${index}`;
  if (bits === 64) {
    return {
      index,
      name: '',
      nameOffset: f.u32(at, what),
      type: f.u32(at + 4, what),
      flags: Number(f.u64big(at + 8, what) & 0xffffffffn),
      flagsRaw: f.u64big(at + 8, what),
      addr: f.u64big(at + 16, what),
      offset: f.u64(at + 24, what),
      size: f.u64(at + 32, what),
      link: f.u32(at + 40, what),
      info: f.u32(at + 44, what),
      addralign: f.u64(at + 48, what),
      entsize: f.u64(at + 56, what),
    };
  }
  return {
    index,
    name: '',
    nameOffset: f.u32(at, what),
    type: f.u32(at + 4, what),
    flags: f.u32(at + 8, what),
    flagsRaw: BigInt(f.u32(at + 8, what)),
    addr: BigInt(f.u32(at + 12, what)),
    offset: f.u32(at + 16, what),
    size: f.u32(at + 20, what),
    link: f.u32(at + 24, what),
    info: f.u32(at + 28, what),
    addralign: f.u32(at + 32, what),
    entsize: f.u32(at + 36, what),
  };
}

function parseProgramHeader(f: Fields, at: number, bits: 32 | 64, index: number): ElfProgramHeader {
  const what = `program header ${index}`;
  if (bits === 64) {
    return {
      index,
      type: f.u32(at, what),
      flags: f.u32(at + 4, what),
      offset: f.u64(at + 8, what),
      vaddr: f.u64big(at + 16, what),
      fileSize: f.u64(at + 32, what),
      memSize: f.u64(at + 40, what),
    };
  }
  return {
    index,
    type: f.u32(at, what),
    offset: f.u32(at + 4, what),
    vaddr: BigInt(f.u32(at + 8, what)),
    fileSize: f.u32(at + 16, what),
    memSize: f.u32(at + 20, what),
    flags: f.u32(at + 24, what),
  };
}

/** Reads the ELF file header, program headers, section headers and section names. */
export async function readElfLayout(source: ByteSource): Promise<ElfLayout> {
  const ident = await source.read(0, Math.min(16, source.size), 'ELF identification');
  if (!isElf(ident)) throw new UnrecognizedFormatError('Cannot read ELF file: no ELF magic at byte 0');
  if (ident.length < 16) throw new FormatError('Cannot read ELF identification: file is truncated', 0);
  const cls = ident[4];
  const data = ident[5];
  if (cls !== 1 && cls !== 2) throw new FormatError(`Cannot read ELF file: EI_CLASS ${cls} is neither 32- nor 64-bit`, 4);
  if (data !== 1 && data !== 2) throw new FormatError(`Cannot read ELF file: EI_DATA ${data} is neither little- nor big-endian`, 5);
  const bits = cls === 2 ? 64 : 32;
  const endian: Endian = data === 1 ? 'little' : 'big';
  const ehsize = bits === 64 ? 64 : 52;
  const h = new Fields(await source.read(0, ehsize, 'ELF file header'), endian, 0);
  const w = bits === 64 ? 8 : 4;
  const type = h.u16(16, 'e_type');
  const machine = h.u16(18, 'e_machine');
  const phoff = h.word(24 + w, bits, 'e_phoff');
  const shoff = h.word(24 + 2 * w, bits, 'e_shoff');
  const base = 24 + 3 * w + 4; // after e_flags
  const phentsize = h.u16(base + 2, 'e_phentsize');
  let phnum = h.u16(base + 4, 'e_phnum');
  const shentsize = h.u16(base + 6, 'e_shentsize');
  let shnum = h.u16(base + 8, 'e_shnum');
  let shstrndx = h.u16(base + 10, 'e_shstrndx');
  const wantSh = bits === 64 ? 64 : 40;
  const wantPh = bits === 64 ? 56 : 32;

  if (shoff !== 0 && (shnum === 0 || shstrndx === SHN_XINDEX || phnum === 0xffff)) {
    // Extended numbering: the real counts live in section header 0.
    if (shentsize < wantSh) throw new FormatError(`Cannot read section headers: e_shentsize ${shentsize} is below ${wantSh}`, base + 6);
    const s0 = parseSectionHeader(new Fields(await source.read(shoff, wantSh, 'section header 0'), endian, shoff), 0, bits, 0);
    if (shnum === 0) shnum = s0.size;
    if (shstrndx === SHN_XINDEX) shstrndx = s0.link;
    if (phnum === 0xffff) phnum = s0.info;
  }

  const programHeaders: ElfProgramHeader[] = [];
  if (phnum > 0) {
    if (phentsize < wantPh) throw new FormatError(`Cannot read program headers: e_phentsize ${phentsize} is below ${wantPh}`, base + 2);
    const table = new Fields(await source.read(phoff, phnum * phentsize, 'program header table'), endian, phoff);
    for (let i = 0; i < phnum; i++) programHeaders.push(parseProgramHeader(table, i * phentsize, bits, i));
  }

  const sections: ElfSectionHeader[] = [];
  if (shoff !== 0 && shnum > 0) {
    if (shentsize < wantSh) throw new FormatError(`Cannot read section headers: e_shentsize ${shentsize} is below ${wantSh}`, base + 6);
    const table = new Fields(await source.read(shoff, shnum * shentsize, 'section header table'), endian, shoff);
    for (let i = 0; i < shnum; i++) sections.push(parseSectionHeader(table, i * shentsize, bits, i));
    for (const s of sections) {
      if (s.type !== SHT_NOBITS && s.offset + s.size > source.size) {
        throw new FormatError(
          `Cannot read section header ${s.index}: section data (${hex(s.offset)}+${hex(s.size)}) runs past end of file (size ${hex(source.size)})`,
          shoff + s.index * shentsize,
        );
      }
    }
    const names = sections[shstrndx];
    if (shstrndx !== 0 && names) {
      if (names.type !== SHT_STRTAB) throw new FormatError(`Cannot read section names: e_shstrndx ${shstrndx} is not a string table`, base + 10);
      const strtab = await source.read(names.offset, names.size, 'section name table');
      for (const s of sections) s.name = cString(strtab, s.nameOffset);
    } else if (shstrndx >= sections.length) {
      throw new FormatError(`Cannot read section names: e_shstrndx ${shstrndx} is past the ${sections.length} section headers`, base + 10);
    }
  }
  return { bits, endian, type, machine, fileSize: source.size, ehsize, phoff, phentsize, shoff, shentsize, shstrndx, programHeaders, sections };
}

/** File bytes a section occupies (NOBITS and NULL occupy none). */
export function fileBytes(s: ElfSectionHeader): number {
  return s.type === SHT_NOBITS || s.type === SHT_NULL ? 0 : s.size;
}
