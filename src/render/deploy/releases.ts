/** `gocross releases`: per host a table of the releases on the device, which is current, when and by whom it was switched to. */
import type { ReleasesReport } from '../../deploy/model.ts';
import { paint } from '../style.ts';
import { printable } from '../../util/printable.ts';

const HEADER = ['release', 'current', 'switched at', 'by'] as const;

export function renderReleases(report: ReleasesReport, color: boolean): string {
  const lines: string[] = [];
  for (const h of report.hosts) {
    lines.push(paint(color, 'bold', `${printable(h.host)} (${printable(h.address)})`));
    if (h.error !== null) {
      lines.push(`  ${paint(color, 'red', 'error')} ${printable(h.error)}`, '');
      continue;
    }
    if (h.releases.length === 0) {
      lines.push(`  no releases of ${printable(report.service)} on this host`, '');
      continue;
    }
    const rows = h.releases.map((r) => [printable(r.id), r.current ? '*' : '', r.switchedAt === null ? '—' : printable(r.switchedAt), r.switchedBy === null ? '—' : printable(r.switchedBy)]);
    const widths = HEADER.map((head, i) => Math.max(head.length, ...rows.map((r) => [...r[i]!].length)));
    const pad = (cells: readonly string[]): string => cells.map((c, i) => c + ' '.repeat(widths[i]! - [...c].length)).join('  ').trimEnd();
    lines.push(`  ${paint(color, 'bold', pad(HEADER))}`);
    h.releases.forEach((r, i) => {
      const text = pad(rows[i]!);
      lines.push(`  ${r.current ? paint(color, 'green', text) : text}`);
    });
    lines.push('');
  }
  const failed = report.hosts.filter((h) => h.error !== null).length;
  lines.push(`${report.hosts.length} host${report.hosts.length === 1 ? '' : 's'}${failed > 0 ? `, ${paint(color, 'red', `${failed} could not be read`)}` : ''}`);
  return `${lines.join('\n')}\n`;
}
