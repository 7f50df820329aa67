/**
 * Which sections each strip mode removes, as binutils defines the modes for executables:
 * - `debug` (strip --strip-debug): the debugging sections, i.e. those BFD flags SEC_DEBUGGING
 *   by name (bfd/elf.c: .debug*, .zdebug*, .gnu.debuglto_.debug_*, .gnu.linkonce.wi.*, .line,
 *   .stab*, .gdb_index), plus relocation sections that apply to them.
 * - `unneeded` (--strip-unneeded): also every symbol not needed for relocation processing. An
 *   executable or shared library is relocated through .dynsym only, so the whole static symbol
 *   table (.symtab, its .strtab, .symtab_shndx) goes.
 * - `all` (--strip-all): also every symbol: for executables the same sections as `unneeded`.
 * Relocatable objects are refused: their symbols are needed by relocations.
 */
import { StripRefusedError } from './errors.ts';
import {
  ET_DYN,
  ET_EXEC,
  SHF_ALLOC,
  SHT_REL,
  SHT_RELA,
  SHT_STRTAB,
  SHT_SYMTAB,
  SHT_SYMTAB_SHNDX,
  type ElfLayout,
  type ElfSectionHeader,
} from './elf-layout.ts';

export const STRIP_MODES = ['debug', 'unneeded', 'all'] as const;
export type StripMode = (typeof STRIP_MODES)[number];

const DEBUG_PREFIXES = ['.debug', '.zdebug', '.gnu.debuglto_.debug_', '.gnu.linkonce.wi.', '.line', '.stab', '.gdb_index'];

/** True for a section binutils treats as debugging information (removed by --strip-debug). */
export function isDebugSection(name: string): boolean {
  return DEBUG_PREFIXES.some((p) => name.startsWith(p));
}

/** True for the static symbol table and the sections that only serve it. */
function isStaticSymbolTable(s: ElfSectionHeader): boolean {
  return s.type === SHT_SYMTAB && (s.flags & SHF_ALLOC) === 0;
}

/**
 * Indexes of the sections `mode` removes. Throws StripRefusedError when the file is of a kind we
 * cannot strip safely. Pure: decides from the headers alone.
 */
export function sectionsToRemove(layout: ElfLayout, mode: StripMode): Set<number> {
  if (layout.type !== ET_EXEC && layout.type !== ET_DYN) {
    const kind = layout.type === 1 ? 'a relocatable object file' : layout.type === 4 ? 'a core dump' : `of ELF type ${layout.type}`;
    throw new StripRefusedError(`Cannot strip: the file is ${kind}; only executables and shared libraries are stripped (use binutils strip for object files)`);
  }
  const { sections } = layout;
  const removed = new Set<number>();
  for (const s of sections) {
    if (s.index === 0 || (s.flags & SHF_ALLOC) !== 0) continue;
    if (isDebugSection(s.name)) removed.add(s.index);
    if (mode !== 'debug' && isStaticSymbolTable(s)) removed.add(s.index);
  }
  if (mode !== 'debug') {
    for (const s of sections) {
      // .symtab_shndx (linked to the symbol table) and the symbol table's string table, when no
      // kept section still uses that string table (some linkers share it with .shstrtab).
      if (s.type === SHT_SYMTAB_SHNDX && removed.has(s.link)) removed.add(s.index);
    }
    for (const sym of sections.filter((s) => removed.has(s.index) && s.type === SHT_SYMTAB)) {
      const strtab = sections[sym.link];
      if (!strtab || strtab.type !== SHT_STRTAB || (strtab.flags & SHF_ALLOC) !== 0 || strtab.index === layout.shstrndx) continue;
      const stillUsed = sections.some((o) => o.index !== 0 && !removed.has(o.index) && o.link === strtab.index);
      if (!stillUsed) removed.add(strtab.index);
    }
  }
  // Non-alloc relocations whose target or symbol table is gone go with it.
  let changed = true;
  while (changed) {
    changed = false;
    for (const s of sections) {
      if (removed.has(s.index) || (s.flags & SHF_ALLOC) !== 0) continue;
      if ((s.type === SHT_REL || s.type === SHT_RELA) && (removed.has(s.info) || removed.has(s.link))) {
        removed.add(s.index);
        changed = true;
      }
    }
  }
  return removed;
}
