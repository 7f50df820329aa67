/**
 * The per-host pipeline (`DeployHostFn`, `RevertHostFn` in model.ts). For one device:
 *
 *   connect → preflight → upload → verify-checksum → install-unit →
 *   arm-revert → switch → restart → health-systemd → health-http → commit (steps/go-live.ts) → prune
 *
 * Nothing is changed on the device before `upload`, and nothing the running service sees before
 * `switch` (the remote layout is in steps/layout.ts). Once switched, the release is either
 * committed (the revert timer disarmed) or taken back: by the controller when a gate fails or the
 * run is interrupted (`rolled-back`), or by the device's own timer when the controller lost it
 * (`reverted`). A problem with one host is an outcome in its HostResult, never a throw.
 */
import type { DeployHostFn, Remote, RevertHostFn } from './model.ts';
import { printable } from '../util/printable.ts';
import { StepFailed } from './steps/run-step.ts';
import { runPreflight, type HostPlan } from './steps/preflight-step.ts';
import { removeUpload, uploadRelease, verifyAndPlace } from './steps/upload.ts';
import { installUnit } from './steps/install-unit.ts';
import { switchCurrent } from './steps/switch.ts';
import { disableService, restartService } from './steps/service.ts';
import { appendDeployLog } from './steps/deploy-log.ts';
import { pruneReleases } from './steps/prune.ts';
import { unitSample } from './health/systemd-gate.ts';
import { systemdGate } from './health/systemd-gate.ts';
import { connectStep, EXEC_TIMEOUT_MS, finish, freshSignal, goLive, isAbort, logEntry, newRun, POLL_TIMEOUT_MS, type Run } from './steps/go-live.ts';

export const deployHost: DeployHostFn = async (ctx, host, wave, signal) => {
  const run = newRun(ctx, host, wave);
  let remote: Remote;
  try {
    remote = await connectStep(run, signal);
  } catch {
    return finish(run, signal.aborted ? 'untouched' : 'failed');
  }
  try {
    return await pipeline(run, remote, ctx, signal);
  } catch (error) {
    // Before the switch: the running release was never touched; an unfinished upload is removed.
    if (run.result.toRelease) await removeUpload(remote, run.layout, run.result.toRelease, { timeoutMs: EXEC_TIMEOUT_MS, signal: freshSignal(ctx) }).catch(() => undefined);
    if (run.refused) return finish(run, 'refused');
    // Interrupted before the switch: untouched, unless a changed unit is already installed.
    if (isAbort(error, signal)) return finish(run, run.unitChanged ? 'failed' : 'untouched');
    return finish(run, 'failed');
  } finally {
    await remote.close().catch(() => undefined);
  }
};

