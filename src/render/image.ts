/** `gocross image` (and `build --image`) as text: `what  name@sha256:…`, one line per output, untrusted names escaped. */
import type { AlsoCompared } from '../gobuild/reproducible.ts';
import type { PublishedLine } from '../image/publish.ts';
import { paint } from './style.ts';
import { printable } from '../util/printable.ts';

export function renderImageLines(lines: readonly PublishedLine[]): string {
  const width = Math.max(0, ...lines.map((l) => printable(l.what).length));
  return lines.map((l) => `${printable(l.what).padEnd(width)}  ${printable(l.ref)}\n`).join('');
}

/** `image --check-reproducible` on stderr: one line when identical, else each differing digest pair. */
export function renderImageReproducibility(report: AlsoCompared, color: boolean): string {
  if (report.differences.length === 0) return `reproducible: ${report.compared} image(s) and their index identical\n`;
  return [
    `${paint(color, 'red', 'NOT reproducible')}: images assembled twice from the same dist differ\n`,
    ...report.differences.map((d) => `  ${d.file}${d.target ? ` (${printable(d.target)})` : ''}: ${d.first ?? '(not made)'} vs ${d.second ?? '(not made)'}\n`),
  ].join('');
}
