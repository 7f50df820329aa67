/**
 * The statistical canary judge: the canary's samples against the baseline's with a one- or
 * two-sided Mann-Whitney U test. It fails only when the difference is both significant (p < α)
 * and larger than the tolerance (Hodges–Lehmann shift against the baseline median), so a tiny but
 * significant shift over thousands of samples passes and a big one over five samples is
 * inconclusive (minSamples) rather than a pass — the two ways Kayenta-style judges mislead.
 */
import { hodgesLehmann } from '../../stats/hodges-lehmann.ts';
import { mannWhitneyU } from '../../stats/mann-whitney.ts';
import type { MannWhitneyJudge, Statistic } from '../model.ts';
import type { Decision } from './condition.ts';

function median(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

const fmt = (n: number): string => (Number.isInteger(n) ? String(n) : Number(n.toPrecision(4)).toString());

export function mannWhitneyThreshold(judge: MannWhitneyJudge): string {
  const way = judge.direction === 'increase' ? 'higher' : judge.direction === 'decrease' ? 'lower' : 'different';
  return `fail when canary is ${way} with p < ${judge.alpha} and |shift| > ${(judge.tolerance * 100).toFixed(1)}% of the baseline median; ≥ ${judge.minSamples} samples each`;
}

export function judgeMannWhitney(judge: MannWhitneyJudge, canary: readonly number[], baseline: readonly number[]): Decision & { statistic?: Statistic } {
  const threshold = mannWhitneyThreshold(judge);
  if (canary.length < judge.minSamples || baseline.length < judge.minSamples) {
    return {
      phase: 'inconclusive',
      message: `too few samples to compare: canary ${canary.length}, baseline ${baseline.length} (minSamples ${judge.minSamples})`,
      statistic: { name: 'samples', value: Math.min(canary.length, baseline.length), threshold: `≥ ${judge.minSamples}` },
    };
  }
  const alternative = judge.direction === 'increase' ? 'greater' : judge.direction === 'decrease' ? 'less' : 'two-sided';
  const test = mannWhitneyU(canary, baseline, { alternative });
  const shift = hodgesLehmann(canary, baseline);
  const baselineMedian = median(baseline);
  const canaryMedian = median(canary);
  // Relative to the baseline median; a zero median (sparse error counts) makes any shift infinite.
  const relativeShift = baselineMedian === 0 ? (shift === 0 ? 0 : Math.sign(shift) * Number.POSITIVE_INFINITY) : shift / Math.abs(baselineMedian);
  const bad = judge.direction === 'increase' ? relativeShift > judge.tolerance : judge.direction === 'decrease' ? relativeShift < -judge.tolerance : Math.abs(relativeShift) > judge.tolerance;
  const significant = test.pValue < judge.alpha;
  const statistic: Statistic = {
    name: 'p-value',
    value: test.pValue,
    threshold,
    details: {
      U: test.u1,
      method: test.method,
      ...(test.z === undefined ? {} : { z: test.z }),
      hodgesLehmannShift: shift,
      relativeShift,
      canaryMedian,
      baselineMedian,
      canarySamples: canary.length,
      baselineSamples: baseline.length,
    },
  };
  const shiftText = `${shift >= 0 ? '+' : ''}${fmt(shift)}${Number.isFinite(relativeShift) ? ` (${relativeShift >= 0 ? '+' : ''}${(relativeShift * 100).toFixed(1)}%)` : ''}`;
  const numbers = `canary median ${fmt(canaryMedian)} vs baseline ${fmt(baselineMedian)}, shift ${shiftText}, U = ${fmt(test.u1)}, p = ${test.pValue.toPrecision(3)} (n = ${canary.length}/${baseline.length})`;
  if (significant && bad) return { phase: 'failed', message: `${numbers}: significant at α = ${judge.alpha} and beyond the ${(judge.tolerance * 100).toFixed(1)}% tolerance`, statistic };
  if (significant) return { phase: 'successful', message: `${numbers}: significant but within the ${(judge.tolerance * 100).toFixed(1)}% tolerance`, statistic };
  return { phase: 'successful', message: `${numbers}: no significant difference at α = ${judge.alpha}`, statistic };
}
