/**
 * The statistics behind the canary judge, against SciPy 1.10 (`python3-scipy`, computed here in
 * one python3 run over every case) and against published worked examples.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { run } from '../src/process/run.ts';
import { hodgesLehmann } from '../src/gate/stats/hodges-lehmann.ts';
import { mannWhitneyU, StatisticsInputError, type Alternative, type Method } from '../src/gate/stats/mann-whitney.ts';
import { uFrequencies } from '../src/gate/stats/mann-whitney-exact.ts';
import { normalSf } from '../src/gate/stats/normal.ts';
import { rankWithTies } from '../src/gate/stats/ranks.ts';
import { lacks } from './support/go.ts';

const noPython = lacks('python3');

/** A reproducible sample: `n` values from a small linear-congruential stream, rounded to `step` (ties when coarse). */
function sample(seed: number, n: number, shift: number, step: number): number[] {
  let s = seed;
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    s = (s * 1103515245 + 12345) % 2147483648;
    const v = (s / 2147483648) * 10 + shift;
    out.push(step > 0 ? Math.round(v / step) * step : v);
  }
  return out;
}

interface Case {
  x: number[];
  y: number[];
  alternative: Alternative;
  method: Exclude<Method, 'auto'> | 'auto';
}

const cases: Case[] = [];
for (const [i, [n1, n2, shift, step]] of ([
  [5, 4, 0, 0],
  [7, 8, 1, 0],
  [8, 30, 2, 0],
  [3, 3, 0, 0],
  [20, 25, 0.5, 1],
  [40, 40, 0, 0.5],
  [12, 9, 3, 2],
  [200, 180, 0.3, 0.1],
  [1000, 900, 0.1, 0],
  [60, 60, 0, 5],
] as const).entries()) {
  for (const alternative of ['two-sided', 'greater', 'less'] as const) {
    const x = sample(1000 + i, n1, shift, step);
    const y = sample(2000 + i, n2, 0, step);
    cases.push({ x, y, alternative, method: 'auto' });
    cases.push({ x, y, alternative, method: 'asymptotic' });
  }
}

async function scipy(script: string, input: unknown): Promise<unknown> {
  const result = await run('python3', ['-c', script], { input: JSON.stringify(input) });
  assert.equal(result.exitCode, 0, result.stderr);
  return JSON.parse(result.stdout);
}

function close(actual: number, expected: number, relative: number, what: string): void {
  const tolerance = relative * Math.max(Math.abs(expected), 1e-300);
  assert.ok(Math.abs(actual - expected) <= tolerance, `${what}: got ${actual}, SciPy says ${expected}`);
}

test('mannWhitneyU() matches SciPy mannwhitneyu for U1 and p, exact and asymptotic, with and without ties', { skip: noPython }, async () => {
  const expected = (await scipy(
    `import json, sys
from scipy.stats import mannwhitneyu
out = []
for c in json.load(sys.stdin):
    r = mannwhitneyu(c['x'], c['y'], alternative=c['alternative'], method=c['method'])
    out.append([float(r.statistic), float(r.pvalue)])
print(json.dumps(out))`,
    cases,
  )) as [number, number][];
  assert.equal(expected.length, cases.length);
  let exactSeen = 0;
  let tiesSeen = 0;
  for (const [i, c] of cases.entries()) {
    const r = mannWhitneyU(c.x, c.y, { alternative: c.alternative, method: c.method });
    if (r.method === 'exact') exactSeen++;
    if (r.ties) tiesSeen++;
    const what = `case ${i} (${c.x.length}×${c.y.length}, ${c.alternative}, ${c.method} → ${r.method})`;
    assert.equal(r.u1, expected[i]![0], `${what}: U1`);
    close(r.pValue, expected[i]![1], 1e-9, `${what}: p`);
  }
  // The table must exercise both methods and tied data, or it proves less than it claims.
  assert.ok(exactSeen >= 6 && tiesSeen >= 12, `exact cases ${exactSeen}, tied cases ${tiesSeen}`);
});

