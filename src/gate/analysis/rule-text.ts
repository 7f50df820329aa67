/** A metric's rule in one line, as a report shows it beside the numbers. */
import { mannWhitneyThreshold } from './judges/mann-whitney.ts';
import { relativeThreshold } from './judges/relative.ts';
import { boundText } from './judges/threshold.ts';
import type { BaselineSpec, MetricSpec } from './model.ts';

function baselineText(b: BaselineSpec): string {
  return 'offset' in b ? `the same query ${b.offset} earlier` : `baseline query ${b.query}`;
}

export function ruleText(metric: MetricSpec): string {
  const judge = metric.judge;
  if (judge?.kind === 'threshold') return `threshold: ${boundText(judge)}`;
  if (judge?.kind === 'relative') return `relative to ${baselineText(judge.baseline)}: ${relativeThreshold(judge)}`;
  if (judge?.kind === 'mannWhitney') return `Mann-Whitney vs ${baselineText(judge.baseline)} over ${judge.window} at ${judge.step}: ${mannWhitneyThreshold(judge)}`;
  const parts = [metric.successCondition && `successCondition: ${metric.successCondition}`, metric.failureCondition && `failureCondition: ${metric.failureCondition}`].filter(Boolean);
  return parts.length > 0 ? parts.join('; ') : 'no condition (any answer succeeds)';
}
