import { test } from 'node:test';
import assert from 'node:assert/strict';
import { judgeSystemd, parseSystemctlShow, type UnitSample } from './systemd.ts';

const s = (atMs: number, activeState: string, subState: string, nRestarts = 0, mainPid = 100, execMainStatus = 0): UnitSample => ({ atMs, activeState, subState, nRestarts, mainPid, execMainStatus });

test('parseSystemctlShow() reads the k=v lines of systemctl show', () => {
  const sample = parseSystemctlShow('ActiveState=active\nSubState=running\nNRestarts=2\nMainPID=4242\nExecMainStatus=0\n', 7);
  assert.deepEqual(sample, { atMs: 7, activeState: 'active', subState: 'running', nRestarts: 2, mainPid: 4242, execMainStatus: 0 });
  assert.deepEqual(parseSystemctlShow('garbage', 1), { atMs: 1, activeState: 'unknown', subState: 'unknown', nRestarts: null, mainPid: null, execMainStatus: null });
});

const cases: Array<[string, UnitSample[], 'pending' | 'pass' | 'fail', RegExp | null]> = [
  ['no samples yet', [], 'pending', null],
  ['running for the whole window', [s(0, 'active', 'running'), s(1000, 'active', 'running'), s(2000, 'active', 'running')], 'pass', null],
  ['running, window not over', [s(0, 'active', 'running'), s(1000, 'active', 'running')], 'pending', null],
  ['activating first, the window starts when running', [s(0, 'activating', 'start'), s(1500, 'active', 'running'), s(3000, 'active', 'running')], 'pending', null],
  ['auto-restart after an exit', [s(0, 'activating', 'auto-restart', 0, 0, 3)], 'fail', /restarting it.*exit status 3/],
  ['failed unit', [s(0, 'active', 'running'), s(250, 'failed', 'failed', 0, 0, 1)], 'fail', /the unit failed/],
  ['NRestarts grew', [s(0, 'active', 'running', 0), s(250, 'active', 'running', 1, 101)], 'fail', /restarted the service 1 time/],
  ['main PID changed without NRestarts', [s(0, 'active', 'running', 0, 100), s(250, 'active', 'running', 0, 200)], 'fail', /main process changed/],
  ['exited cleanly (inactive)', [s(0, 'inactive', 'dead')], 'fail', /stopped/],
  ['never running within the deadline', [s(0, 'activating', 'start'), s(5000, 'activating', 'start')], 'fail', /not active\/running for 2 s within 5 s/],
];

for (const [name, samples, state, reason] of cases) {
  test(`judgeSystemd(): ${name} → ${state}`, () => {
    const verdict = judgeSystemd(samples, 2000, 5000);
    assert.equal(verdict.state, state);
    if (reason && verdict.state === 'fail') assert.match(verdict.reason, reason);
  });
}
