/**
 * Waves of a run, pure. Sizes are cumulative like canary steps: `[1, "10%", "100%"]` on 40 hosts
 * means 1 host done after wave 1, ceil(10% × 40) = 4 after wave 2 (wave 2 adds 3), all 40 after
 * wave 3. A wave that would add no host is dropped. The last wave always reaches every host: when
 * the list ends below all hosts (`[1, 5]` on 40), the remaining hosts form one more wave.
 */
import type { DeployConfig, WaveSize } from './model.ts';

/** Hosts done by the end of a wave of this size, out of `total`, never more than `total`. */
export function cumulativeCount(size: WaveSize, total: number): number {
  const count = typeof size === 'number' ? size : Math.ceil((Number(size.slice(0, -1)) * total) / 100);
  return Math.min(total, Math.max(0, count));
}

/** The hosts of each wave, in the order given; every host is in exactly one wave. */
export function planWaves<H>(hosts: readonly H[], waves: readonly WaveSize[]): H[][] {
  const plan: H[][] = [];
  let done = 0;
  for (const size of [...waves, '100%' as const]) {
    const upTo = Math.max(done, cumulativeCount(size, hosts.length));
    if (upTo > done) plan.push(hosts.slice(done, upTo));
    done = upTo;
  }
  return plan;
}

/** How many failures the run tolerates: a count as given, a share of the hosts rounded down. */
export function failureBudget(maxFailures: DeployConfig['maxFailures'], hostCount: number): number {
  if (typeof maxFailures === 'number') return Math.max(0, Math.floor(maxFailures));
  return Math.max(0, Math.floor((Number(maxFailures.slice(0, -1)) * hostCount) / 100));
}
