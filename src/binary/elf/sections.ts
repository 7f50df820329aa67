/** Section headers (Shdr) and section names from the section header string table. */
import type { ByteSource } from '../byte-source.ts';
import { Fields, cString } from '../endian.ts';
import { FormatError, hex } from '../errors.ts';
import { SHN_UNDEF, SHT_NOBITS, SHT_NULL } from './constants.ts';
import type { ElfHeader } from './header.ts';

export interface ElfSectionHeader {
  index: number;
  name: string;
  /** sh_name: offset of the name in the section header string table. */
  nameOffset: number;
  type: number;
  /** sh_flags (every defined flag fits in 32 bits; kept as a number). */
  flags: number;
  addr: bigint;
  /** sh_offset: file offset of the contents. */
  offset: number;
  size: number;
  link: number;
  info: number;
  addralign: number;
  entsize: number;
  /** File offset of this header itself (for error messages and for tools that rewrite headers). */
  headerOffset: number;
}

/**
 * Reads every section header; names resolved through e_shstrndx. Absent table → []. A broken
 * section name table leaves names blank: with `warnings` that is reported there (readElf shows it,
 * as readelf does), without it a FormatError (for tools that rewrite files and need every name).
 */
export async function readSectionHeaders(source: ByteSource, header: ElfHeader, warnings?: string[]): Promise<ElfSectionHeader[]> {
  if (header.shnum === 0) return [];
  const { bits, endian, shoff, shentsize, shnum } = header;
  // readElfHeader checked that the table fits in the file, so this read is bounded by the file size.
  const table = new Fields(await source.read(shoff, shnum * shentsize, 'section header table'), endian, shoff);
  const sections: ElfSectionHeader[] = [];
  const w = bits === 64 ? 8 : 4;
  for (let i = 0; i < shnum; i++) {
    const b = i * shentsize;
    const s: ElfSectionHeader = {
      index: i,
      name: '',
      nameOffset: table.u32(b, 'sh_name'),
      type: table.u32(b + 4, 'sh_type'),
      flags: table.word(b + 8, bits, 'sh_flags'),
      addr: bits === 64 ? table.u64big(b + 16, 'sh_addr') : BigInt(table.u32(b + 12, 'sh_addr')),
      offset: table.word(b + 8 + 2 * w, bits, 'sh_offset'),
      size: table.word(b + 8 + 3 * w, bits, 'sh_size'),
      link: table.u32(b + 8 + 4 * w, 'sh_link'),
      info: table.u32(b + 12 + 4 * w, 'sh_info'),
      addralign: table.word(b + 16 + 4 * w, bits, 'sh_addralign'),
      entsize: table.word(b + 16 + 5 * w, bits, 'sh_entsize'),
      headerOffset: shoff + b,
    };
    sections.push(s);
  }
  if (header.shstrndx !== SHN_UNDEF) await nameSections(source, header, sections, warnings);
  return sections;
}

async function nameSections(source: ByteSource, header: ElfHeader, sections: ElfSectionHeader[], warnings: string[] | undefined): Promise<void> {
  const problem = (error: FormatError): void => {
    if (!warnings) throw error;
    warnings.push(error.message);
  };
  const strtab = sections[header.shstrndx];
  if (!strtab) {
    const field = header.bits === 64 ? 62 : 50;
    problem(new FormatError(`Cannot name sections: e_shstrndx ${header.shstrndx} is not below the section count ${sections.length}`, field));
    return;
  }
  let names: Uint8Array;
  try {
    names = await readSectionData(source, strtab, 'section name string table');
  } catch (error) {
    if (!(error instanceof FormatError)) throw error;
    problem(error);
    return;
  }
  for (const s of sections) {
    if (s.type === SHT_NULL && s.index === 0) continue;
    if (s.nameOffset >= names.length && s.nameOffset !== 0) {
      problem(
        new FormatError(
          `Cannot read name of section ${s.index}: sh_name ${hex(s.nameOffset)} is past the end of the string table (size ${hex(names.length)})`,
          s.headerOffset,
        ),
      );
      continue;
    }
    s.name = cString(names, s.nameOffset);
  }
}

/** Contents of a section; empty for NOBITS. Throws FormatError naming the section when it runs past the file. */
export async function readSectionData(source: ByteSource, section: ElfSectionHeader, what?: string): Promise<Uint8Array> {
  if (section.type === SHT_NOBITS || section.size === 0) return new Uint8Array(0);
  checkSectionBounds(source, section, what);
  return source.read(section.offset, section.size, what ?? `section ${section.name || section.index}`);
}

export function checkSectionBounds(source: ByteSource, section: ElfSectionHeader, what?: string): void {
  if (section.type === SHT_NOBITS) return;
  if (section.offset > source.size || section.size > source.size - section.offset) {
    throw new FormatError(
      `Cannot read ${what ?? `section ${section.name || section.index}`}: ${hex(section.size)} bytes at sh_offset ${hex(section.offset)} run past end of file (size ${hex(source.size)})`,
      section.headerOffset,
    );
  }
}
