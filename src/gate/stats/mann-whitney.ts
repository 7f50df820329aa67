/**
 * The Mann-Whitney U test (Wilcoxon rank-sum), computed the way SciPy's `mannwhitneyu` (1.10)
 * does so the two can be compared number for number: U1 is the statistic of the first sample;
 * the asymptotic p-value uses the normal approximation with the tie-corrected variance and a
 * continuity correction of 0.5; `auto` picks the exact distribution when one sample has at most 8
 * values and there are no ties, else the normal approximation.
 */
import { EXACT_MAX_CELLS, exactSf } from './mann-whitney-exact.ts';
import { normalSf } from './normal.ts';
import { rankWithTies } from './ranks.ts';
import { GocrossError } from '../../core/errors.ts';

/** `greater`: the first sample tends to be larger; `less`: smaller; `two-sided`: either. */
export type Alternative = 'two-sided' | 'greater' | 'less';
export type Method = 'auto' | 'exact' | 'asymptotic';

export interface MannWhitneyOptions {
  alternative?: Alternative;
  method?: Method;
  /** Continuity correction for the normal approximation (default true, as SciPy). */
  continuity?: boolean;
}

export interface MannWhitneyResult {
  /** U of the first sample: the number of pairs (x, y) with x > y, ties counting one half. */
  u1: number;
  /** U of the second sample, n1·n2 − U1. */
  u2: number;
  pValue: number;
  /** The method actually used. */
  method: 'exact' | 'asymptotic';
  alternative: Alternative;
  /** The standardised statistic of the normal approximation (asymptotic only). */
  z?: number;
  /** True when some value occurs more than once across both samples. */
  ties: boolean;
  n1: number;
  n2: number;
}

export class StatisticsInputError extends GocrossError {
  constructor(message: string) {
    super('input', message);
  }
}

function checkSample(name: string, sample: ArrayLike<number>): void {
  if (sample.length === 0) throw new StatisticsInputError(`Cannot run Mann-Whitney U: the ${name} sample is empty`);
  for (let i = 0; i < sample.length; i++) {
    if (!Number.isFinite(sample[i]!)) throw new StatisticsInputError(`Cannot run Mann-Whitney U: the ${name} sample holds ${sample[i]} at index ${i}`);
  }
}

export function mannWhitneyU(x: ArrayLike<number>, y: ArrayLike<number>, options: MannWhitneyOptions = {}): MannWhitneyResult {
  checkSample('first', x);
  checkSample('second', y);
  const alternative = options.alternative ?? 'two-sided';
  const n1 = x.length;
  const n2 = y.length;
  const combined = new Float64Array(n1 + n2);
  for (let i = 0; i < n1; i++) combined[i] = x[i]!;
  for (let i = 0; i < n2; i++) combined[n1 + i] = y[i]!;
  const { ranks, tieGroups } = rankWithTies(combined);
  let rankSum1 = 0;
  for (let i = 0; i < n1; i++) rankSum1 += ranks[i]!;
  const u1 = rankSum1 - (n1 * (n1 + 1)) / 2;
  const u2 = n1 * n2 - u1;
  const ties = tieGroups.some((t) => t > 1);

  const [u, factor] = alternative === 'greater' ? [u1, 1] : alternative === 'less' ? [u2, 1] : [Math.max(u1, u2), 2];
  const method = chooseMethod(options.method ?? 'auto', n1, n2, ties);
  const base = { u1, u2, method, alternative, ties, n1, n2 };
  if (method === 'exact') return { ...base, pValue: clamp(factor * exactSf(u, n1, n2)) };

  const n = n1 + n2;
  const tieTerm = tieGroups.reduce((sum, t) => sum + (t * t * t - t), 0);
  const sd = Math.sqrt(((n1 * n2) / 12) * (n + 1 - tieTerm / (n * (n - 1))));
  // The survival function is always used, so the correction always subtracts (SciPy's reasoning:
  // it adds the mass at U itself).
  const numerator = u - (n1 * n2) / 2 - (options.continuity === false ? 0 : 0.5);
  const z = sd === 0 ? (numerator === 0 ? Number.NaN : numerator / 0) : numerator / sd;
  // All values equal: no evidence of a difference at all.
  const pValue = Number.isNaN(z) ? 1 : clamp(factor * normalSf(z));
  return { ...base, z, pValue };
}

function chooseMethod(method: Method, n1: number, n2: number, ties: boolean): 'exact' | 'asymptotic' {
  if (method === 'exact') {
    if (ties) throw new StatisticsInputError('Cannot use the exact Mann-Whitney distribution: the samples have ties (use the asymptotic method)');
    if (n1 * n2 > EXACT_MAX_CELLS) throw new StatisticsInputError(`Cannot use the exact Mann-Whitney distribution for ${n1}×${n2} samples: too large (use the asymptotic method)`);
    return 'exact';
  }
  if (method === 'asymptotic') return 'asymptotic';
  if (n1 > 8 && n2 > 8) return 'asymptotic';
  if (ties || n1 * n2 > EXACT_MAX_CELLS) return 'asymptotic';
  return 'exact';
}

function clamp(p: number): number {
  return Math.min(1, Math.max(0, p));
}
