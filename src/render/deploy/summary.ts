/**
 * The end-of-run summary of `gocross deploy` and `gocross rollback` (TTY and plain alike): a table
 * per wave (host, outcome, artifact target, from → to release, duration, bytes sent), then for each
 * host that failed, was refused, rolled back or reverted: the failing step's message and fix, the
 * preflight findings, and the last lines of the failed release's journal; then one verdict line.
 */
import type { DeployReport, HostResult } from '../../deploy/model.ts';
import { paint } from '../style.ts';
import { printable } from '../../util/printable.ts';
import { countsAgainstBudget } from '../../deploy/fleet/outcomes.ts';
import { OUTCOME_LOOK } from './outcome.ts';
import { budgetText, durationText, failedSteps, formatBytes, journalTail, outcomeCounts, releaseText } from './text.ts';

/** Journal lines shown per failed host on the terminal (the JUnit and HTML reports carry all of it). */
export const JOURNAL_LINES = 20;

const HEADER = ['host', 'outcome', 'artifact', 'release', 'time', 'sent'] as const;

function row(h: HostResult): string[] {
  const look = OUTCOME_LOOK[h.outcome];
  return [printable(h.host), `${look.symbol} ${h.outcome}`, h.artifact === null ? '—' : printable(h.artifact), releaseText(h.fromRelease, h.toRelease), durationText(h.durationMs), formatBytes(h.bytesSent)];
}

/** Lines of one table: columns padded to the widest cell (of escaped text), the outcome coloured after padding. */
function table(hosts: readonly HostResult[], color: boolean): string[] {
  const rows = hosts.map(row);
  const widths = HEADER.map((head, i) => Math.max(head.length, ...rows.map((r) => [...r[i]!].length)));
  const pad = (cells: readonly string[]): string[] => cells.map((c, i) => (i === cells.length - 1 ? c : c + ' '.repeat(widths[i]! - [...c].length)));
  const lines = [`  ${paint(color, 'bold', pad(HEADER).join('  ').trimEnd())}`];
  hosts.forEach((h, i) => {
    const cells = pad(rows[i]!);
    cells[1] = paint(color, OUTCOME_LOOK[h.outcome].style, cells[1]!);
    lines.push(`  ${cells.join('  ').trimEnd()}`);
  });
  return lines;
}

/** The why of one host that did not end updated: failed steps with their fix, failing findings, the journal's tail. */
export function explainHost(h: HostResult, color: boolean, journalLines = JOURNAL_LINES): string[] {
  const look = OUTCOME_LOOK[h.outcome];
  const lines = [paint(color, look.style, `${look.symbol} ${printable(h.host)} (${printable(h.address)}): ${look.words}`)];
  // Put back after the budget was exceeded, or reverted: no step failed on this host; say why from its last word.
  const last = h.steps.findLast((s) => s.message !== '');
  if (failedSteps(h).length === 0 && last) lines.push(`    ${last.step}: ${printable(last.message)}`);
  for (const s of failedSteps(h)) {
    lines.push(`    ${s.step} failed: ${printable(s.message)}`);
    if (s.fix) lines.push(`    fix: ${printable(s.fix)}`);
    for (const f of s.findings ?? []) {
      if (f.status !== 'fail' && f.status !== 'warn') continue;
      lines.push(`      ${paint(color, f.status === 'fail' ? 'red' : 'yellow', f.status)} ${f.subject && f.subject !== h.host ? `${printable(f.subject)}: ` : ''}${printable(f.message)}`);
      if (f.fix) lines.push(`           fix: ${printable(f.fix)}`);
    }
  }
  if (h.outcome === 'reverted') lines.push('    the device restores the previous release by itself when its revert timer fires');
  if (h.journal) {
    const tail = journalTail(h.journal, journalLines);
    const total = journalTail(h.journal, Number.MAX_SAFE_INTEGER).length;
    lines.push(`    journal of ${h.toRelease === null ? 'the release' : printable(h.toRelease)}${total > tail.length ? ` (last ${tail.length} of ${total} lines)` : ''}:`);
    for (const l of tail) lines.push(`    ${paint(color, 'gray', '│')} ${printable(l)}`);
  }
  return lines;
}

function verdict(report: DeployReport): string {
  const what = report.command === 'rollback' ? `Rollback of ${printable(report.service)}` : `Deployed ${printable(report.service)}${report.release === null ? '' : ` ${printable(report.release)}`}`;
  return `${what}: ${outcomeCounts(report.hosts)} — ${budgetText(report)} — in ${durationText(Date.parse(report.finishedAt) - Date.parse(report.startedAt) || 0)}`;
}

export function renderDeploySummary(report: DeployReport, color: boolean): string {
  const lines: string[] = [];
  const waves = report.waves.length > 0 ? report.waves : [...new Set(report.hosts.map((h) => h.wave))].map((wave) => ({ wave, hosts: [], durationMs: 0 }));
  for (const w of waves) {
    const hosts = report.hosts.filter((h) => h.wave === w.wave);
    lines.push(paint(color, 'bold', `Wave ${w.wave}`) + `  ${hosts.length} host${hosts.length === 1 ? '' : 's'}${w.durationMs > 0 ? `, ${durationText(w.durationMs)}` : ''}`);
    lines.push(...(hosts.length > 0 ? table(hosts, color) : ['  (no hosts)']), '');
  }
  const explained = report.hosts.filter((h) => countsAgainstBudget(h.outcome));
  for (const h of explained) lines.push(...explainHost(h, color), '');
  if (report.budgetExceeded) {
    lines.push(paint(color, 'red', `Stopped: the failure budget was exceeded (${report.failures} > ${report.maxFailures}); the wave in progress was rolled back and later waves were not touched.`));
  }
  if (report.resumed) {
    const kept = report.resumed.kept.length;
    lines.push(kept === report.hosts.length ? `Resumed run ${printable(report.resumed.runId)}: every host was already done, nothing left to do.` : `Resumed run ${printable(report.resumed.runId)}: ${kept} host${kept === 1 ? '' : 's'} kept from before.`);
  }
  if (report.interrupted) {
    lines.push(paint(color, 'yellow', `Interrupted: hosts in flight were finished or switched back; run '${report.command === 'rollback' ? 'gocross rollback' : 'gocross deploy --resume'}' to continue.`));
  }
  const ok = report.exitCode === 0;
  lines.push(paint(color, ok ? 'green' : 'red', ok ? 'OK' : 'FAILED') + ` ${verdict(report)}`);
  return `${lines.join('\n')}\n`;
}
