/**
 * The imperative shell of an analysis: for every metric, at each measurement time, ask Prometheus
 * what the judge needs, measure (pure), assess the limits (pure), and stop when the metric has a
 * phase. Measurement i of a metric is taken at start + initialDelay + i·interval; times in the past
 * (`at` set to an earlier moment, e.g. replaying a release window) are taken at once, times in the
 * future are waited for. Metrics run side by side.
 */
import { assessMetric } from './assess.ts';
import { parseDuration } from './duration.ts';
import type { AnalysisEvent } from './events.ts';
import { measure } from './measure.ts';
import type { AnalysisResult, AnalysisSpec, BaselineSpec, Judge, Measurement, MeasurementFacts, MetricResult, MetricSpec, QueryFacts } from './model.ts';
import type { PrometheusClient } from './prometheus/client.ts';
import { ruleText } from './rule-text.ts';
import { verdictOf } from './verdict.ts';

export interface RunOptions {
  client: PrometheusClient;
  /** Start time in unix seconds (default: now). */
  at?: number;
  now?: () => number;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  onEvent?: (event: AnalysisEvent) => void;
  signal?: AbortSignal;
}

const defaultSleep = (ms: number, signal?: AbortSignal): Promise<void> =>
  new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => {
      clearTimeout(timer);
      reject(signal.reason);
    }, { once: true });
  });

async function ask(what: () => Promise<QueryFacts['series']>, facts: Omit<QueryFacts, 'series' | 'error'>): Promise<QueryFacts> {
  try {
    return { ...facts, series: await what() };
  } catch (error) {
    return { ...facts, error: (error as Error).message };
  }
}

function baselineTime(baseline: BaselineSpec, time: number): number {
  return 'offset' in baseline ? time - parseDuration(baseline.offset) / 1000 : time;
}

function baselineQuery(baseline: BaselineSpec, query: string): string {
  return 'query' in baseline ? baseline.query : query;
}

/** The queries one measurement needs, asked concurrently. */
export async function gatherFacts(client: PrometheusClient, metric: MetricSpec, time: number): Promise<MeasurementFacts> {
  const judge: Judge | undefined = metric.judge;
  if (judge?.kind === 'mannWhitney') {
    const window = parseDuration(judge.window) / 1000;
    const step = parseDuration(judge.step) / 1000;
    const range = (query: string, end: number): Promise<QueryFacts> =>
      ask(() => client.queryRange(query, end - window, end, step), { query, time: end, range: { start: end - window, stepSeconds: step } });
    const bTime = baselineTime(judge.baseline, time);
    const [current, baseline] = await Promise.all([range(metric.query, time), range(baselineQuery(judge.baseline, metric.query), bTime)]);
    return { time, current, baseline };
  }
  const instant = (query: string, at: number): Promise<QueryFacts> => ask(() => client.query(query, at), { query, time: at });
  if (judge?.kind === 'relative') {
    const [current, baseline] = await Promise.all([instant(metric.query, time), instant(baselineQuery(judge.baseline, metric.query), baselineTime(judge.baseline, time))]);
    return { time, current, baseline };
  }
  return { time, current: await instant(metric.query, time) };
}

export async function runMetric(metric: MetricSpec, start: number, options: RunOptions): Promise<MetricResult> {
  const now = options.now ?? (() => Date.now() / 1000);
  const sleep = options.sleep ?? defaultSleep;
  const measurements: Measurement[] = [];
  let assessment = assessMetric(metric, measurements);
  for (let i = 0; assessment.phase === undefined; i++) {
    const time = start + (metric.initialDelayMs + i * metric.intervalMs) / 1000;
    const wait = (time - now()) * 1000;
    if (wait > 0) {
      options.onEvent?.({ type: 'waiting', metric: metric.name, untilMs: time * 1000 });
      await sleep(wait, options.signal);
    }
    const measurement = measure(metric, await gatherFacts(options.client, metric, time));
    measurements.push(measurement);
    options.onEvent?.({ type: 'measurement', metric: metric.name, index: i, count: metric.count, measurement });
    assessment = assessMetric(metric, measurements);
  }
  const result: MetricResult = {
    name: metric.name,
    ...(metric.template ? { template: metric.template } : {}),
    phase: assessment.phase,
    reason: assessment.reason,
    measurements,
    counts: assessment.counts,
    rule: ruleText(metric),
    query: metric.query,
  };
  options.onEvent?.({ type: 'metric-done', result });
  return result;
}

/** Runs every metric of the analysis and gives the verdict; never throws for a query that fails (that is an error phase). */
export async function runAnalysis(spec: AnalysisSpec, options: RunOptions): Promise<AnalysisResult> {
  const startedAt = Date.now();
  const start = options.at ?? (options.now ?? (() => Date.now() / 1000))();
  const metrics = await Promise.all(spec.metrics.map((m) => runMetric(m, start, options)));
  return { verdict: verdictOf(metrics), metrics, startedAt: new Date(startedAt).toISOString(), durationMs: Date.now() - startedAt, prometheus: options.client.url };
}
