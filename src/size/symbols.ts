/** Reads the static symbol table (.symtab): name, value, size, type and section index of each symbol. */
import type { ByteSource } from '../binary/byte-source.ts';
import { cString } from '../binary/endian.ts';
import type { ByteProgress } from '../util/sha256.ts';
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

/** Symbol table bytes parsed per read: progress moves, and no single read nears the reader's limit. */
const CHUNK = 4 * 1024 * 1024;

/**
 * Symbols of the static symbol table; empty when there is none (stripped). The table (tens of MB
 * in a large binary) is read and parsed in chunks; `onProgress(done, total)` counts the bytes of
 * the string and symbol tables handled so far and ends at their sum.
 */
export async function readStaticSymbols(source: ByteSource, layout: ElfLayout, onProgress?: ByteProgress): Promise<ElfSymbol[]> {
  const symtab = layout.sections.find((s) => s.type === SHT_SYMTAB && (s.flags & SHF_ALLOC) === 0);
  if (!symtab || symtab.size === 0) return [];
  const strtab = layout.sections[symtab.link];
  if (!strtab) return [];
  const total = strtab.size + symtab.size;
  const strings = await source.read(strtab.offset, strtab.size, 'symbol string table');
  onProgress?.(strtab.size, total);
  const le = layout.endian === 'little';
  const entsize = symtab.entsize || (layout.bits === 64 ? 24 : 16);
  const count = Math.floor(symtab.size / entsize);
  const perChunk = Math.max(1, Math.floor(CHUNK / entsize));
  const out: ElfSymbol[] = [];
  for (let first = 0; first < count; first += perChunk) {
    const n = Math.min(perChunk, count - first);
    const bytes = await source.read(symtab.offset + first * entsize, n * entsize, 'symbol table');
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    // Entry 0 is the reserved null symbol.
    for (let at = first === 0 ? entsize : 0; at + entsize <= bytes.length; at += entsize) {
      if (layout.bits === 64) {
        const info = view.getUint8(at + 4);
        const size = view.getBigUint64(at + 16, le);
        out.push({ name: cString(strings, view.getUint32(at, le), 1 << 16), type: info & 0xf, shndx: view.getUint16(at + 6, le), value: view.getBigUint64(at + 8, le), size: Number(size > BigInt(Number.MAX_SAFE_INTEGER) ? 0n : size) });
      } else {
        const info = view.getUint8(at + 12);
        out.push({ name: cString(strings, view.getUint32(at, le), 1 << 16), type: info & 0xf, shndx: view.getUint16(at + 14, le), value: BigInt(view.getUint32(at + 4, le)), size: view.getUint32(at + 8, le) });
      }
    }
    onProgress?.(first + n === count ? total : strtab.size + (first + n) * entsize, total);
  }
  if (count === 0) onProgress?.(total, total);
  return out;
}
