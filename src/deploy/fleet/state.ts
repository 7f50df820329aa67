/**
 * The deploy state: what a run has done so far, kept in `<projectDir>/.gocross/deploy/<service>.json`
 * so `--resume` continues after Ctrl-C or a crash. This file is the data and its transitions, all
 * pure (every function returns a new state); `state-file.ts` reads and writes it.
 */
import { GocrossError } from '../../core/errors.ts';
import { describeSelection } from '../inventory.ts';
import type { DeployHost, HostResult, HostSelection, ReleaseArtifact, StepName } from '../model.ts';

export const STATE_SCHEMA_VERSION = 1;

/** running: a run owns it (or crashed); interrupted: Ctrl-C; stopped: budget exceeded; complete: every host finished. */
export type RunStatus = 'running' | 'interrupted' | 'stopped' | 'complete';

export interface HostState {
  wave: number;
  /** pending: not started; in-flight: started, no result yet (a crash leaves it so); done: result below. */
  progress: 'pending' | 'in-flight' | 'done';
  /** The last step the host finished, for a human reading the file after a crash. */
  lastStep: StepName | null;
  result: HostResult | null;
  /** This host's own deploy spent the budget (a wave rollback caused by another host does not). */
  failed: boolean;
}

/** Which bytes a run ships: the version and each artifact's release id, by target. */
export interface ReleaseIdentity {
  version: string;
  artifacts: Record<string, { id: string; sha256: string }>;
}

export interface DeployState {
  schemaVersion: typeof STATE_SCHEMA_VERSION;
  runId: string;
  service: string;
  release: ReleaseIdentity;
  selection: HostSelection;
  /** Host names per wave, as planned when the run started; a resume keeps this plan. */
  waves: string[][];
  maxFailures: number;
  /** Hosts whose own deploy failed so far (the budget spent). */
  failures: number;
  status: RunStatus;
  startedAt: string;
  updatedAt: string;
  hosts: Record<string, HostState>;
}

export function releaseIdentityOf(version: string, artifacts: readonly ReleaseArtifact[]): ReleaseIdentity {
  return {
    version,
    artifacts: Object.fromEntries([...artifacts].sort((a, b) => a.target.localeCompare(b.target)).map((a) => [a.target, { id: a.id, sha256: a.sha256 }])),
  };
}

export function sameRelease(a: ReleaseIdentity, b: ReleaseIdentity): boolean {
  const targets = Object.keys(a.artifacts);
  return (
    a.version === b.version &&
    targets.length === Object.keys(b.artifacts).length &&
    targets.every((t) => a.artifacts[t]?.sha256 === b.artifacts[t]?.sha256)
  );
}

/** `v1.2.0 (linux/amd64 v1.2.0-0123456789ab, …)` for messages. */
export function describeRelease(release: ReleaseIdentity): string {
  const ids = Object.entries(release.artifacts).map(([target, a]) => `${target} ${a.id}`);
  return `${release.version} (${ids.join(', ') || 'no artifacts'})`;
}

export function newState(input: {
  runId: string;
  service: string;
  release: ReleaseIdentity;
  selection: HostSelection;
  waves: readonly (readonly DeployHost[])[];
  maxFailures: number;
  now: string;
}): DeployState {
  const hosts: Record<string, HostState> = {};
  input.waves.forEach((wave, index) => {
    for (const host of wave) hosts[host.name] = { wave: index + 1, progress: 'pending', lastStep: null, result: null, failed: false };
  });
  return {
    schemaVersion: STATE_SCHEMA_VERSION,
    runId: input.runId,
    service: input.service,
    release: input.release,
    selection: input.selection,
    waves: input.waves.map((wave) => wave.map((h) => h.name)),
    maxFailures: input.maxFailures,
    failures: 0,
    status: 'running',
    startedAt: input.now,
    updatedAt: input.now,
    hosts,
  };
}

function withHost(state: DeployState, name: string, change: Partial<HostState>, now: string): DeployState {
  const before = state.hosts[name];
  if (!before) throw new Error(`deploy state has no host ${name}`);
  return { ...state, updatedAt: now, hosts: { ...state.hosts, [name]: { ...before, ...change } } };
}

export function hostStarted(state: DeployState, name: string, now: string): DeployState {
  return withHost(state, name, { progress: 'in-flight', lastStep: null, result: null }, now);
}

export function hostStepped(state: DeployState, name: string, step: StepName, now: string): DeployState {
  return withHost(state, name, { lastStep: step }, now);
}

