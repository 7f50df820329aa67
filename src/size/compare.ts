/** `gocross size --compare`: what changed between two builds, biggest change first. Pure. */
import { CATEGORIES } from './categories.ts';
import type { SizeReport } from './report.ts';

export interface SizeDelta {
  name: string;
  before: number;
  after: number;
  delta: number;
}

export interface SizeComparison {
  fileSize: SizeDelta;
  categories: SizeDelta[];
  sections: SizeDelta[];
  /** Null when either file has no symbol table. */
  packages: SizeDelta[] | null;
}

function diff(before: Map<string, number>, after: Map<string, number>): SizeDelta[] {
  const names = new Set([...before.keys(), ...after.keys()]);
  return [...names]
    .map((name) => {
      const b = before.get(name) ?? 0;
      const a = after.get(name) ?? 0;
      return { name, before: b, after: a, delta: a - b };
    })
    .filter((d) => d.delta !== 0)
    .sort((x, y) => Math.abs(y.delta) - Math.abs(x.delta) || (x.name < y.name ? -1 : 1));
}

function sum(entries: [string, number][]): Map<string, number> {
  const m = new Map<string, number>();
  for (const [k, v] of entries) m.set(k, (m.get(k) ?? 0) + v);
  return m;
}

export function compareSizes(before: SizeReport, after: SizeReport): SizeComparison {
  return {
    fileSize: { name: 'file', before: before.fileSize, after: after.fileSize, delta: after.fileSize - before.fileSize },
    categories: diff(new Map(CATEGORIES.map((c) => [c, before.categories[c]])), new Map(CATEGORIES.map((c) => [c, after.categories[c]]))),
    sections: diff(sum(before.sections.map((s) => [s.name, s.fileBytes])), sum(after.sections.map((s) => [s.name, s.fileBytes]))),
    packages: before.packages && after.packages ? diff(sum(before.packages.map((p) => [p.name, p.bytes])), sum(after.packages.map((p) => [p.name, p.bytes]))) : null,
  };
}
