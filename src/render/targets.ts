/** `gocross targets` as text: one row per target, then the variants of the arches shown. */
import type { TargetInfo } from '../platform/target.ts';
import { paint } from './style.ts';

export interface TargetRow extends TargetInfo {
  /** How this host runs it ("native", "qemu", "wine"), or null. */
  run: string | null;
}

/** `variants(goarch)` gives the variant name and its values in words, or null when the arch has none. */
export function renderTargetTable(rows: readonly TargetRow[], variants: (goarch: string) => { name: string; values: string } | null, color: boolean): string {
  const c = color;
  let text = paint(c, 'bold', `${'TARGET'.padEnd(18)} ${'FIRST-CLASS'.padEnd(11)} ${'CGO'.padEnd(4)} ${'RUN'.padEnd(6)} NOTE`) + '\n';
  for (const r of rows) {
    const id = `${r.goos}/${r.goarch}`.padEnd(18);
    const note = r.broken ? paint(c, 'red', 'broken') : '';
    text += `${r.firstClass ? paint(c, 'bold', id) : id} ${(r.firstClass ? 'yes' : '').padEnd(11)} ${(r.cgoSupported ? 'yes' : '').padEnd(4)} ${(r.run ?? '-').padEnd(6)} ${note}\n`;
  }
  const arches = [...new Set(rows.map((r) => r.goarch))].filter((a) => variants(a));
  if (arches.length > 0) text += '\nVariants (write os/arch/VALUE, e.g. linux/arm/7, linux/amd64/v3):\n';
  for (const a of arches) {
    const v = variants(a)!;
    text += `  ${a.padEnd(9)} ${v.name.padEnd(9)} ${v.values}\n`;
  }
  return text;
}
