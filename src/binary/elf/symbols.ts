/**
 * Symbol tables (.symtab, .dynsym), read lazily in bounded chunks. Names come from the linked
 * string table, one lookup per symbol, so a caller that stops early reads little.
 */
import type { ByteSource } from '../byte-source.ts';
import { Fields } from '../endian.ts';
import { FormatError } from '../errors.ts';
import { SHT_DYNSYM, SHT_SYMTAB, SYM_SIZE } from './constants.ts';
import { readElfHeader, type ElfHeader } from './header.ts';
import { checkSectionBounds, readSectionHeaders, type ElfSectionHeader } from './sections.ts';
import { StringTable } from './strtab.ts';

export interface ElfSymbol {
  index: number;
  name: string;
  value: bigint;
  size: number;
  /** STT_* (low 4 bits of st_info). */
  type: number;
  /** STB_* (high 4 bits of st_info). */
  bind: number;
  other: number;
  /** st_shndx: the section the symbol is defined in (SHN_UNDEF, SHN_ABS… are special). */
  sectionIndex: number;
}

const CHUNK_SYMBOLS = 4096;

/** Number of entries in a symbol table section (checked against the file). */
export function symbolCount(source: ByteSource, header: ElfHeader, table: ElfSectionHeader): number {
  checkSectionBounds(source, table);
  const entSize = table.entsize || SYM_SIZE[header.bits];
  if (entSize < SYM_SIZE[header.bits]) {
    throw new FormatError(`Cannot read symbol table ${table.name}: sh_entsize ${entSize} is smaller than a symbol (${SYM_SIZE[header.bits]})`, table.headerOffset);
  }
  return Math.floor(table.size / entSize);
}

/** The string table a symbol table links to (sh_link), or null when the link is broken. */
export function linkedStrings(source: ByteSource, sections: ElfSectionHeader[], table: ElfSectionHeader): StringTable | null {
  const strs = table.link < sections.length ? sections[table.link] : undefined;
  if (!strs || strs.index === 0 || strs.offset > source.size) return null;
  return new StringTable(source, strs.offset, Math.min(strs.size, source.size - strs.offset), `string table ${strs.name || strs.index}`);
}

/** Yields the symbols of `table` in order; `names: false` skips name lookups (cheaper). */
export async function* iterateSymbols(
  source: ByteSource,
  header: ElfHeader,
  sections: ElfSectionHeader[],
  table: ElfSectionHeader,
  opts: { names?: boolean; from?: number } = {},
): AsyncGenerator<ElfSymbol> {
  const count = symbolCount(source, header, table);
  const entSize = table.entsize || SYM_SIZE[header.bits];
  const strings = opts.names === false ? null : linkedStrings(source, sections, table);
  if (opts.names !== false && !strings) {
    throw new FormatError(`Cannot read symbol names of ${table.name || `section ${table.index}`}: sh_link ${table.link} is not a string table`, table.headerOffset);
  }
  for (let start = opts.from ?? 0; start < count; start += CHUNK_SYMBOLS) {
    const n = Math.min(CHUNK_SYMBOLS, count - start);
    const base = table.offset + start * entSize;
    const f = new Fields(await source.read(base, n * entSize, `symbol table ${table.name}`), header.endian, base);
    for (let i = 0; i < n; i++) {
      const b = i * entSize;
      const nameIndex = f.u32(b, 'st_name');
      let sym: Omit<ElfSymbol, 'name'>;
      if (header.bits === 64) {
        const info = f.u8(b + 4, 'st_info');
        sym = {
          index: start + i,
          type: info & 0xf,
          bind: info >> 4,
          other: f.u8(b + 5, 'st_other'),
          sectionIndex: f.u16(b + 6, 'st_shndx'),
          value: f.u64big(b + 8, 'st_value'),
          size: Number(f.u64big(b + 16, 'st_size') & 0x1fffffffffffffn),
        };
      } else {
        const info = f.u8(b + 12, 'st_info');
        sym = {
          index: start + i,
          value: BigInt(f.u32(b + 4, 'st_value')),
          size: f.u32(b + 8, 'st_size'),
          type: info & 0xf,
          bind: info >> 4,
          other: f.u8(b + 13, 'st_other'),
          sectionIndex: f.u16(b + 14, 'st_shndx'),
        };
      }
      const name = strings && nameIndex !== 0 ? await strings.get(nameIndex, base + b) : '';
      yield { ...sym, name };
    }
  }
}

/**
 * The static symbol table (.symtab, or .dynsym with `table: 'dynsym'`) of an ELF file: name,
 * value, size and section index of every symbol. Empty when the file has no such table (stripped).
 */
export async function readElfSymbols(source: ByteSource, opts: { table?: 'symtab' | 'dynsym' } = {}): Promise<ElfSymbol[]> {
  const header = await readElfHeader(source);
  const sections = await readSectionHeaders(source, header);
  const type = opts.table === 'dynsym' ? SHT_DYNSYM : SHT_SYMTAB;
  const table = sections.find((s) => s.type === type);
  if (!table) return [];
  const out: ElfSymbol[] = [];
  for await (const sym of iterateSymbols(source, header, sections, table)) out.push(sym);
  return out;
}