test('hodgesLehmann() is the median of all pairwise differences, as numpy computes it', { skip: noPython }, async () => {
  const inputs = [
    [sample(1, 7, 1, 0), sample(2, 5, 0, 0)],
    [sample(3, 40, 0.5, 1), sample(4, 40, 0, 1)],
    [sample(5, 301, 0.2, 0), sample(6, 257, 0, 0)],
    [sample(7, 500, 0, 0.25), sample(8, 499, 0.1, 0.25)],
    [[5], [2]],
  ];
  const expected = (await scipy(
    `import json, sys
import numpy as np
print(json.dumps([float(np.median(np.subtract.outer(np.array(x), np.array(y)))) for x, y in json.load(sys.stdin)]))`,
    inputs,
  )) as number[];
  for (const [i, [x, y]] of inputs.entries()) close(hodgesLehmann(x!, y!), expected[i]!, 1e-12, `HL case ${i}`);
});

test('normalSf() matches scipy.stats.norm.sf from the centre to the far tails', { skip: noPython }, async () => {
  const zs = [-8, -3.2, -1, -0.25, 0, 0.1, 0.5, 1, 1.959963984540054, 2.5, 3, 4.5, 6, 8, 10, 20, 30];
  const expected = (await scipy(
    `import json, sys
from scipy.stats import norm
print(json.dumps([float(norm.sf(z)) for z in json.load(sys.stdin)]))`,
    zs,
  )) as number[];
  for (const [i, z] of zs.entries()) close(normalSf(z), expected[i]!, 1e-12, `sf(${z})`);
});

test("mannWhitneyU() reproduces SciPy's documented example: males vs females, U1 = 17, exact p = 1/9", () => {
  // scipy.stats.mannwhitneyu documentation, after Conover's "Practical Nonparametric Statistics".
  const males = [19, 22, 16, 29, 24];
  const females = [20, 11, 17, 12];
  const exact = mannWhitneyU(males, females, { method: 'exact' });
  assert.equal(exact.u1, 17);
  close(exact.pValue, 1 / 9, 1e-15, 'exact p');
  assert.equal(mannWhitneyU(males, females).method, 'exact');
  const asymptotic = mannWhitneyU(males, females, { method: 'asymptotic' });
  close(asymptotic.pValue, 0.11134688653314041, 1e-12, 'asymptotic p');
});

test("mannWhitneyU() gives U = 11 and 25 for Aesop's tortoises and hares (Wikipedia's worked example)", () => {
  // Finishing order T H H H H H T T T T T H: a lower position is a better finish.
  const order = 'THHHHHTTTTTH';
  const position = (who: string): number[] => [...order].flatMap((c, i) => (c === who ? [order.length - i] : []));
  const r = mannWhitneyU(position('T'), position('H'));
  assert.equal(r.u1, 11);
  assert.equal(r.u2, 25);
  // Wikipedia: the critical value of U for 6 and 6 at α = 0.05 two-sided is 5, so 11 is not significant.
  assert.ok(r.pValue > 0.05, `p = ${r.pValue}`);
  assert.equal(r.method, 'exact');
});

test('the exact U distribution sums to C(m+n, m) and is symmetric', () => {
  for (const [m, n] of [[1, 1], [3, 5], [8, 8], [6, 40]] as const) {
    const f = uFrequencies(m, n);
    assert.equal(f.length, m * n + 1);
    let binomial = 1n;
    for (let i = 1; i <= m; i++) binomial = (binomial * BigInt(n + i)) / BigInt(i);
    assert.equal(f.reduce((a, b) => a + b, 0n), binomial);
    for (let u = 0; u <= m * n; u++) assert.equal(f[u], f[m * n - u], `symmetry at u=${u} for ${m}×${n}`);
    assert.ok(f.every((c) => c > 0n));
  }
});

test('rankWithTies() gives midranks and tie groups', () => {
  const r = rankWithTies([10, 20, 20, 5, 20, 7]);
  assert.deepEqual([...r.ranks], [3, 5, 5, 1, 5, 2]);
  assert.deepEqual(r.tieGroups, [1, 1, 1, 3]);
});

test('mannWhitneyU() on identical constant samples (a sparse error count of all zeros) gives p = 1, not a crash', () => {
  const r = mannWhitneyU(new Array(30).fill(0), new Array(30).fill(0));
  assert.equal(r.pValue, 1);
  assert.equal(r.u1, 450);
});

test('mannWhitneyU() rejects empty samples, NaN and exact-with-ties with a typed error', () => {
  assert.throws(() => mannWhitneyU([], [1]), StatisticsInputError);
  assert.throws(() => mannWhitneyU([1, Number.NaN], [1]), /index 1/);
  assert.throws(() => mannWhitneyU([1, 2], [2, 3], { method: 'exact' }), /ties/);
});
