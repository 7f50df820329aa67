/**
 * A metric's phase from its measurements so far, with Argo Rollouts' limits: more failures than
 * failureLimit fails, more inconclusive than inconclusiveLimit is inconclusive, more consecutive
 * errors than consecutiveErrorLimit is an error, consecutiveSuccessLimit successes in a row
 * succeed. When the count is done without a limit reached: successful — except that a metric
 * that never measured anything is an error (Argo would call it successful: not here), and with
 * consecutiveSuccessLimit set the streak was never reached (failed when failureLimit is -1, as
 * Argo; inconclusive when both limits apply).
 */
import type { Measurement, MeasurementPhase, MetricPhase, MetricSpec } from './model.ts';

export interface Assessment {
  /** Undefined while the metric still needs measurements. */
  phase?: MetricPhase;
  reason: string;
  counts: Record<MeasurementPhase, number>;
}

export function countPhases(measurements: readonly Measurement[]): Record<MeasurementPhase, number> {
  const counts: Record<MeasurementPhase, number> = { successful: 0, failed: 0, inconclusive: 0, error: 0 };
  for (const m of measurements) counts[m.phase]++;
  return counts;
}

function trailing(measurements: readonly Measurement[], phase: MeasurementPhase): number {
  let n = 0;
  for (let i = measurements.length - 1; i >= 0 && measurements[i]!.phase === phase; i--) n++;
  return n;
}

export function assessMetric(metric: MetricSpec, measurements: readonly Measurement[]): Assessment {
  const counts = countPhases(measurements);
  const of = (n: number, limit: number, what: string): string => `${n} ${what} measurement${n === 1 ? '' : 's'} (limit ${limit})`;
  if (metric.failureLimit >= 0 && counts.failed > metric.failureLimit) return { phase: 'failed', reason: of(counts.failed, metric.failureLimit, 'failed'), counts };
  if (counts.inconclusive > metric.inconclusiveLimit) return { phase: 'inconclusive', reason: of(counts.inconclusive, metric.inconclusiveLimit, 'inconclusive'), counts };
  const errorsInARow = trailing(measurements, 'error');
  if (errorsInARow > metric.consecutiveErrorLimit) return { phase: 'error', reason: `${errorsInARow} consecutive errors (consecutiveErrorLimit ${metric.consecutiveErrorLimit})`, counts };
  if (metric.consecutiveSuccessLimit > 0) {
    const streak = trailing(measurements, 'successful');
    if (streak >= metric.consecutiveSuccessLimit) return { phase: 'successful', reason: `${streak} consecutive successes (consecutiveSuccessLimit ${metric.consecutiveSuccessLimit})`, counts };
  }
  if (measurements.length < metric.count) return { reason: `${measurements.length} of ${metric.count} measurements taken`, counts };

  const judged = counts.successful + counts.failed + counts.inconclusive;
  if (judged === 0) return { phase: 'error', reason: `all ${measurements.length} measurement${measurements.length === 1 ? '' : 's'} errored: nothing was judged`, counts };
  if (metric.consecutiveSuccessLimit > 0) {
    const phase = metric.failureLimit < 0 ? 'failed' : 'inconclusive';
    return { phase, reason: `count ${metric.count} reached without ${metric.consecutiveSuccessLimit} consecutive successes`, counts };
  }
  const tolerated = counts.failed + counts.inconclusive + counts.error > 0 ? ` (${counts.failed} failed, ${counts.inconclusive} inconclusive, ${counts.error} errored: within limits)` : '';
  return { phase: 'successful', reason: `${metric.count} measurement${metric.count === 1 ? '' : 's'} done${tolerated}`, counts };
}
