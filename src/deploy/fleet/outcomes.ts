/**
 * What a host's outcome means for the run: whether it spends the failure budget, whether the run
 * succeeded on it, which hosts "roll back the current wave" puts back. Pure functions over results.
 */
import type { DeployHost, HostOutcome, HostResult } from '../model.ts';

/** Outcomes that spend the failure budget: the host could not be moved to the release. */
const FAILURES: ReadonlySet<HostOutcome> = new Set<HostOutcome>(['refused', 'failed', 'rolled-back', 'reverted']);

export function countsAgainstBudget(outcome: HostOutcome): boolean {
  return FAILURES.has(outcome);
}

/** The run did what it was asked on this host. */
export function succeeded(outcome: HostOutcome): boolean {
  return outcome === 'updated' || outcome === 'unchanged';
}

/** Failures exceed the budget once there are more of them than allowed (maxFailures 0: the first one). */
export function budgetExceeded(failures: number, maxFailures: number): boolean {
  return failures > maxFailures;
}

/**
 * "Roll back the current wave": the hosts of the wave that ended up on the new release. Hosts that
 * were already on it (`unchanged`) stay — they were not changed by this run.
 */
export function hostsToRollBack(waveResults: readonly HostResult[]): HostResult[] {
  return waveResults.filter((r) => r.outcome === 'updated');
}

/**
 * 0 only when every selected host is on the release (updated or unchanged). A dry run changes
 * nothing, so it fails only when a host would fail (refused in preflight, unreachable).
 */
export function exitCodeOf(results: readonly HostResult[], dryRun = false): 0 | 1 {
  const ok = dryRun ? (r: HostResult) => !countsAgainstBudget(r.outcome) : (r: HostResult) => succeeded(r.outcome);
  return results.every(ok) ? 0 : 1;
}

/** A host the run never started (budget exceeded, interrupted): it appears in the report as such. */
export function untouchedResult(host: DeployHost, wave: number): HostResult {
  return {
    host: host.name,
    address: host.address,
    wave,
    outcome: 'untouched',
    artifact: null,
    fromRelease: null,
    toRelease: null,
    steps: [],
    journal: null,
    bytesSent: 0,
    durationMs: 0,
  };
}
