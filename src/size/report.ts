/**
 * `gocross size` report: every file byte attributed once (headers, sections, padding), totals by
 * category that add up to the file size, and bytes by Go package owner from the symbol table.
 * Pure: takes the layout, the symbols and the build info.
 */
import type { GoBuildInfo } from '../binary/types.ts';
import { fileBytes, SHF_ALLOC, SHT_NOBITS, SHT_SYMTAB, type ElfLayout } from '../strip/elf-layout.ts';
import { CATEGORIES, categoryOf, type Category } from './categories.ts';
import { moduleIndex, ownerOf, type OwnerKind } from './packages.ts';
import { STT_FUNC, STT_OBJECT, STT_TLS, type ElfSymbol } from './symbols.ts';

export interface SectionSize {
  name: string;
  category: Category;
  /** Bytes in the file (0 for .bss-like sections). */
  fileBytes: number;
  /** Bytes in memory when loaded (0 for non-loaded sections). */
  memBytes: number;
}

export interface PackageSize {
  name: string;
  kind: OwnerKind;
  /** File bytes of the symbols attributed to this owner. */
  bytes: number;
  symbols: number;
}

export interface SizeReport {
  fileSize: number;
  sections: SectionSize[];
  /** Each file byte counted once: these add up to fileSize exactly. */
  categories: Record<Category, number>;
  /** Bytes by package owner; null when the file has no static symbol table (stripped). */
  packages: PackageSize[] | null;
  /** File bytes of sized symbols (the part of code/rodata/data the package table explains). */
  symbolBytes: number;
  goVersion: string | null;
}

interface Interval {
  start: number;
  end: number;
  category: Category;
}

export function buildSizeReport(layout: ElfLayout, symbols: ElfSymbol[], info: GoBuildInfo | null): SizeReport {
  const symtabStrtabs = new Set(layout.sections.filter((s) => s.type === SHT_SYMTAB).map((s) => s.link));
  const sections: SectionSize[] = layout.sections
    .filter((s) => s.index !== 0)
    .map((s) => ({
      name: s.name,
      category: categoryOf(s, symtabStrtabs),
      fileBytes: fileBytes(s),
      memBytes: (s.flags & SHF_ALLOC) !== 0 ? s.size : 0,
    }));

  const intervals: Interval[] = [
    { start: 0, end: layout.ehsize, category: 'headers' },
    { start: layout.phoff, end: layout.phoff + layout.programHeaders.length * layout.phentsize, category: 'headers' },
    { start: layout.shoff, end: layout.shoff + layout.sections.length * layout.shentsize, category: 'headers' },
  ];
  layout.sections.forEach((s, i) => {
    if (i === 0) return;
    const n = fileBytes(s);
    if (n > 0) intervals.push({ start: s.offset, end: s.offset + n, category: sections[i - 1]!.category });
  });
  const categories = Object.fromEntries(CATEGORIES.map((c) => [c, 0])) as Record<Category, number>;
  // Sweep in offset order: each byte goes to the first interval that covers it; gaps are padding.
  let covered = 0;
  for (const iv of intervals.filter((x) => x.end > x.start).sort((a, b) => a.start - b.start || a.end - b.end)) {
    const start = Math.min(Math.max(iv.start, covered), layout.fileSize);
    const end = Math.min(iv.end, layout.fileSize);
    if (iv.start > covered) categories.padding += Math.min(iv.start, layout.fileSize) - covered;
    if (end > start) categories[iv.category] += end - start;
    covered = Math.max(covered, end);
  }
  if (layout.fileSize > covered) categories.padding += layout.fileSize - covered;

  let packages: PackageSize[] | null = null;
  let symbolBytes = 0;
  if (layout.sections.some((s) => s.type === SHT_SYMTAB && (s.flags & SHF_ALLOC) === 0)) {
    const index = moduleIndex(info);
    const byOwner = new Map<string, PackageSize>();
    for (const sym of symbols) {
      if (sym.size <= 0 || (sym.type !== STT_FUNC && sym.type !== STT_OBJECT && sym.type !== STT_TLS && sym.type !== 0)) continue;
      const section = layout.sections[sym.shndx];
      if (!section || sym.shndx === 0 || sym.shndx >= 0xff00 || section.type === SHT_NOBITS || (section.flags & SHF_ALLOC) === 0) continue;
      const owner = ownerOf(sym.name, index);
      const entry = byOwner.get(owner.name) ?? { name: owner.name, kind: owner.kind, bytes: 0, symbols: 0 };
      entry.bytes += sym.size;
      entry.symbols++;
      symbolBytes += sym.size;
      byOwner.set(owner.name, entry);
    }
    packages = [...byOwner.values()].sort((a, b) => b.bytes - a.bytes || (a.name < b.name ? -1 : 1));
  }
  return { fileSize: layout.fileSize, sections, categories, packages, symbolBytes, goVersion: info?.version ?? null };
}
