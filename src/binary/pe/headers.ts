/**
 * PE/COFF headers: DOS stub → "PE\0\0" → COFF file header → optional header → section table.
 * Also reads bare COFF objects (no DOS stub), as Go's debug/pe does. Every read goes through
 * the ByteSource; counts are checked against the file size before anything is allocated.
 */
import type { ByteSource } from '../byte-source.ts';
import { Fields, cString } from '../endian.ts';
import { FormatError, UnrecognizedFormatError, hex } from '../errors.ts';
import {
  COFF_HEADER_SIZE,
  COFF_SYMBOL_SIZE,
  DOS_E_LFANEW,
  DOS_HEADER_SIZE,
  DOS_MAGIC,
  MACHINES,
  OPTIONAL_MAGIC_PE32,
  OPTIONAL_MAGIC_PE32_PLUS,
  PE_SIGNATURE,
  SECTION_HEADER_SIZE,
} from './constants.ts';

export interface DataDirectory {
  rva: number;
  size: number;
}

export interface OptionalHeader {
  pe32plus: boolean;
  linkerVersion: string;
  entryRva: number;
  imageBase: bigint;
  sectionAlignment: number;
  fileAlignment: number;
  osVersion: string;
  subsystemVersion: string;
  sizeOfImage: number;
  sizeOfHeaders: number;
  subsystem: number;
  dllCharacteristics: number;
  directories: DataDirectory[];
}

export interface PeSection {
  name: string;
  virtualSize: number;
  virtualAddress: number;
  sizeOfRawData: number;
  pointerToRawData: number;
  characteristics: number;
}

export interface PeHeaders {
  /** True when the file starts with an MZ stub (an image); false for a bare COFF object. */
  image: boolean;
  coffOffset: number;
  machine: number;
  timeDateStamp: number;
  pointerToSymbolTable: number;
  numberOfSymbols: number;
  characteristics: number;
  optional: OptionalHeader | null;
  sections: PeSection[];
  warnings: string[];
}

const LE = 'little';

/** Reads and checks every header of a PE image or COFF object. */
export async function readPeHeaders(source: ByteSource): Promise<PeHeaders> {
  const warnings: string[] = [];
  const head = await source.read(0, Math.min(2, source.size), 'DOS header');
  const image = head.length === 2 && head[0] === (DOS_MAGIC & 0xff) && head[1] === DOS_MAGIC >> 8;
  let coffOffset = 0;
  if (image) {
    const dos = new Fields(await source.read(0, DOS_HEADER_SIZE, 'DOS header'), LE, 0);
    const lfanew = dos.u32(DOS_E_LFANEW, 'e_lfanew');
    if (lfanew + 4 + COFF_HEADER_SIZE > source.size) {
      throw new FormatError(`Cannot read PE file: e_lfanew ${hex(lfanew)} points past end of file (size ${hex(source.size)})`, DOS_E_LFANEW);
    }
    const sig = new Fields(await source.read(lfanew, 4, `PE signature (e_lfanew ${hex(lfanew)})`), LE, lfanew);
    if (sig.u32(0) !== PE_SIGNATURE) {
      throw new FormatError(`Cannot read PE file: no "PE\\0\\0" signature where e_lfanew points (${hex(lfanew)})`, lfanew);
    }
    coffOffset = lfanew + 4;
  }
  const notCoff = (): UnrecognizedFormatError =>
    new UnrecognizedFormatError('Cannot read executable: no MZ header and not a COFF object of a known machine');
  if (!image && source.size < COFF_HEADER_SIZE) throw notCoff();
  const coff = new Fields(await source.read(coffOffset, COFF_HEADER_SIZE, 'COFF file header'), LE, coffOffset);
  const machine = coff.u16(0);
  if (!image && !MACHINES.has(machine)) throw notCoff();
  const numberOfSections = coff.u16(2);
  const timeDateStamp = coff.u32(4);
  const pointerToSymbolTable = coff.u32(8);
  const numberOfSymbols = coff.u32(12);
  const sizeOfOptionalHeader = coff.u16(16);
  const characteristics = coff.u16(18);

  const optionalOffset = coffOffset + COFF_HEADER_SIZE;
  if (optionalOffset + sizeOfOptionalHeader > source.size) {
    throw new FormatError(`Cannot read PE optional header: SizeOfOptionalHeader ${hex(sizeOfOptionalHeader)} runs past end of file (size ${hex(source.size)})`, coffOffset + 16);
  }
  const optional = sizeOfOptionalHeader === 0 ? null : await readOptionalHeader(source, optionalOffset, sizeOfOptionalHeader);

  const tableOffset = optionalOffset + sizeOfOptionalHeader;
  if (tableOffset + numberOfSections * SECTION_HEADER_SIZE > source.size) {
    throw new FormatError(
      `Cannot read PE section table: ${numberOfSections} sections at ${hex(tableOffset)} run past end of file (size ${hex(source.size)})`,
      coffOffset + 2,
    );
  }
  const table = numberOfSections === 0 ? new Uint8Array(0) : await source.read(tableOffset, numberOfSections * SECTION_HEADER_SIZE, `section table (${numberOfSections} sections)`);
  const sections: PeSection[] = [];
  const f = new Fields(table, LE, tableOffset);
  for (let i = 0; i < numberOfSections; i++) {
    const at = i * SECTION_HEADER_SIZE;
    sections.push({
      name: cString(table.subarray(at, at + 8), 0, 8),
      virtualSize: f.u32(at + 8, 'VirtualSize'),
      virtualAddress: f.u32(at + 12, 'VirtualAddress'),
      sizeOfRawData: f.u32(at + 16, 'SizeOfRawData'),
      pointerToRawData: f.u32(at + 20, 'PointerToRawData'),
      characteristics: f.u32(at + 36, 'Characteristics'),
    });
  }
  await resolveLongNames(source, sections, pointerToSymbolTable, numberOfSymbols, warnings);
  return { image, coffOffset, machine, timeDateStamp, pointerToSymbolTable, numberOfSymbols, characteristics, optional, sections, warnings };
}