/**
 * A host's result. `ownFailure`: the result comes from the host's own deploy (and counts against
 * the budget if it failed); false for the wave rollback that follows another host's failure.
 */
export function hostFinished(state: DeployState, result: HostResult, ownFailure: boolean, now: string): DeployState {
  const before = state.hosts[result.host];
  const failed = (before?.failed ?? false) || ownFailure;
  const failures = state.failures + (ownFailure && !before?.failed ? 1 : 0);
  const lastStep = result.steps.at(-1)?.step ?? before?.lastStep ?? null;
  return { ...withHost(state, result.host, { progress: 'done', result, failed, lastStep }, now), failures };
}

/**
 * A host that did not reach the release because the run was interrupted (the pipeline stopped or
 * switched it back when the signal came): not a failure of the host, so it spends no budget and a
 * resume runs it again. Its result is kept for whoever reads the file.
 */
export function hostInterrupted(state: DeployState, result: HostResult, now: string): DeployState {
  const lastStep = result.steps.at(-1)?.step ?? state.hosts[result.host]?.lastStep ?? null;
  return withHost(state, result.host, { progress: 'pending', result, lastStep }, now);
}

/** The status a run ends with: complete when every host has a result, else why it stopped. */
export function finishedStatus(state: DeployState, why: { interrupted: boolean; budgetExceeded: boolean }): RunStatus {
  if (allDone(state)) return 'complete';
  if (why.interrupted) return 'interrupted';
  if (why.budgetExceeded) return 'stopped';
  return 'running';
}

export function allDone(state: DeployState): boolean {
  return Object.values(state.hosts).every((h) => h.progress === 'done');
}

export function withStatus(state: DeployState, status: RunStatus, now: string): DeployState {
  return { ...state, status, updatedAt: now };
}

export function sameSelection(a: HostSelection, b: HostSelection): boolean {
  const key = (s: HostSelection) => JSON.stringify([[...s.names].sort(), [...s.groups].sort(), Object.entries(s.labels).sort()]);
  return key(a) === key(b);
}

const EMPTY_SELECTION = (s: HostSelection): boolean => s.names.length === 0 && s.groups.length === 0 && Object.keys(s.labels).length === 0;

/**
 * Whether `state` can be resumed with `release` and `selection` (an empty selection means "the
 * one recorded"). Throws a GocrossError saying why not. A complete state can be "resumed": there
 * is nothing left to do, which the caller reports.
 */
export function checkResumable(state: DeployState | null, where: string, release: ReleaseIdentity, selection: HostSelection): DeployState {
  const startOver = 'deploy without --resume to start over';
  if (!state) throw new GocrossError('usage', `Cannot resume: there is no deploy state at ${where}`, { fix: 'deploy without --resume' });
  if (!sameRelease(state.release, release)) {
    throw new GocrossError('usage', `Cannot resume: the state is for ${describeRelease(state.release)}, dist/ now holds ${describeRelease(release)}`, { fix: startOver });
  }
  if (!EMPTY_SELECTION(selection) && !sameSelection(state.selection, selection)) {
    throw new GocrossError('usage', `Cannot resume: the recorded run selected hosts by ${describeSelection(state.selection)}, this command by ${describeSelection(selection)}`, {
      fix: `resume without host selection flags, or ${startOver}`,
    });
  }
  if (state.status === 'stopped') {
    throw new GocrossError('usage', `Cannot resume: run ${state.runId} stopped when its failure budget was exceeded (${state.failures} failures, ${state.maxFailures} allowed)`, {
      fix: `see what failed, fix it, and ${startOver}`,
    });
  }
  return state;
}


/**
 * The state a resumed run starts from: finished hosts keep their results; hosts that were in
 * flight (a crash) or untouched go back to pending and run again — the per-host pipeline is
 * idempotent, so a host already switched but not committed is gated and committed again.
 */
export function resumeState(state: DeployState, now: string): { state: DeployState; kept: string[] } {
  const hosts: Record<string, HostState> = {};
  const kept: string[] = [];
  for (const [name, host] of Object.entries(state.hosts)) {
    const finished = host.progress === 'done' && host.result !== null;
    if (finished) kept.push(name);
    hosts[name] = finished ? host : { ...host, progress: 'pending', result: null };
  }
  return { state: { ...state, hosts, status: 'running', updatedAt: now }, kept };
}
