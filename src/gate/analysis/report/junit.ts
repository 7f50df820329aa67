/**
 * The analysis as JUnit XML: one <testsuite>, one <testcase> per metric. A failed metric is a
 * <failure>, an errored one an <error>, an inconclusive one <skipped> (CI shows it as neither
 * green nor red); every measurement's line goes into the body with the numbers behind it.
 */
import { xmlEscape as x } from '../../../report/xml.ts';
import type { AnalysisResult, MetricResult } from '../model.ts';

function body(metric: MetricResult): string {
  const lines = [`rule: ${metric.rule}`, `query: ${metric.query}`, `${metric.phase}: ${metric.reason}`];
  for (const m of metric.measurements) {
    lines.push(`[${new Date(m.time * 1000).toISOString()}] ${m.phase}: ${m.message}`);
    if (m.statistic) lines.push(`  ${m.statistic.name} = ${m.statistic.value} (${m.statistic.threshold})`);
  }
  return lines.join('\n');
}

function testcase(metric: MetricResult): string {
  const open = `    <testcase name="${x(metric.name)}" classname="gocross.gate.analysis">`;
  const text = x(body(metric));
  const message = x(`${metric.reason}${metric.measurements.at(-1) ? `: ${metric.measurements.at(-1)!.message}` : ''}`);
  switch (metric.phase) {
    case 'failed':
      return `${open}\n      <failure message="${message}" type="failed">${text}</failure>\n    </testcase>`;
    case 'error':
      return `${open}\n      <error message="${message}" type="error">${text}</error>\n    </testcase>`;
    case 'inconclusive':
      return `${open}\n      <skipped message="inconclusive: ${message}"/>\n      <system-out>${text}</system-out>\n    </testcase>`;
    default:
      return `${open}\n      <system-out>${text}</system-out>\n    </testcase>`;
  }
}

export function renderAnalysisJunit(result: AnalysisResult): string {
  const count = (phase: string): number => result.metrics.filter((m) => m.phase === phase).length;
  const seconds = (result.durationMs / 1000).toFixed(3);
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="gocross gate analysis" tests="${result.metrics.length}" failures="${count('failed')}" errors="${count('error')}" skipped="${count('inconclusive')}" time="${seconds}">`,
    `  <testsuite name="gate analysis (${x(result.verdict)})" tests="${result.metrics.length}" failures="${count('failed')}" errors="${count('error')}" skipped="${count('inconclusive')}" time="${seconds}" timestamp="${x(result.startedAt.replace(/\.\d+Z$/, ''))}">`,
    ...result.metrics.map(testcase),
    '  </testsuite>',
    '</testsuites>',
    '',
  ].join('\n');
}
