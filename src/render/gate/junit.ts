/** JUnit XML: one testsuite per rule, one testcase per object it judged with a finding (or one passing case for the rule). */
import type { GateReport } from '../../gate/manifests/report.ts';
import { xmlEscape as x } from '../../report/xml.ts';
import { where } from './terminal.ts';

export function renderGateJunit(report: GateReport): string {
  let tests = 0;
  let failures = 0;
  let skipped = 0;
  const suites = report.rules.map((rule) => {
    const findings = report.findings.filter((f) => f.rule === rule.id && f.status !== 'info' && f.status !== 'pass');
    const cases = findings.length
      ? findings.map((f) => {
          const name = `${f.object ?? '-'}${f.container ? ` ${f.container}` : ''} (${where(f.location)})`;
          const open = `    <testcase name="${x(name)}" classname="gocross.gate.${x(rule.id)}">`;
          if (f.ignored) return skipped++, `${open}\n      <skipped message="${x(`ignored: ${f.ignored.reason} (${f.ignored.source})`)}"/>\n    </testcase>`;
          if (f.status === 'fail' || report.failOn === 'warn') return failures++, `${open}\n      <failure message="${x(f.message)}" type="${x(f.status)}">${x(`${where(f.location)}: ${f.message}\nfix: ${f.fix ?? rule.fix}`)}</failure>\n    </testcase>`;
          return `${open}\n      <system-out>${x(`warning: ${f.message}\nfix: ${f.fix ?? rule.fix}`)}</system-out>\n    </testcase>`;
        })
      : [`    <testcase name="all objects" classname="gocross.gate.${x(rule.id)}"/>`];
    tests += cases.length;
    const suiteFailures = cases.filter((c) => c.includes('<failure')).length;
    const suiteSkipped = cases.filter((c) => c.includes('<skipped')).length;
    return [`  <testsuite name="${x(rule.id)}" tests="${cases.length}" failures="${suiteFailures}" errors="0" skipped="${suiteSkipped}">`, `    <properties><property name="title" value="${x(rule.title)}"/><property name="severity" value="${rule.severity}"/></properties>`, ...cases, '  </testsuite>'].join('\n');
  });
  const inputErrors = report.inputProblems.map((p) => `    <testcase name="${x(`${p.file}:${p.line}:${p.column}`)}" classname="gocross.gate.input">\n      <error message="${x(p.message)}"/>\n    </testcase>`);
  const errorSuite = inputErrors.length ? [`  <testsuite name="input" tests="${inputErrors.length}" failures="0" errors="${inputErrors.length}" skipped="0">`, ...inputErrors, '  </testsuite>'] : [];
  return ['<?xml version="1.0" encoding="UTF-8"?>', `<testsuites name="gocross gate manifests" tests="${tests + inputErrors.length}" failures="${failures}" errors="${inputErrors.length}" skipped="${skipped}">`, ...suites, ...errorSuite, '</testsuites>', ''].join('\n');
}
