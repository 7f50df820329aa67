/**
 * Putting a release that is already on the device live, shared by `deploy` and `rollback`:
 *
 *   arm-revert → switch → restart → health-systemd → health-http → commit
 *
 * and, when it does not reach the commit, ending it safely (`settleAfterSwitch`): a failed gate or
 * an interruption switches back to the release that was current and proves it healthy
 * (`rolled-back`, or `failed` when it is not); a lost device is left to its revert timer
 * (`reverted`, with the time it restores the previous release).
 */
import type { DeployHost, HostContext, HostOutcome, HostResult, Remote } from '../model.ts';
import { connect } from '../ssh/index.ts';
import { ConnectionLostError, RemoteCommandError } from '../ssh/errors.ts';
import { printable } from '../../util/printable.ts';
import { remoteLayout, type RemoteLayout } from './layout.ts';
import { StepFailed, StepRecorder } from './run-step.ts';
import { armRevert, claimDecision } from './revert-timer.ts';
import { switchCurrent } from './switch.ts';
import { collectJournal, disableService, restartService } from './service.ts';
import { appendDeployLog, type DeployLogAction, type DeployLogEntry } from './deploy-log.ts';
import { systemdGate } from '../health/systemd-gate.ts';
import { httpGate } from '../health/http-gate.ts';

/** Any single remote command but an upload or a gate. */
export const EXEC_TIMEOUT_MS = 30_000;
/**
 * Health polls. A cut network is noticed by the SSH layer's keepalives (ConnectionLostError within
 * ~8 s), which must come first: a poll that merely timed out would read as a failed gate.
 */
export const POLL_TIMEOUT_MS = 15_000;

/** What the pipeline needs of a run (`rollback` has no manifest). */
export type PipelineContext = Pick<HostContext, 'config' | 'actor' | 'acceptNewHostKeys' | 'dryRun' | 'emit'>;

export interface Run {
  ctx: PipelineContext;
  host: DeployHost;
  rec: StepRecorder;
  layout: RemoteLayout;
  result: HostResult;
  started: number;
  remote: Remote | null;
  /** Tools found on the device (preflight facts; curl/wget decide the on-device HTTP probe). */
  tools: string[];
  revertsAt: Date | null;
  refused: boolean;
  unitChanged: boolean;
}

export function newRun(ctx: PipelineContext, host: DeployHost, wave: number): Run {
  return {
    ctx,
    host,
    rec: new StepRecorder(host.name, ctx.emit),
    layout: remoteLayout(ctx.config.baseDir, ctx.config.service.name),
    result: { host: host.name, address: host.address, wave, outcome: 'failed', artifact: null, fromRelease: null, toRelease: null, steps: [], journal: null, bytesSent: 0, durationMs: 0 },
    started: Date.now(),
    remote: null,
    tools: [],
    revertsAt: null,
    refused: false,
    unitChanged: false,
  };
}

export function finish(run: Run, outcome: HostOutcome): HostResult {
  return { ...run.result, outcome, steps: [...run.rec.steps], bytesSent: run.remote?.bytesSent ?? 0, durationMs: Date.now() - run.started };
}

export function logEntry(ctx: PipelineContext, action: DeployLogAction, from: string | null, to: string | null): DeployLogEntry {
  return { at: new Date().toISOString(), by: ctx.actor, action, from, to };
}

/** A signal for cleaning up after an interruption: the run's own signal has already fired. */
export function freshSignal(ctx: PipelineContext): AbortSignal {
  const { minHealthySeconds, deadlineSeconds } = ctx.config.health;
  return AbortSignal.timeout((minHealthySeconds + deadlineSeconds + 60) * 1000);
}

export function isLost(error: unknown): boolean {
  return error instanceof ConnectionLostError;
}

export function isAbort(error: unknown, signal: AbortSignal): boolean {
  return signal.aborted && !(error instanceof StepFailed) && !(error instanceof RemoteCommandError) && !isLost(error);
}

export async function connectStep(run: Run, signal: AbortSignal): Promise<Remote> {
  const { config, acceptNewHostKeys } = run.ctx;
  const remote = await run.rec.run('connect', async () => {
    const r = await connect(run.host, { knownHostsFile: config.knownHosts, acceptNewHostKeys, timeoutMs: config.connectTimeoutSeconds * 1000, signal });
    return { value: r, message: `${run.host.user}@${run.host.address}:${run.host.port}` };
  });
  run.remote = remote;
  return remote;
}

/** The systemd gate and, when configured, the HTTP gate; a failing gate throws StepFailed. */
export async function gates(run: Run, remote: Remote, signal: AbortSignal): Promise<void> {
  const { health } = run.ctx.config;
  await run.rec.run('health-systemd', async () => {
    const r = await systemdGate(remote, run.layout.unitName, health, { timeoutMs: POLL_TIMEOUT_MS, signal });
    if (!r.ok) throw new StepFailed(`${run.layout.unitName}: ${printable(r.message)}`, { fix: "see the service's journal in the report" });
    return { value: undefined, message: r.message };
  });
  if (health.port === null || health.checks.length === 0) {
    run.rec.skip('health-http', 'no HTTP checks configured (deploy.health.port)');
    return;
  }
  await run.rec.run('health-http', async () => {
    const r = await httpGate(remote, health, run.tools, { signal });
    if (!r.ok) throw new StepFailed(r.message, { findings: r.findings });
    return { value: undefined, message: r.message, findings: r.findings };
  });
}

