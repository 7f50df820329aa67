/**
 * The names of one symbol table's entries, for the readers that need names and nothing else
 * (FORTIFY counting, naming versioned .dynsym symbols): st_name read column-wise in the same
 * bounded chunks as iterateSymbols, each name decoded once from the linked string table and kept,
 * so every consumer shares one walk and no per-symbol object is made.
 */
import type { ByteSource } from '../byte-source.ts';
import { SYM_SIZE } from './constants.ts';
import type { ElfHeader } from './header.ts';
import type { ElfSectionHeader } from './sections.ts';
import type { StringTable } from './strtab.ts';
import { linkedStrings, symbolCount } from './symbols.ts';

const CHUNK_SYMBOLS = 4096;
const HOST_LITTLE = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

export class SymbolNames {
  readonly table: ElfSectionHeader;
  /** Entries in the table (checked against the file). */
  readonly count: number;
  /** The linked string table, or null when sh_link does not point at one. */
  readonly strings: StringTable | null;
  private readonly source: ByteSource;
  private readonly little: boolean;
  private readonly entSize: number;
  /** st_name of each entry, filled a chunk at a time. */
  private readonly nameIndex: Uint32Array;
  private readonly loaded: Uint8Array;
  private readonly names: (string | undefined)[];

  /** Throws FormatError as symbolCount does (table past the end of the file, sh_entsize too small). */
  constructor(source: ByteSource, header: ElfHeader, sections: ElfSectionHeader[], table: ElfSectionHeader) {
    this.source = source;
    this.table = table;
    this.count = symbolCount(source, header, table);
    this.strings = linkedStrings(source, sections, table);
    this.little = header.endian === 'little';
    this.entSize = table.entsize || SYM_SIZE[header.bits];
    this.nameIndex = new Uint32Array(this.count);
    this.loaded = new Uint8Array(Math.ceil(this.count / CHUNK_SYMBOLS));
    this.names = new Array<string | undefined>(this.count);
  }

  private async load(chunk: number): Promise<void> {
    const start = chunk * CHUNK_SYMBOLS;
    const n = Math.min(CHUNK_SYMBOLS, this.count - start);
    const base = this.table.offset + start * this.entSize;
    const bytes = await this.source.read(base, n * this.entSize, `symbol table ${this.table.name}`);
    // st_name is the first word of Elf32_Sym and Elf64_Sym alike. Read as host words when the
    // byte order and alignment allow (a DataView call per symbol was most of the walk of a big .dynsym).
    if (this.little === HOST_LITTLE && bytes.byteOffset % 4 === 0 && this.entSize % 4 === 0) {
      const words = new Uint32Array(bytes.buffer, bytes.byteOffset, (n * this.entSize) / 4);
      const stride = this.entSize / 4;
      for (let i = 0; i < n; i++) this.nameIndex[start + i] = words[i * stride]!;
    } else {
      const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
      for (let i = 0; i < n; i++) this.nameIndex[start + i] = view.getUint32(i * this.entSize, this.little);
    }
    this.loaded[chunk] = 1;
  }

  /** st_name of entry `index` (< count). */
  async nameIndexAt(index: number): Promise<number> {
    const chunk = Math.floor(index / CHUNK_SYMBOLS);
    if (this.loaded[chunk] === 0) await this.load(chunk);
    return this.nameIndex[index]!;
  }

  /** st_name of every entry (all chunks read). */
  async nameIndices(): Promise<Uint32Array> {
    for (let chunk = 0; chunk < this.loaded.length; chunk++) if (this.loaded[chunk] === 0) await this.load(chunk);
    return this.nameIndex;
  }

  /** File offset of entry `index`, for error messages. */
  entryOffset(index: number): number {
    return this.table.offset + index * this.entSize;
  }

  /** Reads every st_name and, when small enough, the whole string table: true when nameNow() can be used. */
  async prepare(): Promise<boolean> {
    await this.nameIndices();
    return this.strings ? this.strings.load() : true;
  }

  /** nameAt() without an await, after prepare() returned true. */
  nameNow(index: number): string {
    const known = this.names[index];
    if (known !== undefined) return known;
    const at = this.nameIndex[index]!;
    const name = at === 0 || !this.strings ? '' : this.strings.getNow(at, this.entryOffset(index));
    this.names[index] = name;
    return name;
  }

  /** The name of entry `index` (< count); '' for st_name 0 or without `strings`. Decoded once. */
  async nameAt(index: number): Promise<string> {
    const known = this.names[index];
    if (known !== undefined) return known;
    const at = await this.nameIndexAt(index);
    const name = at === 0 || !this.strings ? '' : await this.strings.get(at, this.entryOffset(index));
    this.names[index] = name;
    return name;
  }
}

/** One SymbolNames per table for the whole read of a file, made on first use. */
export function symbolNamesOf(source: ByteSource, header: ElfHeader, sections: ElfSectionHeader[]): (table: ElfSectionHeader) => SymbolNames {
  const made = new Map<number, SymbolNames>();
  return (table) => {
    let names = made.get(table.index);
    if (!names) {
      names = new SymbolNames(source, header, sections, table);
      made.set(table.index, names);
    }
    return names;
  };
}
