import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { GocrossError } from '../../core/errors.ts';
import type { DeployHost, HostOutcome, HostResult, HostSelection } from '../model.ts';
import { budgetExceeded, countsAgainstBudget, exitCodeOf, hostsToRollBack, untouchedResult } from './outcomes.ts';
import { readState, statePathOf, StateWriter } from './state-file.ts';
import {
  allDone, checkResumable, finishedStatus, hostFinished, hostInterrupted, hostStarted, hostStepped, newState, releaseIdentityOf, resumeState, sameRelease, withStatus,
  type DeployState, type ReleaseIdentity,
} from './state.ts';

const host = (name: string): DeployHost => ({ name, address: `10.0.0.${name.length}`, port: 22, user: 'root', identityFile: null, labels: {}, groups: [] });
const result = (name: string, outcome: HostOutcome, wave = 1): HostResult => ({ ...untouchedResult(host(name), wave), outcome, steps: [{ step: 'commit', status: 'ok', durationMs: 1, message: '' }] });
const ALL: HostSelection = { names: [], groups: [], labels: {} };
const NOW = '2024-05-01T00:00:00.000Z';

const release: ReleaseIdentity = releaseIdentityOf('v2', [
  { target: 'linux/arm64', file: '/d/b', sha256: 'b'.repeat(64), size: 1, version: 'v2', id: `v2-${'b'.repeat(12)}` },
  { target: 'linux/amd64', file: '/d/a', sha256: 'a'.repeat(64), size: 1, version: 'v2', id: `v2-${'a'.repeat(12)}` },
]);

function fresh(): DeployState {
  return newState({ runId: 'run1', service: 'hello', release, selection: ALL, waves: [[host('a')], [host('b'), host('c')], [host('d')]], maxFailures: 1, now: NOW });
}

describe('outcomes', () => {
  const table: Array<[HostOutcome, boolean]> = [
    ['updated', false], ['unchanged', false], ['untouched', false],
    ['refused', true], ['failed', true], ['rolled-back', true], ['reverted', true],
  ];
  for (const [outcome, counts] of table) {
    it(`${outcome} ${counts ? 'spends' : 'does not spend'} the failure budget`, () => assert.equal(countsAgainstBudget(outcome), counts));
  }
  it('the budget is exceeded by the failure after the last allowed one', () => {
    assert.deepEqual([0, 1, 2].map((f) => budgetExceeded(f, 0)), [false, true, true]);
    assert.deepEqual([0, 1, 2].map((f) => budgetExceeded(f, 1)), [false, false, true]);
  });
  it('rolling back a wave puts back only the hosts it updated', () => {
    const wave = [result('a', 'updated'), result('b', 'unchanged'), result('c', 'rolled-back'), result('d', 'refused'), result('e', 'updated')];
    assert.deepEqual(hostsToRollBack(wave).map((r) => r.host), ['a', 'e']);
  });
  it('exit code 0 only when every host is updated or unchanged', () => {
    assert.equal(exitCodeOf([result('a', 'updated'), result('b', 'unchanged')]), 0);
    assert.equal(exitCodeOf([result('a', 'updated'), result('b', 'untouched')]), 1);
    assert.equal(exitCodeOf([result('a', 'updated'), result('b', 'reverted')]), 1);
  });
  it('a dry run fails only for a host that would fail', () => {
    assert.equal(exitCodeOf([result('a', 'untouched'), result('b', 'unchanged')], true), 0);
    assert.equal(exitCodeOf([result('a', 'untouched'), result('b', 'refused')], true), 1);
  });
});

describe('deploy state transitions', () => {
  it('a new state lists every host of every wave as pending', () => {
    const s = fresh();
    assert.deepEqual(s.waves, [['a'], ['b', 'c'], ['d']]);
    assert.deepEqual(Object.entries(s.hosts).map(([n, h]) => [n, h.wave, h.progress]), [['a', 1, 'pending'], ['b', 2, 'pending'], ['c', 2, 'pending'], ['d', 3, 'pending']]);
    assert.equal(s.status, 'running');
  });
  it('records start, steps and the result; only the host\'s own failure spends the budget, once', () => {
    let s = hostStarted(fresh(), 'b', NOW);
    s = hostStepped(s, 'b', 'upload', NOW);
    assert.deepEqual([s.hosts.b!.progress, s.hosts.b!.lastStep], ['in-flight', 'upload']);
    s = hostFinished(s, result('b', 'refused', 2), true, NOW);
    assert.deepEqual([s.hosts.b!.progress, s.hosts.b!.failed, s.failures], ['done', true, 1]);
    // The wave rollback of an updated host after someone else's failure is not a failure of its own.
    s = hostFinished(s, result('c', 'updated', 2), false, NOW);
    s = hostFinished(s, result('c', 'rolled-back', 2), false, NOW);
    assert.deepEqual([s.hosts.c!.result!.outcome, s.hosts.c!.failed, s.failures], ['rolled-back', false, 1]);
    // A result recorded twice for a failed host does not count twice.
    s = hostFinished(s, result('b', 'failed', 2), true, NOW);
    assert.equal(s.failures, 1);
  });
  it('transitions return new states and leave the old one as it was', () => {
    const before = fresh();
    const copy = structuredClone(before);
    hostFinished(hostStarted(before, 'a', NOW), result('a', 'failed'), true, NOW);
    assert.deepEqual(before, copy);
  });
  it('a host interrupted mid-deploy is pending again with its result kept for the reader, and spends nothing', () => {
    const s = hostInterrupted(hostStarted(fresh(), 'a', NOW), result('a', 'rolled-back'), NOW);
    assert.deepEqual([s.hosts.a!.progress, s.hosts.a!.result?.outcome, s.hosts.a!.lastStep, s.failures], ['pending', 'rolled-back', 'commit', 0]);
  });
  it('the final status says why a run ended', () => {
    let s = fresh();
    assert.equal(finishedStatus(s, { interrupted: true, budgetExceeded: false }), 'interrupted');
    assert.equal(finishedStatus(s, { interrupted: false, budgetExceeded: true }), 'stopped');
    for (const n of ['a', 'b', 'c', 'd']) s = hostFinished(s, result(n, 'updated'), false, NOW);
    assert.ok(allDone(s));
    assert.equal(finishedStatus(s, { interrupted: true, budgetExceeded: false }), 'complete');
  });
});

