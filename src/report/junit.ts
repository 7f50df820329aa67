/**
 * JUnit XML: one <testsuite> per target, one <testcase> per target × stage; failed stages carry
 * <failure message="reason"> with the log tail, skipped ones <skipped message="reason"/>.
 */
import type { StageResult, VerifyReport } from '../verify/model.ts';
import type { Reporter } from './reporter.ts';
import { atomicWrite } from '../util/atomic-write.ts';
import { xmlEscape as x } from './xml.ts';

const seconds = (ms: number): string => (ms / 1000).toFixed(3);

function tail(log: string | undefined, lines = 60): string {
  if (!log) return '';
  return log.trimEnd().split('\n').slice(-lines).join('\n');
}

function testcase(target: string, s: StageResult): string {
  const open = `    <testcase name="${x(s.stage)}" classname="gocross.verify.${x(target)}" time="${seconds(s.durationMs)}"`;
  const where = s.logPath ? `\nlog: ${s.logPath}` : '';
  switch (s.status) {
    case 'failed':
      return `${open}>\n      <failure message="${x(s.reason)}" type="${x(s.stage)}">${x(`${s.reason}${where}\n\n${tail(s.log)}`)}</failure>\n    </testcase>`;
    case 'skipped':
      return `${open}>\n      <skipped message="${x(s.reason)}"/>\n    </testcase>`;
    default:
      return s.log ? `${open}>\n      <system-out>${x(tail(s.log))}</system-out>\n    </testcase>` : `${open}/>`;
  }
}

export function renderJunit(report: VerifyReport): string {
  const count = (status: string): number => report.targets.reduce((n, t) => n + t.stages.filter((s) => s.status === status).length, 0);
  const tests = report.targets.reduce((n, t) => n + t.stages.length, 0);
  const suites = report.targets.map((t) => {
    const failures = t.stages.filter((s) => s.status === 'failed').length;
    const skipped = t.stages.filter((s) => s.status === 'skipped').length;
    return [
      `  <testsuite name="${x(t.target)}" tests="${t.stages.length}" failures="${failures}" errors="0" skipped="${skipped}" time="${seconds(t.durationMs)}" timestamp="${x(report.startedAt.replace(/\.\d+Z$/, ''))}">`,
      ...t.stages.map((s) => testcase(t.target, s)),
      '  </testsuite>',
    ].join('\n');
  });
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="gocross verify ${x(report.package)}" tests="${tests}" failures="${count('failed')}" errors="0" skipped="${count('skipped')}" time="${seconds(report.durationMs)}">`,
    ...suites,
    '</testsuites>',
    '',
  ].join('\n');
}

export function createJunitReporter(file: string): Reporter {
  return {
    onEvent() {},
    async finish(report) {
      await atomicWrite(file, renderJunit(report), { mkdir: true });
    },
  };
}
