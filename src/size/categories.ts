/**
 * What kind of bytes a section holds. Decisions (documented in `gocross size --help`):
 * - code: executable sections (.text, .plt, .init…);
 * - go-metadata: what the Go runtime and tools read about the program rather than the program's
 *   own data: .gopclntab, .gosymtab, .typelink, .itablink, .go.buildinfo, .go.fipsinfo, .go.module,
 *   .note.go.buildid. `.noptrdata` is NOT metadata: it holds the program's pointer-free variables,
 *   so it counts as data;
 * - rodata: other read-only loaded sections (.rodata, .eh_frame, notes, dynamic-linking tables);
 * - data: writable loaded sections (.data, .noptrdata, .got; .bss/.noptrbss take no file bytes);
 * - symtab: the static symbol table (.symtab, .strtab, .symtab_shndx);
 * - dwarf: debugging sections (what `strip --strip-debug` removes);
 * - other: any other non-loaded section (.shstrtab, .comment…);
 * - headers: ELF header, program header table, section header table;
 * - padding: file bytes no header or section covers (alignment gaps), reported, never hidden.
 */
import { isDebugSection } from '../strip/policy.ts';
import { SHF_ALLOC, SHF_EXECINSTR, SHF_WRITE, SHT_STRTAB, SHT_SYMTAB, SHT_SYMTAB_SHNDX, type ElfSectionHeader } from '../strip/elf-layout.ts';

export const CATEGORIES = ['code', 'rodata', 'go-metadata', 'data', 'symtab', 'dwarf', 'other', 'headers', 'padding'] as const;
export type Category = (typeof CATEGORIES)[number];

const GO_METADATA_SECTIONS = new Set(['.gopclntab', '.gosymtab', '.typelink', '.itablink', '.go.buildinfo', '.go.fipsinfo', '.go.module', '.note.go.buildid']);

/** `symtabStrtabs`: indexes of string tables that serve a static symbol table. */
export function categoryOf(s: ElfSectionHeader, symtabStrtabs: ReadonlySet<number>): Exclude<Category, 'headers' | 'padding'> {
  if (GO_METADATA_SECTIONS.has(s.name)) return 'go-metadata';
  if ((s.flags & SHF_ALLOC) !== 0) {
    if ((s.flags & SHF_EXECINSTR) !== 0) return 'code';
    if ((s.flags & SHF_WRITE) !== 0) return 'data';
    return 'rodata';
  }
  if (isDebugSection(s.name)) return 'dwarf';
  if (s.type === SHT_SYMTAB || s.type === SHT_SYMTAB_SHNDX || (s.type === SHT_STRTAB && symtabStrtabs.has(s.index))) return 'symtab';
  return 'other';
}
