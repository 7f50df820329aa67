import { test } from 'node:test';
import assert from 'node:assert/strict';
import { choosePrune } from './prune.ts';

const cases: Array<[string, string[], number, string | null, string | null, string[]]> = [
  ['keeps the newest `keep`', ['e', 'd', 'c', 'b', 'a'], 3, 'e', 'd', ['b', 'a']],
  ['never the current or the previous, however old', ['e', 'd', 'c', 'b', 'a'], 2, 'e', 'a', ['d', 'c', 'b']],
  ['keep 1 still keeps the previous', ['c', 'b', 'a'], 1, 'c', 'b', ['a']],
  ['nothing to prune', ['b', 'a'], 3, 'b', 'a', []],
  ['first deploy, no previous', ['c', 'b', 'a'], 2, 'c', null, ['a']],
];

for (const [name, ids, keep, current, previous, removed] of cases) {
  test(`choosePrune(): ${name}`, () => assert.deepEqual(choosePrune(ids, keep, current, previous), removed));
}
