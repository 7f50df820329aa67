/**
 * One measurement, decided from its facts alone: query errors are errors, an empty result and NaN
 * follow the metric's explicit onEmpty / onNaN policy, everything else goes to the judge (or the
 * Argo conditions). Pure: the facts were gathered by the runner.
 */
import { judgeConditions, type Decision } from './judges/condition.ts';
import { judgeMannWhitney } from './judges/mann-whitney.ts';
import { judgeRelative } from './judges/relative.ts';
import { judgeThreshold } from './judges/threshold.ts';
import type { Measurement, MeasurementFacts, MeasurementPhase, MetricSpec, Policy, QueryFacts, Statistic } from './model.ts';

const POLICY_PHASE: Record<Policy, MeasurementPhase> = { pass: 'successful', fail: 'failed', inconclusive: 'inconclusive' };

/** Every value of every series, in order. */
export function valuesOf(facts: QueryFacts): number[] {
  return (facts.series ?? []).flatMap((s) => s.points.map((p) => p.v));
}

export function measure(metric: MetricSpec, facts: MeasurementFacts): Measurement {
  const values = valuesOf(facts.current);
  const baselineValues = facts.baseline ? valuesOf(facts.baseline) : undefined;
  const base = {
    time: facts.time,
    values,
    query: facts.current.query,
    ...(facts.baseline ? { baselineQuery: facts.baseline.query, baselineValues } : {}),
  };
  const decide = (d: Decision & { statistic?: Statistic }): Measurement => ({ ...base, phase: d.phase, message: d.message, ...(d.statistic ? { statistic: d.statistic } : {}) });

  if (facts.current.error !== undefined) return decide({ phase: 'error', message: facts.current.error });
  if (facts.baseline?.error !== undefined) return decide({ phase: 'error', message: `baseline: ${facts.baseline.error}` });
  const emptySide = values.length === 0 ? 'the query' : baselineValues?.length === 0 ? 'the baseline query' : undefined;
  if (emptySide) return decide({ phase: POLICY_PHASE[metric.onEmpty], message: `${emptySide} returned no data (onEmpty: ${metric.onEmpty})` });
  const nanSide = values.some(Number.isNaN) ? 'the query' : baselineValues?.some(Number.isNaN) ? 'the baseline query' : undefined;
  if (nanSide) return decide({ phase: POLICY_PHASE[metric.onNaN], message: `${nanSide} returned NaN (onNaN: ${metric.onNaN})` });

  const judge = metric.judge;
  if (!judge) return decide(judgeConditions(metric, { result: values, ...(baselineValues ? { baseline: baselineValues } : {}) }));
  switch (judge.kind) {
    case 'threshold':
      return decide(judgeThreshold(judge, values));
    case 'relative':
      return decide(judgeRelative(judge, values, baselineValues ?? []));
    case 'mannWhitney':
      return decide(judgeMannWhitney(judge, values, baselineValues ?? []));
  }
}
