/**
 * `gocross gate analysis` on the terminal: per metric its phase, the rule and query, then each
 * measurement with the values it saw, the statistic and the threshold; the verdict last. Queries,
 * labels and messages come from the config and from Prometheus: they go through printable().
 */
import type { AnalysisEvent } from '../gate/analysis/events.ts';
import type { AnalysisResult, Measurement, MetricPhase, MetricResult, Verdict } from '../gate/analysis/model.ts';
import { printable } from '../util/printable.ts';
import type { Painter, Style } from './style.ts';

const PHASE: Record<MetricPhase, { symbol: string; style: Style }> = {
  successful: { symbol: '✓', style: 'green' },
  failed: { symbol: '✗', style: 'red' },
  inconclusive: { symbol: '?', style: 'yellow' },
  error: { symbol: '!', style: 'magenta' },
};

const VERDICT: Record<Verdict, { text: string; style: Style }> = {
  pass: { text: 'PASS', style: 'green' },
  fail: { text: 'FAIL', style: 'red' },
  inconclusive: { text: 'INCONCLUSIVE', style: 'yellow' },
  error: { text: 'ERROR', style: 'magenta' },
};

function num(n: number): string {
  if (Number.isNaN(n)) return 'NaN';
  if (!Number.isFinite(n)) return n > 0 ? '+Inf' : '-Inf';
  return Number.isInteger(n) ? String(n) : Number(n.toPrecision(5)).toString();
}

/** At most `max` values shown, the rest counted. */
function sampleList(values: readonly number[], max = 8): string {
  const shown = values.slice(0, max).map(num).join(', ');
  return values.length > max ? `[${shown}, … ${values.length - max} more]` : `[${shown}]`;
}

function measurementLines(m: Measurement, paint: Painter): string[] {
  const { symbol, style } = PHASE[m.phase];
  const when = new Date(m.time * 1000).toISOString().replace('.000Z', 'Z');
  const lines = [`    ${paint(style, symbol)} ${paint('dim', when)} ${printable(m.message)}`];
  lines.push(`      samples ${sampleList(m.values)}${m.baselineValues ? `  baseline ${sampleList(m.baselineValues)}` : ''}`);
  if (m.statistic) {
    const details = m.statistic.details ? Object.entries(m.statistic.details).map(([k, v]) => `${k}=${typeof v === 'number' ? num(v) : printable(v)}`).join(' ') : '';
    lines.push(`      ${m.statistic.name} = ${num(m.statistic.value)}  threshold: ${printable(m.statistic.threshold)}${details ? `  (${details})` : ''}`);
  }
  return lines;
}

export function renderMetric(metric: MetricResult, paint: Painter): string {
  const { symbol, style } = PHASE[metric.phase];
  const lines = [
    `${paint(style, symbol)} ${paint('bold', printable(metric.name))}${metric.template ? paint('dim', ` (template ${printable(metric.template)})`) : ''}: ${paint(style, metric.phase)} — ${printable(metric.reason)}`,
    `    query: ${printable(metric.query)}`,
    `    rule:  ${printable(metric.rule)}`,
  ];
  for (const m of metric.measurements) lines.push(...measurementLines(m, paint));
  return lines.join('\n');
}

export function renderAnalysis(result: AnalysisResult, paint: Painter): string {
  const counts = (phase: MetricPhase): number => result.metrics.filter((m) => m.phase === phase).length;
  const v = VERDICT[result.verdict];
  const summary = `${counts('successful')} successful, ${counts('failed')} failed, ${counts('inconclusive')} inconclusive, ${counts('error')} errored`;
  return `${result.metrics.map((m) => renderMetric(m, paint)).join('\n\n')}\n\n${paint('bold', paint(v.style, v.text))} ${summary} (Prometheus ${printable(result.prometheus)})\n`;
}

/** One plain progress line per event, for stderr while a multi-measurement analysis runs. */
export function renderAnalysisEvent(event: AnalysisEvent): string | undefined {
  if (event.type === 'measurement') return `${printable(event.metric)} ${event.index + 1}/${event.count}: ${event.measurement.phase}: ${printable(event.measurement.message)}`;
  if (event.type === 'waiting') return `${printable(event.metric)}: next measurement at ${new Date(event.untilMs).toISOString()}`;
  return undefined;
}