describe('resume', () => {
  it('keeps finished hosts and runs in-flight and untouched ones again', () => {
    let s = hostFinished(hostStarted(fresh(), 'a', NOW), result('a', 'updated'), false, NOW);
    s = hostFinished(hostStarted(s, 'b', NOW), result('b', 'refused', 2), true, NOW);
    s = hostStepped(hostStarted(s, 'c', NOW), 'c', 'switch', NOW); // crashed after the switch
    s = withStatus(s, 'interrupted', NOW);
    const { state, kept } = resumeState(s, '2024-05-02T00:00:00.000Z');
    assert.deepEqual(kept, ['a', 'b']);
    assert.deepEqual(Object.entries(state.hosts).map(([n, h]) => [n, h.progress]), [['a', 'done'], ['b', 'done'], ['c', 'pending'], ['d', 'pending']]);
    assert.equal(state.hosts.c!.lastStep, 'switch');
    assert.deepEqual([state.status, state.failures, state.runId], ['running', 1, 'run1']);
  });

  it('needs a state', () => {
    assert.throws(() => checkResumable(null, '/p/.gocross/deploy/hello.json', release, ALL), (e: unknown) => e instanceof GocrossError && e.message === 'Cannot resume: there is no deploy state at /p/.gocross/deploy/hello.json');
  });
  it('refuses a state for another release, naming both', () => {
    const other = releaseIdentityOf('v3', [{ target: 'linux/amd64', file: '/d/a', sha256: 'c'.repeat(64), size: 1, version: 'v3', id: `v3-${'c'.repeat(12)}` }]);
    assert.equal(sameRelease(release, other), false);
    assert.throws(
      () => checkResumable(fresh(), 'x', other, ALL),
      (e: unknown) => e instanceof GocrossError && e.message === `Cannot resume: the state is for v2 (linux/amd64 v2-${'a'.repeat(12)}, linux/arm64 v2-${'b'.repeat(12)}), dist/ now holds v3 (linux/amd64 v3-${'c'.repeat(12)})` && e.fix === 'deploy without --resume to start over',
    );
  });
  it('refuses the same version rebuilt with other bytes', () => {
    const rebuilt = releaseIdentityOf('v2', [
      { target: 'linux/amd64', file: '/d/a', sha256: 'a'.repeat(64), size: 1, version: 'v2', id: 'x' },
      { target: 'linux/arm64', file: '/d/b', sha256: 'd'.repeat(64), size: 1, version: 'v2', id: 'y' },
    ]);
    assert.throws(() => checkResumable(fresh(), 'x', rebuilt, ALL), /the state is for v2/);
  });
  it('refuses another host selection but takes none as "the recorded one"', () => {
    assert.equal(checkResumable(fresh(), 'x', release, ALL).runId, 'run1');
    assert.throws(() => checkResumable(fresh(), 'x', release, { names: ['a'], groups: [], labels: {} }), /the recorded run selected hosts by the configuration \(no filters\), this command by --hosts a$/);
  });
  it('refuses a run stopped by its failure budget', () => {
    assert.throws(() => checkResumable(withStatus(fresh(), 'stopped', NOW), 'x', release, ALL), /stopped when its failure budget was exceeded/);
  });
});

describe('state file', () => {
  it('lives under .gocross/deploy/ and round-trips through the writer, newest state last', async (t) => {
    const dir = await mkdtemp(join(tmpdir(), 'gocross-state-'));
    t.after(() => rm(dir, { recursive: true, force: true }));
    const path = statePathOf(dir, 'hello');
    assert.equal(path, join(dir, '.gocross/deploy/hello.json'));
    assert.equal(await readState(path), null);
    const writer = new StateWriter(path);
    let s = fresh();
    for (const name of ['a', 'b', 'c', 'd']) {
      s = hostFinished(s, result(name, 'updated'), false, NOW);
      writer.save(s);
    }
    await writer.flush();
    assert.deepEqual(await readState(path), s);
  });
  it('refuses a file that is not a deploy state', async (t) => {
    const dir = await mkdtemp(join(tmpdir(), 'gocross-state-'));
    t.after(() => rm(dir, { recursive: true, force: true }));
    const path = join(dir, 'x.json');
    await writeFile(path, '{"schemaVersion": 7}');
    await assert.rejects(readState(path), /not a gocross deploy state/);
    await writeFile(path, '{');
    await assert.rejects(readState(path), /Cannot read the deploy state/);
    assert.equal(await readFile(path, 'utf8'), '{');
  });
  it('flush() reports a write that failed', async (t) => {
    const dir = await mkdtemp(join(tmpdir(), 'gocross-state-'));
    t.after(() => rm(dir, { recursive: true, force: true }));
    await writeFile(join(dir, 'file'), '');
    const writer = new StateWriter(join(dir, 'file', 'hello.json'));
    writer.save(fresh());
    await assert.rejects(writer.flush(), (e: unknown) => e instanceof GocrossError && e.message.startsWith(`Cannot write ${join(dir, 'file', 'hello.json')}: `));
  });
});
