/**
 * `gocross deploy --dry-run`: per wave, per host, the plan — the artifact chosen for that device
 * (target and release id, and the release it would replace), the preflight verdicts with their
 * fixes, and the steps the deploy would run. Read from the dry run's DeployReport: a dry run
 * connects and runs preflight, and lists every later step as skipped.
 */
import type { DeployReport, HostResult, StepName } from '../../deploy/model.ts';
import type { Finding } from '../../core/check.ts';
import { paint } from '../style.ts';
import { printable } from '../../util/printable.ts';
import { OUTCOME_LOOK } from './outcome.ts';
import { releaseText } from './text.ts';

/** Steps that a dry run really performs; every other step in a host's list is one it would run. */
const PERFORMED: ReadonlySet<StepName> = new Set(['connect', 'preflight']);

const FINDING_STYLE = { pass: 'green', info: 'gray', warn: 'yellow', fail: 'red' } as const;

/** A finding's subject is left out when it is the host itself (the plan is already under its name). */
function findingLines(findings: readonly Finding[], color: boolean, host: string): string[] {
  return findings.flatMap((f) => [
    `      ${paint(color, FINDING_STYLE[f.status], f.status.padEnd(4))} ${f.subject && f.subject !== host ? `${printable(f.subject)}: ` : ''}${printable(f.message)}`,
    ...(f.fix && (f.status === 'fail' || f.status === 'warn') ? [`           fix: ${printable(f.fix)}`] : []),
  ]);
}

function hostPlan(h: HostResult, color: boolean): string[] {
  const lines = [`  ${paint(color, 'bold', printable(h.host))} (${printable(h.address)})`];
  lines.push(`    artifact: ${h.artifact === null ? 'none chosen' : printable(h.artifact)}${h.toRelease === null ? '' : `, release ${releaseText(h.fromRelease, h.toRelease)}`}`);
  for (const s of h.steps.filter((x) => PERFORMED.has(x.step))) {
    lines.push(`    ${s.step}: ${paint(color, s.status === 'fail' ? 'red' : 'green', s.status === 'fail' ? 'no' : 'ok')}${s.message ? ` — ${printable(s.message)}` : ''}`);
    if (s.fix) lines.push(`      fix: ${printable(s.fix)}`);
    lines.push(...findingLines(s.findings ?? [], color, h.host));
  }
  const wouldRun = h.steps.filter((s) => !PERFORMED.has(s.step));
  if (h.outcome === 'refused' || h.outcome === 'failed') {
    const look = OUTCOME_LOOK[h.outcome];
    lines.push(`    ${paint(color, look.style, `${look.words}: nothing on this host would be touched`)}`);
  } else if (h.outcome === 'unchanged') {
    lines.push('    already on this release: nothing to do');
  } else if (wouldRun.length === 0) {
    lines.push('    would run: (no steps reported)');
  } else {
    // Each step with what it would do, when the pipeline says more than that it is a dry run.
    const width = Math.max(...wouldRun.map((s) => s.step.length));
    lines.push('    would run:');
    for (const s of wouldRun) lines.push(`      ${s.step.padEnd(width)}${s.message && s.message !== 'dry run' ? `  ${printable(s.message)}` : ''}`.trimEnd());
  }
  return lines;
}

export function renderDeployPlan(report: DeployReport, color: boolean): string {
  const lines = [
    paint(color, 'bold', `Plan: ${report.command} ${printable(report.service)}${report.release === null ? '' : ` ${printable(report.release)}`} to ${report.hosts.length} host${report.hosts.length === 1 ? '' : 's'} in ${report.waves.length} wave${report.waves.length === 1 ? '' : 's'}, failure budget ${report.maxFailures}`),
    'dry run: nothing was changed on any host',
    '',
  ];
  for (const w of report.waves) {
    lines.push(paint(color, 'bold', `Wave ${w.wave}`));
    for (const h of report.hosts.filter((x) => x.wave === w.wave)) lines.push(...hostPlan(h, color));
    lines.push('');
  }
  const refused = report.hosts.filter((h) => h.outcome === 'refused' || h.outcome === 'failed').length;
  lines.push(refused === 0 ? `Every host passed preflight.` : paint(color, 'red', `${refused} host${refused === 1 ? '' : 's'} would be refused (${refused > report.maxFailures ? 'more than' : 'within'} the failure budget of ${report.maxFailures}).`));
  return `${lines.join('\n')}\n`;
}
