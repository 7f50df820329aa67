/**
 * FORTIFY_SOURCE as checksec counts it, over the dynamic symbols (checksec reads --dyn-syms):
 * a function is "fortified" when the binary calls glibc's `__<name>_chk`, "fortifiable" when it
 * calls `<name>` or `__<name>_chk` and glibc has a checked variant of it. A static binary has no
 * .dynsym, and so 0 of 0, as checksec reports.
 */
import { FormatError } from '../errors.ts';
import { FORTIFIABLE_FUNCTIONS, SHT_DYNSYM } from './constants.ts';
import type { ElfSectionHeader } from './sections.ts';
import type { SymbolNames } from './symbol-names.ts';
import { nameFilter } from './strtab.ts';

export interface FortifyCount {
  fortified: number;
  fortifiable: number;
}

/** Every name countFortify() can count: each fortifiable function, plain and as `__<name>_chk`, with what it counts for. */
const CANDIDATES: ReadonlyMap<string, { base: string; checked: boolean }> = new Map<string, { base: string; checked: boolean }>(
  [...FORTIFIABLE_FUNCTIONS].flatMap((name): [string, { base: string; checked: boolean }][] => [
    [name, { base: name, checked: false }],
    [`__${name}_chk`, { base: name, checked: true }],
  ]),
);
const LONGEST_CANDIDATE = Math.max(...[...CANDIDATES.keys()].map((name) => name.length));
/** First two bytes, first byte and length of each candidate: most other names are rejected on these, undecoded. */
const CANDIDATE_FILTER = nameFilter(CANDIDATES.keys());

function shortAscii(name: string, maxLength: number): string | null {
  return name.length <= maxLength && /^[\x00-\x7f]*$/.test(name) ? name : null;
}

/** Pure: the count over a list of dynamic symbol names (versions already stripped). */
export function countFortify(names: Iterable<string>): FortifyCount {
  const fortified = new Set<string>();
  const fortifiable = new Set<string>();
  for (const name of names) {
    // One lookup, no pattern: `__<name>_chk` counts for <name>, as /^__(.+)_chk$/ would say.
    const candidate = CANDIDATES.get(name);
    if (!candidate) continue;
    fortifiable.add(candidate.base);
    if (candidate.checked) fortified.add(candidate.base);
  }
  return { fortified: fortified.size, fortifiable: fortifiable.size };
}

export async function readFortify(sections: ElfSectionHeader[], symbolNames: (table: ElfSectionHeader) => SymbolNames): Promise<FortifyCount> {
  const dynsym = sections.find((s) => s.type === SHT_DYNSYM);
  if (!dynsym) return { fortified: 0, fortifiable: 0 };
  const table = symbolNames(dynsym);
  if (!table.strings) {
    throw new FormatError(`Cannot read symbol names of ${dynsym.name || `section ${dynsym.index}`}: sh_link ${dynsym.link} is not a string table`, dynsym.headerOffset);
  }
  // Only short ASCII names can count: a big C++ program's thousands of long mangled names are
  // skipped without being decoded.
  const strings = table.strings;
  const indices = await table.nameIndices();
  const inMemory = await strings.load();
  const names: string[] = [];
  for (let i = 0; i < indices.length; i++) {
    const at = indices[i]!;
    if (at === 0) continue;
    const ref = table.entryOffset(i);
    // Synchronous when the table is in memory (always, short of a > 16 MiB table): no await per name.
    const name = inMemory ? strings.shortAsciiAt(at, ref, LONGEST_CANDIDATE, CANDIDATE_FILTER) : shortAscii(await strings.get(at, ref), LONGEST_CANDIDATE);
    if (name) names.push(name);
  }
  return countFortify(names);
}
