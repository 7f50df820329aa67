/** planImages(): which images a manifest gives, their OCI platforms (from the platform table), dates and annotations. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Manifest, ManifestArtifact } from '../gobuild/manifest.ts';
import { ociPlatformOf } from '../platform/lookup.ts';
import { parseTarget } from '../platform/target.ts';
import { planImages, platformKey } from './plan.ts';

const platformCases: Array<[target: string, expected: string]> = [
  ['linux/amd64', 'linux/amd64'],
  ['linux/amd64/v3', 'linux/amd64'],
  ['linux/arm64', 'linux/arm64/v8'],
  ['linux/arm64/v9.0', 'linux/arm64/v9'],
  ['linux/arm64/v8.2,lse', 'linux/arm64/v8'],
  ['linux/arm', 'linux/arm/v7'],
  ['linux/arm/6', 'linux/arm/v6'],
  ['linux/arm/7,softfloat', 'linux/arm/v7'],
  ['linux/386', 'linux/386'],
  ['linux/ppc64le', 'linux/ppc64le'],
  ['linux/riscv64', 'linux/riscv64'],
  ['linux/s390x', 'linux/s390x'],
];
for (const [id, expected] of platformCases) {
  test(`ociPlatformOf(${id}) is ${expected}`, () => {
    const p = ociPlatformOf(parseTarget(id));
    assert.ok(p);
    assert.equal(platformKey(p), expected);
  });
}

function artifact(target: string): ManifestArtifact {
  const t = parseTarget(target);
  return {
    target, goos: t.goos, goarch: t.goarch, variant: t.variant ?? null, path: `hello_${target.replaceAll('/', '_')}/hello`, size: 1, sha256: '0'.repeat(64),
    durationMs: 1, env: {}, flags: [], cc: null, facts: null, inputKey: null, extraFiles: [], runId: 'r1', builtAt: '2024-05-06T07:08:09Z',
  };
}

function manifest(targets: string[], vcs = { version: 'v1.2.3', commit: 'abc123', date: '2024-05-06T07:08:09Z' }): Manifest {
  return { schemaVersion: 1, name: 'hello', toolchain: { version: 'go1.23', path: '/go', goroot: '/go' }, vcs, runId: 'r1', interrupted: false, artifacts: targets.map(artifact), failures: [] };
}

test('planImages() makes one image per linux artifact, skips the others, dates them from the commit', () => {
  const plan = planImages(manifest(['linux/amd64', 'linux/arm64', 'windows/amd64', 'darwin/arm64']), { source: 'https://example.com/hello' });
  assert.deepEqual(plan.images.map((i) => i.target), ['linux/amd64', 'linux/arm64']);
  assert.deepEqual(plan.skipped, ['windows/amd64', 'darwin/arm64']);
  assert.equal(plan.created, '2024-05-06T07:08:09Z');
  assert.equal(plan.mtime, Date.parse('2024-05-06T07:08:09Z') / 1000);
  assert.deepEqual(plan.annotations, {
    'org.opencontainers.image.created': '2024-05-06T07:08:09Z',
    'org.opencontainers.image.revision': 'abc123',
    'org.opencontainers.image.version': 'v1.2.3',
    'org.opencontainers.image.source': 'https://example.com/hello',
  });
});

test('SOURCE_DATE_EPOCH wins over the commit time; a non-number is a usage error', () => {
  assert.equal(planImages(manifest(['linux/amd64']), { sourceDateEpoch: '1700000000' }).created, '2023-11-14T22:13:20Z');
  assert.throws(() => planImages(manifest(['linux/amd64']), { sourceDateEpoch: 'yesterday' }), (e: Error & { kind?: string }) => e.kind === 'usage' && /SOURCE_DATE_EPOCH="yesterday"/.test(e.message));
});

const refusals: Array<[name: string, targets: string[], wanted: string[] | undefined, message: RegExp]> = [
  ['a non-linux target asked for', ['linux/amd64', 'windows/amd64'], ['windows/amd64'], /Cannot make an image for windows\/amd64: container images run linux binaries only/],
  ['a target that was not built', ['linux/amd64'], ['linux/arm64'], /Cannot make an image for linux\/arm64: dist\/manifest.json has no artifact for it \(built: linux\/amd64\)/],
  ['two targets with one OCI platform', ['linux/amd64', 'linux/amd64/v3'], undefined, /Cannot make one image index from linux\/amd64 and linux\/amd64\/v3: both are OCI platform linux\/amd64/],
  ['no linux artifact at all', ['windows/amd64'], undefined, /Cannot make an image: dist\/manifest.json has no linux artifact \(only windows\/amd64\)/],
];
for (const [name, targets, wanted, message] of refusals) {
  test(`planImages() refuses ${name} with a usage error and a fix`, () => {
    assert.throws(() => planImages(manifest(targets), wanted ? { targets: wanted } : {}), (e: Error & { kind?: string; fix?: string }) => {
      assert.match(e.message, message);
      assert.equal(e.kind, 'usage');
      assert.ok(e.fix);
      return true;
    });
  });
}
