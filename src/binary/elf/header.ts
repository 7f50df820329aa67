/** The ELF file header (e_ident and the Ehdr), including extended section/segment numbering. */
import type { ByteSource } from '../byte-source.ts';
import { Fields, type Endian } from '../endian.ts';
import { FormatError, UnrecognizedFormatError, hex } from '../errors.ts';
import { ELFCLASS32, ELFCLASS64, ELFDATA2LSB, ELFDATA2MSB, ELF_HEADER_SIZE, PHDR_SIZE, PN_XNUM, SHDR_SIZE, SHN_XINDEX } from './constants.ts';

export interface ElfHeader {
  bits: 32 | 64;
  endian: Endian;
  osabi: number;
  abiVersion: number;
  type: number;
  machine: number;
  version: number;
  entry: bigint;
  phoff: number;
  shoff: number;
  flags: number;
  ehsize: number;
  phentsize: number;
  /** Real count (PN_XNUM resolved through section 0). */
  phnum: number;
  shentsize: number;
  /** Real count (0 with shoff != 0 resolved through section 0's sh_size). */
  shnum: number;
  /** Real index (SHN_XINDEX resolved through section 0's sh_link); SHN_UNDEF when there is none. */
  shstrndx: number;
}

/** Reads and checks the ELF header. Throws UnrecognizedFormatError without the magic. */
export async function readElfHeader(source: ByteSource): Promise<ElfHeader> {
  if (source.size < 16) {
    if (source.size >= 4) throw new FormatError(`Cannot read ELF identification: file is ${source.size} bytes, e_ident needs 16`, 0);
    throw new UnrecognizedFormatError('Cannot read executable: not an ELF file');
  }
  const ident = await source.read(0, 16, 'ELF identification');
  if (ident[0] !== 0x7f || ident[1] !== 0x45 || ident[2] !== 0x4c || ident[3] !== 0x46) {
    throw new UnrecognizedFormatError('Cannot read executable: not an ELF file');
  }
  const cls = ident[4]!;
  const data = ident[5]!;
  if (cls !== ELFCLASS32 && cls !== ELFCLASS64) throw new FormatError(`Cannot read ELF header: unknown class ${cls} in e_ident[EI_CLASS]`, 4);
  if (data !== ELFDATA2LSB && data !== ELFDATA2MSB) throw new FormatError(`Cannot read ELF header: unknown data encoding ${data} in e_ident[EI_DATA]`, 5);
  const bits = cls === ELFCLASS64 ? 64 : 32;
  const endian: Endian = data === ELFDATA2LSB ? 'little' : 'big';
  const size = ELF_HEADER_SIZE[bits];
  const f = new Fields(await source.read(0, size, `ELF${bits} header`), endian, 0);
  const w = bits === 64 ? 8 : 4;
  const at = (o32: number, o64: number): number => (bits === 64 ? o64 : o32);
  const header: ElfHeader = {
    bits,
    endian,
    osabi: ident[7]!,
    abiVersion: ident[8]!,
    type: f.u16(16, 'e_type'),
    machine: f.u16(18, 'e_machine'),
    version: f.u32(20, 'e_version'),
    entry: bits === 64 ? f.u64big(24, 'e_entry') : BigInt(f.u32(24, 'e_entry')),
    phoff: f.word(24 + w, bits, 'e_phoff'),
    shoff: f.word(24 + 2 * w, bits, 'e_shoff'),
    flags: f.u32(at(36, 48), 'e_flags'),
    ehsize: f.u16(at(40, 52), 'e_ehsize'),
    phentsize: f.u16(at(42, 54), 'e_phentsize'),
    phnum: f.u16(at(44, 56), 'e_phnum'),
    shentsize: f.u16(at(46, 58), 'e_shentsize'),
    shnum: f.u16(at(48, 60), 'e_shnum'),
    shstrndx: f.u16(at(50, 62), 'e_shstrndx'),
  };
  if (header.phnum > 0 && header.phentsize < PHDR_SIZE[bits]) {
    throw new FormatError(`Cannot read ELF header: e_phentsize ${header.phentsize} is smaller than a program header (${PHDR_SIZE[bits]})`, at(42, 54));
  }
  const extended = header.shoff !== 0 && (header.shnum === 0 || header.shstrndx === SHN_XINDEX || header.phnum === PN_XNUM);
  if (header.shoff !== 0 && (header.shnum > 0 || extended) && header.shentsize < SHDR_SIZE[bits]) {
    throw new FormatError(`Cannot read ELF header: e_shentsize ${header.shentsize} is smaller than a section header (${SHDR_SIZE[bits]})`, at(46, 58));
  }
  if (extended) {
    // Extended numbering: the real counts live in section header 0.
    const s0 = new Fields(await source.read(header.shoff, SHDR_SIZE[bits], 'section header 0 (extended numbering)'), endian, header.shoff);
    const shSize = s0.word(bits === 64 ? 32 : 20, bits, 'sh_size');
    const shLink = s0.u32(bits === 64 ? 40 : 24, 'sh_link');
    const shInfo = s0.u32(bits === 64 ? 44 : 28, 'sh_info');
    if (header.shnum === 0) header.shnum = shSize;
    if (header.shstrndx === SHN_XINDEX) header.shstrndx = shLink;
    if (header.phnum === PN_XNUM) header.phnum = shInfo;
  }
  if (header.shoff === 0) header.shnum = 0;
  // An e_shstrndx out of range costs the section names only: readSectionHeaders reports it.
  checkTable(source, 'program header table', header.phoff, header.phnum, header.phentsize, 24 + w);
  checkTable(source, 'section header table', header.shoff, header.shnum, header.shentsize, 24 + 2 * w);
  return header;
}

/** A table of `count` entries must fit in the file: this is what keeps counts from driving allocations. */
function checkTable(source: ByteSource, what: string, offset: number, count: number, entsize: number, fieldAt: number): void {
  if (count === 0) return;
  const end = offset + count * entsize;
  if (offset > source.size || end > source.size) {
    throw new FormatError(
      `Cannot read ${what}: ${count} entries of ${entsize} bytes at ${hex(offset)} run past end of file (size ${hex(source.size)})`,
      offset <= source.size ? offset : fieldAt,
    );
  }
}
