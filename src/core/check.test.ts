import assert from 'node:assert/strict';
import { test } from 'node:test';
import { atLeast, overall, runChecks, worst, type Check, type Status } from './check.ts';

const WORST: Array<[Status[], Status]> = [
  [[], 'pass'],
  [['info'], 'info'],
  [['info', 'pass'], 'pass'],
  [['pass', 'info'], 'pass'],
  [['pass', 'warn', 'info'], 'warn'],
  [['warn', 'fail', 'pass'], 'fail'],
];
for (const [statuses, expected] of WORST) {
  test(`worst(${JSON.stringify(statuses)}) is ${expected}`, () => assert.equal(worst(statuses), expected));
}

test('atLeast() ranks info below pass below warn below fail', () => {
  assert.equal(atLeast('warn', 'warn'), true);
  assert.equal(atLeast('pass', 'warn'), false);
  assert.equal(atLeast('fail', 'warn'), true);
  assert.equal(atLeast('info', 'pass'), false);
});

test('runChecks() reports a check that throws as failed and keeps running the others', () => {
  const checks: Check<number>[] = [
    { id: 'positive', severity: 'fail', title: 'Positive', evaluate: (n) => [{ status: n > 0 ? 'pass' : 'fail', message: `${n}` }] },
    { id: 'broken', severity: 'warn', title: 'Broken', evaluate: () => { throw new Error('boom'); } },
    { id: 'note', severity: 'warn', title: 'Note', evaluate: () => [{ status: 'info', message: 'just so you know' }] },
  ];
  const results = runChecks(checks, 1);
  assert.deepEqual(results.map((r) => [r.id, r.status]), [['positive', 'pass'], ['broken', 'fail'], ['note', 'info']]);
  assert.match(results[1]!.findings[0]!.message, /^Cannot evaluate check broken: boom$/);
  assert.equal(overall(results), 'fail');
  assert.equal(overall(runChecks([checks[0]!, checks[2]!], 1)), 'pass');
});
