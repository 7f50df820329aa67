/**
 * Small pieces of deploy text shared by the live, plain, summary and plan renderers. Every string
 * that comes from the config or a device (host names, release ids, step messages, journal lines)
 * is escaped here or by the caller with printable() before it reaches a terminal.
 */
import type { DeployReport, HostOutcome, HostResult, StepResult } from '../../deploy/model.ts';
import { formatBytes, formatMs } from '../../report/reporter.ts';
import { printable } from '../../util/printable.ts';
import { OUTCOME_LOOK } from './outcome.ts';

export { formatBytes, formatMs };

/** "1.1.0-0123456789ab → 1.2.0-ba9876543210", "— → 1.2.0-…" for a first install (escaped). */
export function releaseText(from: string | null, to: string | null): string {
  return `${from === null ? '—' : printable(from)} → ${to === null ? '—' : printable(to)}`;
}

/** The steps that failed, in the order they ran (a rolled-back host: the gate; a failed rollback too). */
export function failedSteps(host: HostResult): StepResult[] {
  return host.steps.filter((s) => s.status === 'fail');
}

/** The last `count` lines of a journal, without the trailing empty line. */
export function journalTail(journal: string, count: number): string[] {
  const lines = journal.replace(/\n+$/, '').split('\n');
  return lines.slice(-count);
}

/** "3 updated, 1 rolled back, 2 untouched": the outcomes present, in the table's order. */
export function outcomeCounts(hosts: readonly HostResult[]): string {
  const order = Object.keys(OUTCOME_LOOK) as HostOutcome[];
  const counts = order.map((o) => [o, hosts.filter((h) => h.outcome === o).length] as const).filter(([, n]) => n > 0);
  return counts.length === 0 ? 'no hosts' : counts.map(([o, n]) => `${n} ${OUTCOME_LOOK[o].words}`).join(', ');
}

/** "1" or "5%": the budget as the config wrote it is not in the report, only the resolved count. */
export function budgetText(report: Pick<DeployReport, 'failures' | 'maxFailures' | 'budgetExceeded'>): string {
  return `${report.failures} failure${report.failures === 1 ? '' : 's'} of ${report.maxFailures} allowed${report.budgetExceeded ? ' — budget exceeded' : ''}`;
}

export function durationText(ms: number): string {
  return formatMs(Math.round(ms));
}
