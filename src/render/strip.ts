/** `gocross strip` as text: the one-line result and the --compare table. File names, section names and tool errors are untrusted: printable(). */
import type { CompareRow } from '../strip/compare.ts';
import type { StripResult } from '../strip/strip-file.ts';
import { paint } from './style.ts';
import { printable } from '../util/printable.ts';

function kib(n: number | null): string {
  return n === null ? '-' : `${(n / 1024).toFixed(1)} KiB`;
}

function yesNo(v: boolean | null): string {
  return v === null ? 'n/a' : v ? 'yes' : 'NO';
}

/** The comparison table as text (pure). */
export function renderCompare(file: string, rows: CompareRow[], color: boolean): string {
  const header = ['variant', 'size', 'reduction', 'runs (same output)', 'Go build info'];
  const body = rows.map((r) => [
    printable(r.label),
    kib(r.size),
    r.reduction === null ? '-' : `${(r.reduction * 100).toFixed(1)} %`,
    r.error ? `failed: ${printable(r.error)}` : yesNo(r.runs),
    r.error ? '' : yesNo(r.hasBuildInfo),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((row) => row[i]!.length)));
  const line = (cells: string[]): string => cells.map((c, i) => (i === 1 || i === 2 ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join('  ').trimEnd();
  return [paint(color, 'bold', `Strip comparison for ${printable(file)}`), paint(color, 'bold', line(header)), ...body.map(line)].join('\n');
}

/** "app: 1843.2 KiB -> 1290.0 KiB (-30.0 %), removed .debug_info …" */
export function stripLine(r: StripResult): string {
  const saved = r.sizeBefore - r.sizeAfter;
  const what = r.unchanged ? 'nothing to remove (output is identical)' : `removed ${printable(r.removed.join(' '))}`;
  return `${printable(r.output)}: ${kib(r.sizeBefore)} -> ${kib(r.sizeAfter)} (-${((saved / r.sizeBefore) * 100).toFixed(1)} %), ${what}\n`;
}
