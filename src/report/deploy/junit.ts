/**
 * A deploy as JUnit XML: one <testsuite> per wave, one <testcase> per host × step (classname the
 * host, name the step). A failed step carries <failure message="…"> with its message, fix and
 * findings, and the failed release's journal as <system-out>; a skipped step is <skipped/>. A host
 * that ran no step (untouched: budget exceeded or interrupted first) is one skipped `deploy` case,
 * so every selected host shows up in CI.
 */
import type { DeployReport, HostResult, StepResult } from '../../deploy/model.ts';
import { atomicWrite } from '../../util/atomic-write.ts';
import { junitXml, type JunitCase } from '../junit-xml.ts';

function failureText(s: StepResult): string {
  const lines = [s.message];
  if (s.fix) lines.push(`fix: ${s.fix}`);
  for (const f of s.findings ?? []) lines.push(`${f.status}: ${f.subject ? `${f.subject}: ` : ''}${f.message}${f.fix ? ` (fix: ${f.fix})` : ''}`);
  return lines.join('\n');
}

function stepCase(h: HostResult, s: StepResult, journalHere: boolean): JunitCase {
  const base = { name: s.step, classname: h.host, timeMs: s.durationMs };
  const out = journalHere && h.journal ? { out: h.journal } : {};
  switch (s.status) {
    case 'fail':
      return { ...base, failure: { message: s.message, type: s.step, text: failureText(s) }, ...out };
    case 'skip':
      return { ...base, skipped: s.message };
    default:
      return { ...base, ...out };
  }
}

function hostCases(h: HostResult): JunitCase[] {
  if (h.steps.length === 0) return [{ name: 'deploy', classname: h.host, timeMs: 0, skipped: `${h.outcome}: no step ran on this host` }];
  // The journal belongs to the first failed step (the gate that failed), else to the last step.
  const failedAt = h.steps.findIndex((s) => s.status === 'fail');
  const journalAt = failedAt >= 0 ? failedAt : h.steps.length - 1;
  return h.steps.map((s, i) => stepCase(h, s, i === journalAt));
}

export function renderDeployJunit(report: DeployReport): string {
  const waves = report.waves.length > 0 ? report.waves : [...new Set(report.hosts.map((h) => h.wave))].map((wave) => ({ wave, hosts: [], durationMs: 0 }));
  const suites = waves.map((w) => ({
    name: `${report.command} ${report.service} wave ${w.wave}`,
    cases: report.hosts.filter((h) => h.wave === w.wave).flatMap(hostCases),
    timeMs: w.durationMs,
    timestamp: report.startedAt,
  }));
  const total = Date.parse(report.finishedAt) - Date.parse(report.startedAt) || 0;
  return junitXml(`gocross ${report.command} ${report.service}${report.release === null ? '' : ` ${report.release}`}`, suites, total);
}

export async function writeDeployJunit(file: string, report: DeployReport): Promise<void> {
  await atomicWrite(file, renderDeployJunit(report), { mkdir: true });
}
