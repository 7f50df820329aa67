/** checksec's stack canary test: a __stack_chk_fail* symbol in .dynsym or .symtab. */
import type { ByteSource } from '../byte-source.ts';
import type { GoBuildInfo } from '../types.ts';
import { SHT_DYNSYM, SHT_NOBITS, SHT_SYMTAB } from './constants.ts';
import { checkSectionBounds, type ElfSectionHeader } from './sections.ts';
import { stringTableHasPrefix } from './strtab.ts';

/** Whether any symbol table names a __stack_chk_fail* symbol (checksec's canary test). */
export async function hasCanary(source: ByteSource, sections: ElfSectionHeader[], go: GoBuildInfo | null, importsLibraries: boolean, warnings: string[]): Promise<boolean> {
  const tables = sections.filter((s) => s.type === SHT_DYNSYM || s.type === SHT_SYMTAB);
  // .dynsym first: it is small, and most hits are there.
  tables.sort((a, b) => (a.type === SHT_DYNSYM ? 0 : 1) - (b.type === SHT_DYNSYM ? 0 : 1));
  for (const table of tables) {
    // The static .strtab can be megabytes; skip it when it cannot change the answer:
    // - a pure-Go program (CGO_ENABLED=0) links no C code, so nothing in it calls __stack_chk_fail;
    // - a program linked against shared libraries imports __stack_chk_fail from libc, so .dynsym names it.
    if (table.type === SHT_SYMTAB && (go?.settings.CGO_ENABLED === '0' || (importsLibraries && tables.some((t) => t.type === SHT_DYNSYM)))) continue;
    const strs = table.link < sections.length ? sections[table.link] : undefined;
    if (!strs || strs.index === 0 || strs.type === SHT_NOBITS) {
      warnings.push(`Cannot check ${table.name || `section ${table.index}`} for a stack canary: sh_link ${table.link} is not a string table`);
      continue;
    }
    checkSectionBounds(source, strs, `string table ${strs.name}`);
    if (await stringTableHasPrefix(source, strs.offset, strs.size, '__stack_chk_fail', `string table ${strs.name}`)) return true;
  }
  return false;
}
