/**
 * JUnit XML: one <testsuite> per target, one <testcase> per target × stage; failed stages carry
 * <failure message="reason"> with the log tail, skipped ones <skipped message="reason"/>.
 */
import type { StageResult, VerifyReport } from '../verify/model.ts';
import type { Reporter } from './reporter.ts';
import { atomicWrite } from '../util/atomic-write.ts';
import { junitXml, type JunitCase } from './junit-xml.ts';

function tail(log: string | undefined, lines = 60): string {
  if (!log) return '';
  return log.trimEnd().split('\n').slice(-lines).join('\n');
}

function testcase(target: string, s: StageResult): JunitCase {
  const base = { name: s.stage, classname: `gocross.verify.${target}`, timeMs: s.durationMs };
  const where = s.logPath ? `\nlog: ${s.logPath}` : '';
  switch (s.status) {
    case 'failed':
      return { ...base, failure: { message: s.reason, type: s.stage, text: `${s.reason}${where}\n\n${tail(s.log)}` } };
    case 'skipped':
      return { ...base, skipped: s.reason };
    default:
      return s.log ? { ...base, out: tail(s.log) } : base;
  }
}

export function renderJunit(report: VerifyReport): string {
  const suites = report.targets.map((t) => ({ name: t.target, cases: t.stages.map((s) => testcase(t.target, s)), timeMs: t.durationMs, timestamp: report.startedAt }));
  return junitXml(`gocross verify ${report.package}`, suites, report.durationMs);
}

export function createJunitReporter(file: string): Reporter {
  return {
    onEvent() {},
    async finish(report) {
      await atomicWrite(file, renderJunit(report), { mkdir: true });
    },
  };
}