async function pipeline(run: Run, remote: Remote, ctx: Parameters<DeployHostFn>[0], signal: AbortSignal) {
  const { rec, layout, result } = run;
  const { config } = ctx;
  const opts = { timeoutMs: EXEC_TIMEOUT_MS, signal };

  const plan: HostPlan = await rec.run('preflight', async () => {
    const p = await runPreflight(remote, ctx, layout, opts);
    result.artifact = p.chosen;
    result.fromRelease = p.state.current;
    result.toRelease = p.artifact?.id ?? null;
    run.tools = p.facts?.tools ?? [];
    run.refused = p.refusal !== null;
    if (p.refusal !== null) throw new StepFailed(p.refusal, { findings: p.findings, ...(p.fix ? { fix: p.fix } : {}) });
    return { value: p, message: p.summary, findings: p.findings };
  });
  const artifact = plan.artifact as NonNullable<HostPlan['artifact']>;
  const id = artifact.id;
  const previous = plan.state.current;
  const onDevice = plan.state.existingSha256 === artifact.sha256;

  if (ctx.dryRun) {
    rec.skip('upload', onDevice ? `would reuse releases/${id} (already on the device)` : `would upload ${artifact.size} bytes to releases/${id}.tmp`);
    rec.skip('verify-checksum', `would check SHA-256 ${artifact.sha256.slice(0, 12)}… on the device`);
    rec.skip('install-unit', `would install ${layout.unitFile}`);
    rec.skip('arm-revert', `would arm ${layout.revertUnit} (${config.revertAfterSeconds} s) to restore ${previous ?? '(none: stop the service)'}`);
    rec.skip('switch', `would switch current from ${previous ?? '(none)'} to ${id}`);
    rec.skip('restart', `would restart ${layout.unitName}`);
    rec.skip('health-systemd', `would require active/running for ${config.health.minHealthySeconds} s`);
    rec.skip('health-http', config.health.port === null ? 'no HTTP checks configured' : `would probe ${config.health.checks.map((c) => c.path).join(', ')} on port ${config.health.port}`);
    rec.skip('commit', 'would disarm the revert timer and log the deploy');
    rec.skip('prune', `would keep ${config.keep} release(s)`);
    return finish(run, previous === id ? 'unchanged' : 'untouched');
  }

  if (onDevice) {
    rec.skip('upload', `releases/${id} is already on the device`);
    rec.skip('verify-checksum', `releases/${id} has SHA-256 ${artifact.sha256.slice(0, 12)}…`);
  } else {
    await rec.run('upload', async () => {
      const sent = await uploadRelease(remote, layout, artifact, opts);
      return { value: undefined, message: `${sent.bytes} bytes via ${sent.via} to ${sent.tmp}` };
    });
    signal.throwIfAborted();
    await rec.run('verify-checksum', async () => {
      const r = await verifyAndPlace(remote, layout, artifact, opts);
      if (!r.ok) throw new StepFailed(`SHA-256 on the device is ${printable(r.actual)}, expected ${artifact.sha256}: the upload was corrupted`, { fix: 'deploy again; check the link and the disk of the device' });
      return { value: undefined, message: `SHA-256 ${artifact.sha256.slice(0, 12)}… matches; renamed to releases/${id}` };
    });
  }
  signal.throwIfAborted();
  await rec.run('install-unit', async () => {
    const r = await installUnit(remote, layout, plan.unitText, run.tools.includes('systemd-analyze'), opts);
    if (r.status === 'invalid') throw new StepFailed(`systemd-analyze verify rejects the unit: ${printable(r.problems)}`, { fix: 'check deploy.service in the config' });
    run.unitChanged = r.status === 'changed';
    return { value: undefined, message: run.unitChanged ? `installed ${layout.unitFile} (daemon-reload)` : `${layout.unitFile} unchanged` };
  });

  if (previous === id && !run.unitChanged) {
    const sample = await unitSample(remote, layout.unitName, opts);
    if (sample.activeState === 'active' && sample.subState === 'running') {
      for (const step of ['arm-revert', 'switch', 'restart', 'health-systemd', 'health-http', 'commit', 'prune'] as const) rec.skip(step, `already on ${id} and running`);
      return finish(run, 'unchanged');
    }
  }
  signal.throwIfAborted();

  const live = await goLive(run, remote, { from: previous, to: id, action: 'deploy' }, signal);
  if (live.outcome !== 'updated') return live;
  await rec
    .run('prune', async () => {
      const r = await pruneReleases(remote, layout, { keep: config.keep, current: id, previous }, { timeoutMs: EXEC_TIMEOUT_MS });
      return { value: undefined, message: r.removed.length ? `removed ${r.removed.join(', ')}; kept ${r.kept.length}` : `kept ${r.kept.length} release(s)` };
    })
    .catch(() => undefined);
  return finish(run, 'updated');
}

export const revertHost: RevertHostFn = async (ctx, host, updated, reason) => {
  const run = newRun(ctx, host, updated.wave);
  Object.assign(run.result, { artifact: updated.artifact, fromRelease: updated.toRelease, toRelease: updated.fromRelease });
  const signal = freshSignal(ctx);
  let remote: Remote;
  try {
    remote = await connectStep(run, signal);
  } catch {
    return finish(run, 'failed');
  }
  const { rec, layout } = run;
  const opts = { timeoutMs: EXEC_TIMEOUT_MS, signal };
  const target = updated.fromRelease;
  try {
    await rec.run('rollback', async () => {
      if (target === null) {
        await disableService(remote, layout, opts);
        await appendDeployLog(remote, layout, logEntry(ctx, 'rollback', updated.toRelease, null), opts);
        return { value: undefined, message: `${printable(reason)}; no previous release: ${layout.unitName} stopped and disabled` };
      }
      await switchCurrent(remote, layout, target, logEntry(ctx, 'rollback', updated.toRelease, target), opts);
      await restartService(remote, layout, opts);
      return { value: undefined, message: `${printable(reason)}; current → releases/${target}, restarted` };
    });
    if (target !== null) {
      await rec.run('health-systemd', async () => {
        const r = await systemdGate(remote, layout.unitName, ctx.config.health, { timeoutMs: POLL_TIMEOUT_MS, signal });
        if (!r.ok) throw new StepFailed(`${target} is not healthy either: ${printable(r.message)}`);
        return { value: undefined, message: r.message };
      });
    }
    return finish(run, 'rolled-back');
  } catch {
    return finish(run, 'failed');
  } finally {
    await remote.close().catch(() => undefined);
  }
};
