/** JUnit XML: one testsuite per rule, one testcase per object it judged with a finding (or one passing case for the rule). */
import type { GateReport } from '../../gate/manifests/report.ts';
import { junitXml, type JunitCase, type JunitSuite } from '../../report/junit-xml.ts';
import { where } from './terminal.ts';

export function renderGateJunit(report: GateReport): string {
  const suites: JunitSuite[] = report.rules.map((rule) => {
    const findings = report.findings.filter((f) => f.rule === rule.id && f.status !== 'info' && f.status !== 'pass');
    const classname = `gocross.gate.${rule.id}`;
    const cases: JunitCase[] = findings.length
      ? findings.map((f) => {
          const name = `${f.object ?? '-'}${f.container ? ` ${f.container}` : ''} (${where(f.location)})`;
          if (f.ignored) return { name, classname, skipped: `ignored: ${f.ignored.reason} (${f.ignored.source})` };
          if (f.status === 'fail' || report.failOn === 'warn') return { name, classname, failure: { message: f.message, type: f.status, text: `${where(f.location)}: ${f.message}\nfix: ${f.fix ?? rule.fix}` } };
          return { name, classname, out: `warning: ${f.message}\nfix: ${f.fix ?? rule.fix}` };
        })
      : [{ name: 'all objects', classname }];
    return { name: rule.id, cases, properties: { title: rule.title, severity: rule.severity } };
  });
  const inputErrors = report.inputProblems.map((p) => ({ name: `${p.file}:${p.line}:${p.column}`, classname: 'gocross.gate.input', error: { message: p.message } }));
  return junitXml('gocross gate manifests', inputErrors.length ? [...suites, { name: 'input', cases: inputErrors }] : suites);
}
