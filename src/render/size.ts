/** Text rendering of size reports and comparisons. Pure. File, section and package names are untrusted: printable(). */
import { paint } from './style.ts';
import { printable } from '../util/printable.ts';
import { CATEGORIES } from '../size/categories.ts';
import type { SizeComparison, SizeDelta } from '../size/compare.ts';
import type { SizeReport } from '../size/report.ts';

function human(n: number): string {
  const a = Math.abs(n);
  if (a >= 1 << 20) return `${(n / (1 << 20)).toFixed(2)} MiB`;
  if (a >= 1024) return `${(n / 1024).toFixed(1)} KiB`;
  return `${n} B`;
}

function pct(n: number, total: number): string {
  return total > 0 ? `${((n / total) * 100).toFixed(1)} %` : '-';
}

function table(rows: string[][], rightAligned: number[]): string[] {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  return rows.map((r) => r.map((c, i) => (rightAligned.includes(i) ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join('  ').trimEnd());
}

export function renderSizeReport(file: string, r: SizeReport, color: boolean, top = 20): string {
  const out: string[] = [paint(color, 'bold', printable(`${file}: ${human(r.fileSize)} (${r.fileSize} bytes)${r.goVersion ? `, ${r.goVersion}` : ''}`)), ''];
  out.push(paint(color, 'bold', 'By category (each file byte counted once; totals add up to the file size)'));
  const cats = CATEGORIES.filter((c) => r.categories[c] > 0 || c === 'padding').map((c) => [c, human(r.categories[c]), pct(r.categories[c], r.fileSize)]);
  out.push(...table([['category', 'bytes', 'share'], ...cats, ['total', human(r.fileSize), '100.0 %']], [1, 2]));
  out.push('', paint(color, 'bold', 'By section'));
  const secs = [...r.sections].sort((a, b) => b.fileBytes - a.fileBytes).map((s) => [printable(s.name) || '(unnamed)', s.category, human(s.fileBytes), s.memBytes > s.fileBytes ? `mem ${human(s.memBytes)}` : '']);
  out.push(...table([['section', 'category', 'file bytes', ''], ...secs], [2]));
  out.push('');
  if (r.packages === null) {
    out.push('By package: no static symbol table (stripped), so bytes cannot be attributed to packages.');
  } else {
    out.push(paint(color, 'bold', `By package (sized symbols: ${human(r.symbolBytes)}, ${pct(r.symbolBytes, r.fileSize)} of the file)`));
    const shown = r.packages.slice(0, top);
    const rows = shown.map((p) => [printable(p.name), p.kind, human(p.bytes), pct(p.bytes, r.symbolBytes), String(p.symbols)]);
    out.push(...table([['owner', 'kind', 'bytes', 'share', 'symbols'], ...rows], [2, 3, 4]));
    if (r.packages.length > top) out.push(`… ${r.packages.length - top} more (use --json for all)`);
  }
  return out.join('\n');
}

function deltaRows(rows: SizeDelta[], color: boolean): string[][] {
  return rows.map((d) => [printable(d.name), human(d.before), human(d.after), paint(color, d.delta > 0 ? 'red' : 'green', `${d.delta > 0 ? '+' : ''}${human(d.delta)}`)]);
}

export function renderSizeComparison(before: string, after: string, c: SizeComparison, color: boolean, top = 20): string {
  const out: string[] = [
    paint(color, 'bold', `${printable(before)} -> ${printable(after)}: ${human(c.fileSize.before)} -> ${human(c.fileSize.after)} (${c.fileSize.delta > 0 ? '+' : ''}${human(c.fileSize.delta)})`),
  ];
  const block = (title: string, rows: SizeDelta[] | null): void => {
    out.push('', paint(color, 'bold', title));
    if (rows === null) out.push('  (needs a symbol table in both files)');
    else if (rows.length === 0) out.push('  no change');
    else {
      out.push(...table([['name', 'before', 'after', 'change'], ...deltaRows(rows.slice(0, top), color)], [1, 2, 3]));
      if (rows.length > top) out.push(`… ${rows.length - top} more (use --json for all)`);
    }
  };
  block('By package (largest change first)', c.packages);
  block('By category', c.categories);
  block('By section', c.sections);
  return out.join('\n');
}
