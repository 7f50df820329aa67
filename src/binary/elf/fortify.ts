/**
 * FORTIFY_SOURCE as checksec counts it, over the dynamic symbols (checksec reads --dyn-syms):
 * a function is "fortified" when the binary calls glibc's `__<name>_chk`, "fortifiable" when it
 * calls `<name>` or `__<name>_chk` and glibc has a checked variant of it. A static binary has no
 * .dynsym, and so 0 of 0, as checksec reports.
 */
import type { ByteSource } from '../byte-source.ts';
import { FORTIFIABLE_FUNCTIONS, SHT_DYNSYM } from './constants.ts';
import type { ElfHeader } from './header.ts';
import type { ElfSectionHeader } from './sections.ts';
import { iterateSymbols } from './symbols.ts';

export interface FortifyCount {
  fortified: number;
  fortifiable: number;
}

/** Pure: the count over a list of dynamic symbol names (versions already stripped). */
export function countFortify(names: Iterable<string>): FortifyCount {
  const fortified = new Set<string>();
  const fortifiable = new Set<string>();
  for (const name of names) {
    const checked = /^__(.+)_chk$/.exec(name)?.[1];
    const base = checked ?? name;
    if (!FORTIFIABLE_FUNCTIONS.has(base)) continue;
    fortifiable.add(base);
    if (checked) fortified.add(base);
  }
  return { fortified: fortified.size, fortifiable: fortifiable.size };
}

export async function readFortify(source: ByteSource, header: ElfHeader, sections: ElfSectionHeader[]): Promise<FortifyCount> {
  const dynsym = sections.find((s) => s.type === SHT_DYNSYM);
  if (!dynsym) return { fortified: 0, fortifiable: 0 };
  const names: string[] = [];
  for await (const sym of iterateSymbols(source, header, sections, dynsym)) if (sym.name) names.push(sym.name);
  return countFortify(names);
}
