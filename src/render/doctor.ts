/**
 * `gocross doctor` as text: one line per finding, its fix under warnings and failures, a summary.
 * Findings quote host strings (paths, versions, binfmt entries, program output): printable().
 */
import type { DoctorReport } from '../host/doctor/run.ts';
import type { Status } from '../core/check.ts';
import { paint, type Style } from './style.ts';
import { printable } from '../util/printable.ts';

const marks: Record<Status, [string, Style]> = { pass: ['✓', 'green'], info: ['·', 'gray'], warn: ['!', 'yellow'], fail: ['✗', 'red'] };

/** `root` is named in the summary when it is not this machine's. */
export function renderDoctorReport(report: DoctorReport, root: string, color: boolean): string {
  let text = '';
  const width = Math.max(...report.results.map((r) => r.id.length));
  for (const r of report.results) {
    for (const f of r.findings) {
      const [mark, style] = marks[f.status];
      text += `${paint(color, style, `${mark} ${f.status.padEnd(4)}`)} ${r.id.padEnd(width)}  ${printable(f.message)}\n`;
      if (f.fix && (f.status === 'warn' || f.status === 'fail')) text += `${' '.repeat(width + 9)}fix: ${printable(f.fix)}\n`;
    }
  }
  const s = report.summary;
  return `${text}\n${report.results.length} checks: ${s.pass} pass, ${s.info} info, ${s.warn} warn, ${s.fail} fail${root !== '/' ? ` (root ${printable(root)})` : ''}\n`;
}
