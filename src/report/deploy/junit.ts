/**
 * A deploy as JUnit XML: one <testsuite> per wave, one <testcase> per host × step (classname the
 * host, name the step). A failed step carries <failure message="…"> with its message, fix and
 * findings, and the failed release's journal as <system-out>; a skipped step is <skipped/>. A host
 * that ran no step (untouched: budget exceeded or interrupted first) is one skipped `deploy` case,
 * so every selected host shows up in CI.
 */
import type { DeployReport, HostResult, StepResult } from '../../deploy/model.ts';
import { atomicWrite } from '../../util/atomic-write.ts';
import { xmlEscape as x } from '../xml.ts';

const seconds = (ms: number): string => (Math.max(0, ms) / 1000).toFixed(3);

function failureText(s: StepResult): string {
  const lines = [s.message];
  if (s.fix) lines.push(`fix: ${s.fix}`);
  for (const f of s.findings ?? []) lines.push(`${f.status}: ${f.subject ? `${f.subject}: ` : ''}${f.message}${f.fix ? ` (fix: ${f.fix})` : ''}`);
  return lines.join('\n');
}

function stepCase(h: HostResult, s: StepResult, journalHere: boolean): string {
  const open = `    <testcase name="${x(s.step)}" classname="${x(h.host)}" time="${seconds(s.durationMs)}"`;
  const out = journalHere && h.journal ? `\n      <system-out>${x(h.journal)}</system-out>` : '';
  switch (s.status) {
    case 'fail':
      return `${open}>\n      <failure message="${x(s.message)}" type="${x(s.step)}">${x(failureText(s))}</failure>${out}\n    </testcase>`;
    case 'skip':
      return `${open}>\n      <skipped message="${x(s.message)}"/>\n    </testcase>`;
    default:
      return out ? `${open}>${out}\n    </testcase>` : `${open}/>`;
  }
}

function hostCases(h: HostResult): string[] {
  if (h.steps.length === 0) {
    return [`    <testcase name="deploy" classname="${x(h.host)}" time="0.000">\n      <skipped message="${x(`${h.outcome}: no step ran on this host`)}"/>\n    </testcase>`];
  }
  // The journal belongs to the first failed step (the gate that failed), else to the last step.
  const failedAt = h.steps.findIndex((s) => s.status === 'fail');
  const journalAt = failedAt >= 0 ? failedAt : h.steps.length - 1;
  return h.steps.map((s, i) => stepCase(h, s, i === journalAt));
}

interface Counts {
  tests: number;
  failures: number;
  skipped: number;
}

function countsOf(hosts: readonly HostResult[]): Counts {
  const steps = hosts.flatMap((h) => (h.steps.length === 0 ? [{ status: 'skip' }] : h.steps));
  return { tests: steps.length, failures: steps.filter((s) => s.status === 'fail').length, skipped: steps.filter((s) => s.status === 'skip').length };
}

export function renderDeployJunit(report: DeployReport): string {
  const timestamp = x(report.startedAt.replace(/\.\d+Z$/, ''));
  const waves = report.waves.length > 0 ? report.waves : [...new Set(report.hosts.map((h) => h.wave))].map((wave) => ({ wave, hosts: [], durationMs: 0 }));
  const suites = waves.map((w) => {
    const hosts = report.hosts.filter((h) => h.wave === w.wave);
    const c = countsOf(hosts);
    return [
      `  <testsuite name="${x(`${report.command} ${report.service} wave ${w.wave}`)}" tests="${c.tests}" failures="${c.failures}" errors="0" skipped="${c.skipped}" time="${seconds(w.durationMs)}" timestamp="${timestamp}">`,
      ...hosts.flatMap(hostCases),
      '  </testsuite>',
    ].join('\n');
  });
  const all = countsOf(report.hosts);
  const total = Date.parse(report.finishedAt) - Date.parse(report.startedAt) || 0;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="${x(`gocross ${report.command} ${report.service}${report.release === null ? '' : ` ${report.release}`}`)}" tests="${all.tests}" failures="${all.failures}" errors="0" skipped="${all.skipped}" time="${seconds(total)}">`,
    ...suites,
    '</testsuites>',
    '',
  ].join('\n');
}

export async function writeDeployJunit(file: string, report: DeployReport): Promise<void> {
  await atomicWrite(file, renderDeployJunit(report), { mkdir: true });
}
