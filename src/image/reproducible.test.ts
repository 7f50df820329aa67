import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compareImageDigests, type ImageDigests } from './reproducible.ts';

const d = (c: string): string => `sha256:${c.repeat(64)}`;
const digests = (index: string, images: Array<[string, string]>): ImageDigests => ({ index, images: images.map(([target, digest]) => ({ target, digest })) });
const BOTH = digests(d('0'), [['linux/amd64', d('a')], ['linux/arm64', d('b')]]);

test('compareImageDigests() finds identical sets identical and names each platform and the index that differ', () => {
  // [case, second assembly, [target, what, first, second] of each difference]
  const cases: Array<[string, ImageDigests, Array<[string | null, string, string | null, string | null]>]> = [
    ['same digests', digests(d('0'), [['linux/amd64', d('a')], ['linux/arm64', d('b')]]), []],
    ['same digests, other order', digests(d('0'), [['linux/arm64', d('b')], ['linux/amd64', d('a')]]), []],
    ['one platform differs (and so the index)', digests(d('1'), [['linux/amd64', d('a')], ['linux/arm64', d('c')]]), [['linux/arm64', 'image manifest', d('b'), d('c')], [null, 'image index', d('0'), d('1')]]],
    ['only the index differs', digests(d('1'), [['linux/amd64', d('a')], ['linux/arm64', d('b')]]), [[null, 'image index', d('0'), d('1')]]],
    ['a platform missing from the second', digests(d('1'), [['linux/amd64', d('a')]]), [['linux/arm64', 'image manifest', d('b'), null], [null, 'image index', d('0'), d('1')]]],
    ['a platform only in the second', digests(d('1'), [['linux/amd64', d('a')], ['linux/arm64', d('b')], ['linux/386', d('e')]]), [['linux/386', 'image manifest', null, d('e')], [null, 'image index', d('0'), d('1')]]],
  ];
  for (const [what, second, expected] of cases) {
    const report = compareImageDigests(BOTH, second);
    assert.equal(report.compared, 2, what);
    assert.deepEqual(report.differences.map((x) => [x.target, x.file, x.first, x.second]), expected, what);
  }
});
