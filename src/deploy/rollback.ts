/**
 * `gocross rollback [--to VERSION]`: per selected host (config.concurrency at a time), switch
 * `current` to an earlier release still on the device — `--to` (an id or a version), else the
 * one before the current — with the same armed timer, atomic switch, restart and health gate as a
 * deploy (steps/go-live.ts). A host without the release is refused with what it does have. A host
 * put on the release and committed is `updated`; one whose target failed the gate is switched back
 * and reported `rolled-back`.
 */
import { pool } from '../util/pool.ts';
import { selectHosts } from './inventory.ts';
import type { DeployHost, DeployReport, HostResult, RollbackRunOptions } from './model.ts';
import { failureBudget } from './waves.ts';
import { countsAgainstBudget, exitCodeOf, untouchedResult } from './fleet/outcomes.ts';
import { fileSafeVersion } from './fleet/release.ts';
import { StepFailed } from './steps/run-step.ts';
import { chooseRollbackTarget, readReleaseState } from './steps/release-state.ts';
import { connectStep, EXEC_TIMEOUT_MS, finish, goLive, newRun, type PipelineContext } from './steps/go-live.ts';
import type { Remote } from './model.ts';

async function rollbackHost(ctx: PipelineContext, host: DeployHost, to: string | null, signal: AbortSignal): Promise<HostResult> {
  const run = newRun(ctx, host, 1);
  let remote: Remote;
  try {
    remote = await connectStep(run, signal);
  } catch {
    return finish(run, signal.aborted ? 'untouched' : 'failed');
  }
  const { rec, result } = run;
  try {
    const target = await rec.run('preflight', async () => {
      const state = await readReleaseState(remote, run.layout, { timeoutMs: EXEC_TIMEOUT_MS, signal });
      run.tools = state.tools;
      result.fromRelease = state.current;
      const chosen = chooseRollbackTarget(state, to, fileSafeVersion);
      if (!chosen.ok) {
        run.refused = true;
        throw new StepFailed(`Cannot roll back ${host.name}: ${chosen.reason}`, { fix: "see 'gocross releases' for what each host has" });
      }
      result.toRelease = chosen.id;
      return { value: chosen.id, message: `current ${state.current ?? '(none)'}; rolling back to ${chosen.id}` };
    });
    if (target === result.fromRelease) {
      for (const step of ['arm-revert', 'switch', 'restart', 'health-systemd', 'health-http', 'commit'] as const) rec.skip(step, `already on ${target}`);
      return finish(run, 'unchanged');
    }
    if (ctx.dryRun) {
      rec.skip('arm-revert', `would arm ${run.layout.revertUnit} to restore ${result.fromRelease ?? '(none)'}`);
      rec.skip('switch', `would switch current from ${result.fromRelease ?? '(none)'} to ${target}`);
      rec.skip('restart', `would restart ${run.layout.unitName}`);
      rec.skip('health-systemd', `would require active/running for ${ctx.config.health.minHealthySeconds} s`);
      rec.skip('health-http', ctx.config.health.port === null ? 'no HTTP checks configured' : `would probe port ${ctx.config.health.port}`);
      rec.skip('commit', 'would disarm the revert timer and log the rollback');
      return finish(run, 'untouched');
    }
    return await goLive(run, remote, { from: result.fromRelease, to: target, action: 'rollback' }, signal);
  } catch {
    return finish(run, run.refused ? 'refused' : signal.aborted ? 'untouched' : 'failed');
  } finally {
    await remote.close().catch(() => undefined);
  }
}

export async function rollback(options: RollbackRunOptions): Promise<DeployReport> {
  const { config } = options;
  const startedAt = new Date().toISOString();
  const started = Date.now();
  const emit = options.onEvent ?? (() => undefined);
  const hosts = selectHosts(config, options.selection);
  const maxFailures = failureBudget(config.maxFailures, hosts.length);
  const ctx: PipelineContext = { config, actor: options.actor, acceptNewHostKeys: options.acceptNewHostKeys, dryRun: options.dryRun, emit };
  emit({ type: 'plan', service: config.service.name, release: options.to ?? 'previous', waves: [hosts.map((h) => h.name)], maxFailures, dryRun: options.dryRun });
  emit({ type: 'wave-start', wave: 1, hosts: hosts.map((h) => h.name) });
  const signal = options.signal ?? new AbortController().signal;
  const settled = await pool(
    hosts,
    async (host) => {
      const r = await rollbackHost(ctx, host, options.to, signal);
      emit({ type: 'host-done', result: r });
      return r;
    },
    { limit: config.concurrency, signal },
  );
  const results = settled.map((s, i) => (s.status === 'fulfilled' ? s.value : untouchedResult(hosts[i] as DeployHost, 1)));
  const failures = results.filter((r) => countsAgainstBudget(r.outcome)).length;
  emit({ type: 'wave-end', wave: 1, failures });
  if (signal.aborted) emit({ type: 'interrupted' });
  const report: DeployReport = {
    schemaVersion: 1,
    command: 'rollback',
    service: config.service.name,
    release: options.to,
    startedAt,
    finishedAt: new Date().toISOString(),
    dryRun: options.dryRun,
    waves: [{ wave: 1, hosts: hosts.map((h) => h.name), durationMs: Date.now() - started }],
    hosts: results,
    failures,
    maxFailures,
    budgetExceeded: false,
    interrupted: signal.aborted,
    exitCode: exitCodeOf(results, options.dryRun),
  };
  emit({ type: 'done', report });
  return report;
}