/**
 * Switch `current` from `from` to `to` (already on the device), gate it, commit. Outcome
 * `updated` when committed; otherwise whatever settleAfterSwitch decides.
 */
export async function goLive(run: Run, remote: Remote, args: { from: string | null; to: string; action: 'deploy' | 'rollback' }, signal: AbortSignal): Promise<HostResult> {
  const { ctx, rec, layout } = run;
  const { config } = ctx;
  const opts = { timeoutMs: EXEC_TIMEOUT_MS, signal };
  const { from, to } = args;
  await rec.run('arm-revert', async () => {
    const a = await armRevert(remote, layout, { service: config.service.name, previous: from, next: to, afterSeconds: config.revertAfterSeconds }, opts);
    run.revertsAt = a.revertsAt;
    return { value: undefined, message: `${layout.revertUnit}.timer restores ${from ?? '(none: stops the service)'} at ${a.revertsAt.toISOString()} unless committed` };
  });
  signal.throwIfAborted();
  try {
    await rec.run('switch', async () => {
      await switchCurrent(remote, layout, to, logEntry(ctx, args.action, from, to), opts);
      return { value: undefined, message: `current → releases/${to}` };
    });
    signal.throwIfAborted();
    await rec.run('restart', async () => {
      await restartService(remote, layout, opts);
      return { value: undefined, message: `systemctl restart ${layout.unitName}` };
    });
    await gates(run, remote, signal);
    signal.throwIfAborted();
    const committed = await rec.run('commit', async () => {
      if (!(await claimDecision(remote, layout, logEntry(ctx, 'commit', from, to), opts))) {
        return { value: false, status: 'skip' as const, message: `${layout.revertUnit} fired first: the device restored ${from ?? '(none)'} by itself` };
      }
      return { value: true, message: `${layout.revertUnit}.timer disarmed; deploy.log updated` };
    });
    return finish(run, committed ? 'updated' : 'reverted');
  } catch (error) {
    // A failed switch may still have renamed (the connection died after the mv): settle either way.
    return settleAfterSwitch(run, remote, { from, to }, error, signal);
  }
}

async function switchBack(run: Run, remote: Remote, from: string | null, to: string, why: string, signal: AbortSignal): Promise<'rolled-back' | 'reverted'> {
  const { ctx, rec, layout } = run;
  const opts = { timeoutMs: EXEC_TIMEOUT_MS, signal };
  return rec.run('rollback', async () => {
    if (!(await claimDecision(remote, layout, null, opts))) {
      return { value: 'reverted' as const, message: `${why}; ${layout.revertUnit} had already restored ${from ?? '(none)'}` };
    }
    if (from === null) {
      await disableService(remote, layout, opts);
      await appendDeployLog(remote, layout, logEntry(ctx, 'rollback', to, null), opts);
      return { value: 'rolled-back' as const, message: `${why}; no previous release: ${layout.unitName} stopped and disabled` };
    }
    await switchCurrent(remote, layout, from, logEntry(ctx, 'rollback', to, from), opts);
    await restartService(remote, layout, opts);
    return { value: 'rolled-back' as const, message: `${why}; current → releases/${from}, restarted` };
  });
}

function lostMessage(run: Run, from: string | null, when: string): string {
  const at = run.revertsAt ? run.revertsAt.toISOString() : 'the timer deadline';
  return `lost ${printable(run.host.name)} ${when}; the device restores ${from ?? '(none: stops the service)'} by itself at ${at} (timer ${run.layout.revertUnit})`;
}

/**
 * The switch may have happened and the run did not commit: a gate failed, the run was
 * interrupted, or the device was lost.
 */
export async function settleAfterSwitch(run: Run, remote: Remote, args: { from: string | null; to: string }, error: unknown, signal: AbortSignal): Promise<HostResult> {
  const { ctx, rec, layout, result } = run;
  const { from, to } = args;
  if (isLost(error)) {
    rec.skip('rollback', lostMessage(run, from, 'after switching'));
    return finish(run, 'reverted');
  }
  const interrupted = isAbort(error, signal);
  const fresh = freshSignal(ctx);
  if (!interrupted) result.journal = await collectJournal(remote, layout, { timeoutMs: EXEC_TIMEOUT_MS, signal: fresh }).catch(() => null);
  try {
    const outcome = await switchBack(run, remote, from, to, interrupted ? 'interrupted' : 'the health gate failed', fresh);
    if (outcome === 'rolled-back' && from !== null) {
      const before = rec.steps.length;
      try {
        await gates(run, remote, fresh);
      } catch (gateError) {
        if (isLost(gateError)) {
          rec.skip('rollback', lostMessage(run, from, 'while confirming the rollback'));
          return finish(run, 'failed');
        }
        const failed = rec.steps.slice(before).find((s) => s.status === 'fail');
        rec.skip('rollback', `the previous release ${from} is not healthy either: ${failed?.message ?? 'its health gate failed'}`);
        return finish(run, 'failed');
      }
    }
    return finish(run, outcome);
  } catch (rollbackError) {
    if (isLost(rollbackError)) {
      rec.skip('rollback', lostMessage(run, from, 'while rolling back'));
      return finish(run, 'reverted');
    }
    return finish(run, 'failed');
  }
}
