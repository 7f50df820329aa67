import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { SmokeTest } from './config.ts';
import { evaluateSmoke, type RunOutcome } from './smoke.ts';

const smoke: SmokeTest = { args: ['--version'], exitCode: 0, stdout: /^hello-service /, stderr: null, timeoutMs: 1000 };
const run = (over: Partial<RunOutcome>): RunOutcome => ({ exitCode: 0, signal: null, stdout: 'hello-service dev linux/arm64\n', stderr: '', timedOut: false, durationMs: 12, ...over });

const cases: Array<[string, RunOutcome, boolean, RegExp]> = [
  ['passes', run({}), true, /hello-service dev linux\/arm64/],
  ['wrong exit code', run({ exitCode: 2, stderr: 'flag provided but not defined: -version' }), false, /exited 2, expected 0: flag provided/],
  ['timeout', run({ exitCode: null, timedOut: true }), false, /did not exit within 1000 ms/],
  ['signal', run({ exitCode: null, signal: 'SIGSEGV' }), false, /killed by SIGSEGV/],
  ['stdout mismatch', run({ stdout: 'something else' }), false, /stdout does not match/],
];
for (const [name, outcome, ok, reason] of cases) {
  test(`evaluateSmoke(): ${name}`, () => {
    const r = evaluateSmoke(smoke, outcome);
    assert.equal(r.ok, ok);
    assert.match(r.reason, reason);
  });
}
