/** Drift on a terminal: one block per object that differs, one line per field (desired → live). */
import type { DriftReport } from '../../gate/drift/drift.ts';
import type { Json } from '../../gate/manifests/model.ts';
import { printable } from '../../util/printable.ts';
import { plain, type Painter } from '../style.ts';

const show = (v: Json | undefined): string => (v === undefined ? '(absent)' : printable(JSON.stringify(v).slice(0, 200)));

export function renderDrift(report: DriftReport, paint: Painter = plain): string {
  const out: string[] = [];
  for (const o of report.objects) {
    if (o.status === 'same') continue;
    if (o.status === 'missing') {
      out.push(`${paint('red', 'missing')}  ${printable(o.object)} (${printable(o.file)}) is not live`);
      continue;
    }
    out.push(`${paint('yellow', 'drift')}    ${printable(o.object)} (${printable(o.file)})`);
    for (const c of o.changes) {
      const path = printable(c.path.join('.'));
      if (c.kind === 'missing') out.push(`  - ${path}: ${show(c.desired)} is not live`);
      else if (c.kind === 'extra') out.push(`  + ${path}: live has ${show(c.live)}, the manifest does not`);
      else out.push(`  ~ ${path}: ${show(c.desired)} → live ${show(c.live)}`);
    }
  }
  const counts = { same: 0, drift: 0, missing: 0 };
  for (const o of report.objects) counts[o.status]++;
  out.push(`${out.length ? '\n' : ''}gate drift: ${report.objects.length} object${report.objects.length === 1 ? '' : 's'}: ${counts.same} same, ${counts.drift} drifted, ${counts.missing} missing — ${report.same ? paint('green', 'NO DRIFT') : paint('red', 'DRIFT')}`);
  return `${out.join('\n')}\n`;
}
