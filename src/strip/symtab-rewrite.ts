/**
 * Rewriting a symbol table for the new section numbering. Symbols defined in removed sections
 * are dropped, and so, when asked (strip --strip-debug semantics: BFD counts STT_FILE symbols as
 * debugging symbols), are file symbols. The string table can be rebuilt with only the names
 * still used, duplicates shared and suffixes merged, as binutils does. Pure.
 */
import { cString } from '../binary/endian.ts';
import { SHN_LORESERVE, type ElfLayout, type ElfSectionHeader } from './elf-layout.ts';

const STT_FILE = 4;

export interface SymtabRewrite {
  data: Uint8Array;
  /** New sh_info: one past the last local symbol. */
  info: number;
  dropped: number;
  /** Rebuilt string table, when `strings` was given. */
  strtab: Uint8Array | null;
}

export interface SymtabRewriteOptions {
  dropFileSymbols: boolean;
  /** The linked string table's bytes, to rebuild it; null keeps name offsets as they are. */
  strings: Uint8Array | null;
}

/** String table with every name once and names that end another name stored inside it. */
export function buildMergedStrtab(names: Iterable<string>): { data: Uint8Array; offsets: Map<string, number> } {
  const unique = [...new Set(names)].filter((n) => n.length > 0);
  const enc = new TextEncoder();
  const bytes = new Map(unique.map((n) => [n, enc.encode(n)]));
  const reversed = unique.map((n) => ({ n, r: [...bytes.get(n)!].reverse() }));
  const cmp = (a: number[], b: number[]): number => {
    for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
    return a.length - b.length;
  };
  reversed.sort((x, y) => cmp(x.r, y.r));
  const offsets = new Map<string, number>([['', 0]]);
  const host = new Map<string, string>();
  for (let i = reversed.length - 1; i >= 0; i--) {
    const cur = reversed[i]!;
    const next = reversed[i + 1];
    if (next && next.r.length > cur.r.length && cur.r.every((b, k) => next.r[k] === b)) host.set(cur.n, host.get(next.n) ?? next.n);
  }
  let size = 1;
  const order: string[] = [];
  for (const n of unique) {
    if (host.has(n)) continue;
    offsets.set(n, size);
    order.push(n);
    size += bytes.get(n)!.length + 1;
  }
  for (const [n, h] of host) offsets.set(n, offsets.get(h)! + bytes.get(h)!.length - bytes.get(n)!.length);
  const data = new Uint8Array(size);
  for (const n of order) data.set(bytes.get(n)!, offsets.get(n)!);
  return { data, offsets };
}

export function rewriteSymtab(layout: ElfLayout, s: ElfSectionHeader, bytes: Uint8Array, newIndex: Int32Array, options: SymtabRewriteOptions): SymtabRewrite {
  const entsize = s.entsize || (layout.bits === 64 ? 24 : 16);
  const count = Math.floor(bytes.length / entsize);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const little = layout.endian === 'little';
  const shndxAt = layout.bits === 64 ? 6 : 14;
  const infoAt = layout.bits === 64 ? 4 : 12;
  const out = new Uint8Array(bytes.length);
  const outView = new DataView(out.buffer);
  const keptNames: number[] = [];
  let n = 0;
  let locals = 0;
  for (let i = 0; i < count; i++) {
    const shndx = view.getUint16(i * entsize + shndxAt, little);
    let mapped = shndx;
    if (i > 0 && shndx !== 0 && shndx < SHN_LORESERVE) {
      mapped = newIndex[shndx] ?? -1;
      if (mapped < 0) continue;
    }
    if (i > 0 && options.dropFileSymbols && (view.getUint8(i * entsize + infoAt) & 0xf) === STT_FILE) continue;
    out.set(bytes.subarray(i * entsize, (i + 1) * entsize), n * entsize);
    outView.setUint16(n * entsize + shndxAt, mapped, little);
    keptNames.push(view.getUint32(i * entsize, little));
    if (i < s.info) locals++;
    n++;
  }
  let strtab: Uint8Array | null = null;
  if (options.strings) {
    const names = keptNames.map((off) => cString(options.strings!, off, 1 << 20));
    const table = buildMergedStrtab(names);
    names.forEach((name, k) => outView.setUint32(k * entsize, table.offsets.get(name) ?? 0, little));
    strtab = table.data;
  }
  return { data: out.subarray(0, n * entsize), info: locals, dropped: count - n, strtab };
}
