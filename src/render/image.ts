/** `gocross image` (and `build --image`) as text: `what  name@sha256:…`, one line per output, untrusted names escaped. */
import type { PublishedLine } from '../image/publish.ts';
import { printable } from '../util/printable.ts';

export function renderImageLines(lines: readonly PublishedLine[]): string {
  const width = Math.max(0, ...lines.map((l) => printable(l.what).length));
  return lines.map((l) => `${printable(l.what).padEnd(width)}  ${printable(l.ref)}\n`).join('');
}
