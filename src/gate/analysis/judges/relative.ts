/** The relative judge: the current value against a baseline value, as a fractional change. */
import type { RelativeJudge, Statistic } from '../model.ts';
import type { Decision } from './condition.ts';

const fmt = (n: number): string => (Number.isInteger(n) ? String(n) : Number(n.toPrecision(4)).toString());

const percent = (fraction: number): string => (Number.isFinite(fraction) ? `${fraction >= 0 ? '+' : ''}${(fraction * 100).toFixed(1)}%` : fraction > 0 ? '+∞%' : '−∞%');

export function relativeThreshold(judge: RelativeJudge): string {
  const parts: string[] = [];
  if (judge.maxIncrease !== undefined) parts.push(`change ≤ ${percent(judge.maxIncrease)}`);
  if (judge.maxDecrease !== undefined) parts.push(`change ≥ ${percent(-judge.maxDecrease)}`);
  if (judge.floor !== undefined) parts.push(`values ≤ ${judge.floor} always pass`);
  return parts.join(', ');
}

export function judgeRelative(judge: RelativeJudge, current: readonly number[], baseline: readonly number[]): Decision & { statistic?: Statistic } {
  if (current.length !== 1 || baseline.length !== 1) {
    return { phase: 'error', message: `Cannot compare with the baseline: the query returned ${current.length} series and the baseline ${baseline.length}; aggregate both to one (e.g. sum(…))` };
  }
  const c = current[0]!;
  const b = baseline[0]!;
  const change = b === 0 ? (c === 0 ? 0 : c > 0 ? Number.POSITIVE_INFINITY : Number.NEGATIVE_INFINITY) : (c - b) / Math.abs(b);
  const threshold = relativeThreshold(judge);
  // The allowed change as values the current sample is held against (a zero baseline allows none);
  // values at or below the floor never fail, so the floor raises the upper bound.
  const ceiling = judge.maxIncrease === undefined ? undefined : Math.max(b + Math.abs(b) * judge.maxIncrease, judge.floor ?? Number.NEGATIVE_INFINITY);
  const bounds = {
    ...(judge.maxDecrease === undefined ? {} : { lower: b - Math.abs(b) * judge.maxDecrease }),
    ...(ceiling === undefined ? {} : { upper: ceiling }),
  };
  const statistic: Statistic = { name: 'change', value: change, threshold, details: { current: c, baseline: b }, bounds };
  const numbers = `${fmt(c)} vs baseline ${fmt(b)} (${percent(change)})`;
  if (judge.maxIncrease !== undefined && change > judge.maxIncrease) {
    if (judge.floor !== undefined && c <= judge.floor) return { phase: 'successful', message: `${numbers}: above +${(judge.maxIncrease * 100).toFixed(1)}% but at or below the floor ${judge.floor}`, statistic };
    return { phase: 'failed', message: `${numbers} rose more than ${percent(judge.maxIncrease)}`, statistic };
  }
  if (judge.maxDecrease !== undefined && change < -judge.maxDecrease) return { phase: 'failed', message: `${numbers} fell more than ${percent(-judge.maxDecrease)}`, statistic };
  return { phase: 'successful', message: `${numbers} within ${threshold}`, statistic };
}
