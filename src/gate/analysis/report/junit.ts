/**
 * The analysis as JUnit XML: one <testsuite>, one <testcase> per metric. A failed metric is a
 * <failure>, an errored one an <error>, an inconclusive one <skipped> (CI shows it as neither
 * green nor red); every measurement's line goes into the body with the numbers behind it.
 */
import { junitXml, type JunitCase } from '../../../report/junit-xml.ts';
import type { AnalysisResult, MetricResult } from '../model.ts';

function body(metric: MetricResult): string {
  const lines = [`rule: ${metric.rule}`, `query: ${metric.query}`, `${metric.phase}: ${metric.reason}`];
  for (const m of metric.measurements) {
    lines.push(`[${new Date(m.time * 1000).toISOString()}] ${m.phase}: ${m.message}`);
    if (m.statistic) lines.push(`  ${m.statistic.name} = ${m.statistic.value} (${m.statistic.threshold})`);
  }
  return lines.join('\n');
}

function testcase(metric: MetricResult): JunitCase {
  const base = { name: metric.name, classname: 'gocross.gate.analysis' };
  const text = body(metric);
  const message = `${metric.reason}${metric.measurements.at(-1) ? `: ${metric.measurements.at(-1)!.message}` : ''}`;
  switch (metric.phase) {
    case 'failed':
      return { ...base, failure: { message, type: 'failed', text } };
    case 'error':
      return { ...base, error: { message, type: 'error', text } };
    case 'inconclusive':
      return { ...base, skipped: `inconclusive: ${message}`, out: text };
    default:
      return { ...base, out: text };
  }
}

export function renderAnalysisJunit(result: AnalysisResult): string {
  const suite = { name: `gate analysis (${result.verdict})`, cases: result.metrics.map(testcase), timeMs: result.durationMs, timestamp: result.startedAt };
  return junitXml('gocross gate analysis', [suite], result.durationMs);
}
