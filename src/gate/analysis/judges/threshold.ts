/** The absolute threshold judge: every value the query returned within [min, max]. */
import type { Statistic, ThresholdJudge } from '../model.ts';
import type { Decision } from './condition.ts';

export function boundText(judge: ThresholdJudge): string {
  if (judge.min !== undefined && judge.max !== undefined) return `${judge.min} ≤ value ≤ ${judge.max}`;
  return judge.max !== undefined ? `≤ ${judge.max}` : `≥ ${judge.min}`;
}

export function judgeThreshold(judge: ThresholdJudge, values: readonly number[]): Decision & { statistic: Statistic } {
  const threshold = boundText(judge);
  const tooHigh = judge.max === undefined ? [] : values.filter((v) => v > judge.max!);
  const tooLow = judge.min === undefined ? [] : values.filter((v) => v < judge.min!);
  const outside = [...tooHigh, ...tooLow];
  // The statistic is the value that decided: the worst offender, else the one closest to the bound.
  const value = tooHigh.length > 0 ? Math.max(...tooHigh) : tooLow.length > 0 ? Math.min(...tooLow) : judge.max !== undefined ? Math.max(...values) : Math.min(...values);
  const bounds = { ...(judge.min === undefined ? {} : { lower: judge.min }), ...(judge.max === undefined ? {} : { upper: judge.max }) };
  const statistic: Statistic = { name: 'value', value, threshold, bounds };
  if (outside.length === 0) return { phase: 'successful', message: `${values.length === 1 ? `value ${value}` : `all ${values.length} values`} within ${threshold}`, statistic };
  const which = values.length === 1 ? `value ${value}` : `${outside.length} of ${values.length} values (worst ${value})`;
  return { phase: 'failed', message: `${which} outside ${threshold}`, statistic };
}
