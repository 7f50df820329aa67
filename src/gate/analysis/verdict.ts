/**
 * The analysis verdict from its metrics, and its exit code. Failure outranks an error (a metric
 * that failed is an answer), an error outranks inconclusive (a broken metric must not read as
 * "wait and see"), and only all-successful passes.
 */
import type { MetricResult, Verdict } from './model.ts';

export function verdictOf(metrics: readonly Pick<MetricResult, 'phase'>[]): Verdict {
  if (metrics.some((m) => m.phase === 'failed')) return 'fail';
  if (metrics.some((m) => m.phase === 'error')) return 'error';
  if (metrics.some((m) => m.phase === 'inconclusive')) return 'inconclusive';
  return 'pass';
}

/** 0 pass, 1 fail, 1 error (the analysis could not be done), 3 inconclusive. Usage/config errors are 2, elsewhere. */
export const VERDICT_EXIT_CODES: Readonly<Record<Verdict, number>> = { pass: 0, fail: 1, error: 1, inconclusive: 3 };
