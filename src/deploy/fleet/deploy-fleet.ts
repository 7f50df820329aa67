/**
 * `deploy` as a sequence: resolve the release from dist/, plan the waves (or take them from the
 * state file on --resume), run the fleet with the per-host pipeline it is given, record the state,
 * build the report. src/deploy/deploy.ts hands it the real pipeline (src/deploy/host.ts).
 */
import { randomBytes } from 'node:crypto';
import { GocrossError } from '../../core/errors.ts';
import { selectHosts } from '../inventory.ts';
import type { DeployEvent, DeployHost, DeployHostFn, DeployReport, DeployRunOptions, HostContext, RevertHostFn } from '../model.ts';
import { failureBudget, planWaves } from '../waves.ts';
import { exitCodeOf } from './outcomes.ts';
import { loadRelease } from './release.ts';
import { runFleet } from './run.ts';
import { readState, statePathOf, StateWriter } from './state-file.ts';
import { allDone, checkResumable, finishedStatus, newState, releaseIdentityOf, resumeState, withStatus, type DeployState } from './state.ts';

export interface HostPipeline {
  deployHost: DeployHostFn;
  revertHost: RevertHostFn;
}

function newRunId(): string {
  return `${new Date().toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z')}-${randomBytes(3).toString('hex')}`;
}

/** The state's waves as hosts of the current config; a host removed from the config since cannot be resumed. */
function wavesOfState(state: DeployState, hosts: readonly DeployHost[]): DeployHost[][] {
  const byName = new Map(hosts.map((h) => [h.name, h]));
  return state.waves.map((wave) =>
    wave.map((name) => {
      const host = byName.get(name);
      if (!host) {
        throw new GocrossError('config', `Cannot resume: host ${name} of run ${state.runId} is no longer in deploy.hosts`, { fix: 'put it back, or deploy without --resume to start over' });
      }
      return host;
    }),
  );
}

export async function deployFleet(options: DeployRunOptions, pipeline: HostPipeline): Promise<DeployReport> {
  const startedAt = new Date().toISOString();
  const { config } = options;
  const emit = (event: DeployEvent): void => options.onEvent?.(event);
  if (options.dryRun && options.resume) {
    throw new GocrossError('usage', 'Cannot deploy: --dry-run and --resume do not combine', { fix: 'drop one of them (a dry run records no state to resume)' });
  }
  const release = await loadRelease(options.distDir, config.service, options.releaseVersion ?? null);
  const identity = releaseIdentityOf(release.version, release.artifacts);
  const statePath = statePathOf(options.projectDir, config.service.name);

  let state: DeployState;
  let waves: DeployHost[][];
  let resumed: DeployReport['resumed'];
  if (options.resume) {
    const recorded = checkResumable(await readState(statePath), statePath, identity, options.selection);
    waves = wavesOfState(recorded, config.hosts);
    const next = resumeState(recorded, startedAt);
    state = next.state;
    resumed = { runId: state.runId, kept: next.kept };
  } else {
    const hosts = selectHosts(config, options.selection);
    waves = planWaves(hosts, config.waves);
    state = newState({
      runId: newRunId(),
      service: config.service.name,
      release: identity,
      selection: options.selection,
      waves,
      maxFailures: failureBudget(config.maxFailures, hosts.length),
      now: startedAt,
    });
  }
  const maxFailures = state.maxFailures;
  emit({ type: 'plan', service: config.service.name, release: release.version, waves: state.waves, maxFailures, dryRun: options.dryRun });

  // A dry run changes nothing, the state file included.
  const writer = options.dryRun ? null : new StateWriter(statePath);
  const ctx: HostContext = {
    config,
    manifest: release.manifest,
    distDir: options.distDir,
    version: release.version,
    actor: options.actor,
    acceptNewHostKeys: options.acceptNewHostKeys,
    dryRun: options.dryRun,
    emit,
  };

  let outcome;
  if (options.resume && allDone(state)) {
    // Every host finished in the recorded run: nothing to do; the report repeats its results.
    const hosts = waves.flatMap((wave) => wave.map((h) => state.hosts[h.name]?.result)).filter((r) => r !== null && r !== undefined);
    outcome = { hosts, waves: waves.map((w, i) => ({ wave: i + 1, hosts: w.map((h) => h.name), durationMs: 0 })), failures: state.failures, budgetExceeded: false, interrupted: false, state };
  } else {
    writer?.save(state);
    try {
      outcome = await runFleet({
        ctx,
        waves,
        maxFailures,
        concurrency: config.concurrency,
        state,
        deployHost: pipeline.deployHost,
        revertHost: pipeline.revertHost,
        signal: options.signal,
        saveState: (s) => writer?.save(s),
      });
    } catch (error) {
      await writer?.flush().catch(() => {});
      throw error;
    }
  }
  const finalState = withStatus(outcome.state, finishedStatus(outcome.state, outcome), new Date().toISOString());
  writer?.save(finalState);
  await writer?.flush();

  const report: DeployReport = {
    schemaVersion: 1,
    command: 'deploy',
    service: config.service.name,
    release: release.version,
    startedAt,
    finishedAt: new Date().toISOString(),
    dryRun: options.dryRun,
    waves: outcome.waves,
    hosts: outcome.hosts,
    failures: outcome.failures,
    maxFailures,
    budgetExceeded: outcome.budgetExceeded,
    interrupted: outcome.interrupted,
    exitCode: exitCodeOf(outcome.hosts, options.dryRun),
    ...(resumed ? { resumed } : {}),
  };
  emit({ type: 'done', report });
  return report;
}