async function readOptionalHeader(source: ByteSource, at: number, size: number): Promise<OptionalHeader> {
  const f = new Fields(await source.read(at, size, 'optional header'), LE, at);
  const magic = f.u16(0, 'optional header magic');
  if (magic !== OPTIONAL_MAGIC_PE32 && magic !== OPTIONAL_MAGIC_PE32_PLUS) {
    throw new FormatError(`Cannot read PE optional header: unknown magic ${hex(magic)} (expected 0x10b or 0x20b)`, at);
  }
  const pe32plus = magic === OPTIONAL_MAGIC_PE32_PLUS;
  // PE32+ drops BaseOfData and widens ImageBase and the four stack/heap sizes to 64 bits.
  const fixedSize = pe32plus ? 112 : 96;
  if (size < fixedSize) {
    throw new FormatError(`Cannot read PE optional header: SizeOfOptionalHeader ${size} is smaller than the ${fixedSize}-byte ${pe32plus ? 'PE32+' : 'PE32'} header`, at - 4);
  }
  const imageBase = pe32plus ? f.u64big(24, 'ImageBase') : BigInt(f.u32(28, 'ImageBase'));
  const count = f.u32(fixedSize - 4, 'NumberOfRvaAndSizes');
  // Only 16 directories are defined; the header must hold the ones it announces.
  const present = Math.min(count, 16);
  if (fixedSize + present * 8 > size) {
    throw new FormatError(`Cannot read PE data directories: NumberOfRvaAndSizes ${count} does not fit in SizeOfOptionalHeader ${size}`, at + fixedSize - 4);
  }
  const directories: DataDirectory[] = [];
  for (let i = 0; i < present; i++) {
    directories.push({ rva: f.u32(fixedSize + i * 8), size: f.u32(fixedSize + i * 8 + 4) });
  }
  return {
    pe32plus,
    linkerVersion: `${f.u8(2)}.${f.u8(3)}`,
    entryRva: f.u32(16, 'AddressOfEntryPoint'),
    imageBase,
    sectionAlignment: f.u32(32),
    fileAlignment: f.u32(36),
    osVersion: `${f.u16(40)}.${f.u16(42)}`,
    subsystemVersion: `${f.u16(48)}.${f.u16(50)}`,
    sizeOfImage: f.u32(56),
    sizeOfHeaders: f.u32(60),
    subsystem: f.u16(68, 'Subsystem'),
    dllCharacteristics: f.u16(70, 'DllCharacteristics'),
    directories,
  };
}

const LONG_NAME = /^\/(\d{1,7})$/;
const MAX_NAME = 256;

/**
 * Names longer than 8 bytes are written "/123": an offset into the COFF string table that follows
 * the symbol table (mingw's and Go's .debug_* sections). Only the prefix of the table that the
 * names need is read: a Go binary's string table runs to megabytes.
 */
async function resolveLongNames(source: ByteSource, sections: PeSection[], symbolTable: number, symbols: number, warnings: string[]): Promise<void> {
  const indexes = sections.map((s) => Number(LONG_NAME.exec(s.name)?.[1] ?? -1));
  const last = Math.max(-1, ...indexes);
  if (last < 0) return;
  const at = symbolTable + symbols * COFF_SYMBOL_SIZE;
  if (symbolTable === 0 || at + 4 > source.size) {
    warnings.push(`Cannot resolve long section names: no COFF string table (expected at ${hex(at)})`);
    return;
  }
  const size = new Fields(await source.read(at, 4, 'COFF string table size'), LE, at).u32(0);
  if (size < 4 || at + size > source.size) {
    warnings.push(`Cannot resolve long section names: COFF string table size ${hex(size)} at ${hex(at)} runs past end of file`);
    return;
  }
  const table = await source.read(at, Math.min(size, last + MAX_NAME), 'COFF string table');
  indexes.forEach((index, i) => {
    const section = sections[i]!;
    if (index < 0) return;
    if (index >= 4 && index < table.length) section.name = cString(table, index, MAX_NAME);
    else warnings.push(`section ${i} name ${section.name} is outside the COFF string table`);
  });
}
