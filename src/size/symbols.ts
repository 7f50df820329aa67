/** Reads the static symbol table (.symtab): name, value, size, type and section index of each symbol. */
import type { ByteSource } from '../binary/byte-source.ts';
import { cString } from '../binary/endian.ts';
import { SHF_ALLOC, SHT_SYMTAB, type ElfLayout } from '../strip/elf-layout.ts';

export const STT_OBJECT = 1;
export const STT_FUNC = 2;
export const STT_TLS = 6;

export interface ElfSymbol {
  name: string;
  value: bigint;
  size: number;
  type: number;
  shndx: number;
}

/** Symbols of the static symbol table; empty when there is none (stripped). */
export async function readStaticSymbols(source: ByteSource, layout: ElfLayout): Promise<ElfSymbol[]> {
  const symtab = layout.sections.find((s) => s.type === SHT_SYMTAB && (s.flags & SHF_ALLOC) === 0);
  if (!symtab || symtab.size === 0) return [];
  const strtab = layout.sections[symtab.link];
  if (!strtab) return [];
  const bytes = await source.read(symtab.offset, symtab.size, 'symbol table');
  const strings = await source.read(strtab.offset, strtab.size, 'symbol string table');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const le = layout.endian === 'little';
  const entsize = symtab.entsize || (layout.bits === 64 ? 24 : 16);
  const out: ElfSymbol[] = [];
  for (let at = entsize; at + entsize <= bytes.length; at += entsize) {
    if (layout.bits === 64) {
      const info = view.getUint8(at + 4);
      const size = view.getBigUint64(at + 16, le);
      out.push({ name: cString(strings, view.getUint32(at, le), 1 << 16), type: info & 0xf, shndx: view.getUint16(at + 6, le), value: view.getBigUint64(at + 8, le), size: Number(size > BigInt(Number.MAX_SAFE_INTEGER) ? 0n : size) });
    } else {
      const info = view.getUint8(at + 12);
      out.push({ name: cString(strings, view.getUint32(at, le), 1 << 16), type: info & 0xf, shndx: view.getUint16(at + 14, le), value: BigInt(view.getUint32(at + 4, le)), size: view.getUint32(at + 8, le) });
    }
  }
  return out;
}
