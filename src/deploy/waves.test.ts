import { test } from 'node:test';
import assert from 'node:assert/strict';
import { prng } from '../util/prng.ts';
import { cumulativeCount, failureBudget, planWaves } from './waves.ts';
import type { WaveSize } from './model.ts';

const hosts = (n: number): string[] => Array.from({ length: n }, (_, i) => `h${i}`);
const sizes = (plan: string[][]): number[] => plan.map((w) => w.length);

test('planWaves() treats sizes as cumulative: [1, "10%", "100%"] on 40 hosts is 1, 3, 36', () => {
  assert.deepEqual(sizes(planWaves(hosts(40), [1, '10%', '100%'])), [1, 3, 36]);
});

const cases: Array<[number, WaveSize[], number[], string]> = [
  [10, [1, '100%'], [1, 9], 'the default canary'],
  [1, [1, '100%'], [1], 'a wave adding no host is dropped'],
  [3, ['50%'], [2, 1], '50% of 3 rounds up to 2; the rest form a last wave'],
  [40, [1, 5], [1, 4, 35], 'a list ending below all hosts gets a final wave'],
  [5, [10, '100%'], [5], 'a count above the host total is capped'],
  [40, ['10%', 2, '100%'], [4, 36], 'a smaller later size adds nothing'],
  [4, ['1%', '1%', '100%'], [1, 3], 'equal sizes: the second is dropped'],
  [0, [1, '100%'], [], 'no hosts, no waves'],
];
for (const [n, waves, expected, why] of cases) {
  test(`planWaves() on ${n} hosts with ${JSON.stringify(waves)} gives ${JSON.stringify(expected)}: ${why}`, () => {
    assert.deepEqual(sizes(planWaves(hosts(n), waves)), expected);
  });
}

test('planWaves() keeps every host exactly once, in order, with cumulative counts monotone (seeded property test)', () => {
  const seed = 12;
  const random = prng(seed);
  for (let run = 0; run < 500; run++) {
    const n = Math.floor(random() * 120);
    const waves: WaveSize[] = Array.from({ length: 1 + Math.floor(random() * 5) }, () =>
      random() < 0.5 ? 1 + Math.floor(random() * 20) : (`${1 + Math.floor(random() * 100)}%` as WaveSize),
    );
    const list = hosts(n);
    const plan = planWaves(list, waves);
    const context = `seed ${seed} run ${run}: ${n} hosts, waves ${JSON.stringify(waves)}`;
    assert.deepEqual(plan.flat(), list, context);
    assert.ok(plan.every((w) => w.length > 0), context);
    // Each configured step's count is reached by the end of some wave, never overshot mid-plan.
    let done = 0;
    const reached = plan.map((w) => (done += w.length));
    for (const size of waves) {
      const want = Math.max(...waves.slice(0, waves.indexOf(size) + 1).map((s) => cumulativeCount(s, n)));
      if (want > 0) assert.ok(reached.includes(want), `${context}: ${want} hosts done after some wave`);
    }
  }
});

const budgets: Array<[number | `${number}%`, number, number]> = [
  [0, 10, 0],
  [2, 10, 2],
  ['5%', 40, 2],
  ['5%', 39, 1],
  ['10%', 9, 0],
  ['100%', 7, 7],
  ['0%', 100, 0],
];
for (const [max, n, expected] of budgets) {
  test(`failureBudget(${JSON.stringify(max)}, ${n}) is ${expected}`, () => {
    assert.equal(failureBudget(max, n), expected);
  });
}
