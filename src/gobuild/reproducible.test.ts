import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Manifest, ManifestArtifact } from './manifest.ts';
import type { ArtifactResult, BuildResult } from './result.ts';
import { compareBuilds, comparableManifest, differingFields, RUN_SPECIFIC, withAlsoCompared } from './reproducible.ts';

const artifact = (over: Partial<ManifestArtifact> = {}): ManifestArtifact => ({
  target: 'linux/arm64', goos: 'linux', goarch: 'arm64', variant: null, path: 'app_linux_arm64/app', size: 10, sha256: 'a'.repeat(64),
  durationMs: 812, env: { GOOS: 'linux', GOARCH: 'arm64', CGO_ENABLED: '0', GOCACHE: '/first/cache' }, flags: ['-trimpath'], cc: null, facts: null,
  inputKey: 'k1', extraFiles: [{ path: 'app_linux_arm64/app.cdx.json', sha256: 'b'.repeat(64), size: 5, kind: 'sbom-cyclonedx' }],
  runId: '20240101T000000Z-aaaaaa', builtAt: '2024-01-01T00:00:00.000Z', ...over,
});
const manifest = (artifacts: ManifestArtifact[], over: Partial<Manifest> = {}): Manifest => ({
  schemaVersion: 1, name: 'app', toolchain: { version: 'go1.23.5', path: '/go/bin/go', goroot: '/go' }, vcs: { version: 'v1', commit: 'c', date: '2024-01-01T00:00:00Z' },
  runId: '20240101T000000Z-aaaaaa', interrupted: false, artifacts, failures: [], ...over,
});

test('comparableManifest() leaves out exactly the run-specific fields, by name', () => {
  assert.deepEqual(RUN_SPECIFIC, { manifest: ['runId'], artifact: ['runId', 'builtAt', 'durationMs', 'inputKey'], env: ['GOCACHE'] });
  const targets = new Set(['linux/arm64']);
  const base = comparableManifest(manifest([artifact()]), targets);
  // [what changes in the second build, whether the manifests must still compare equal]
  const cases: Array<[string, Manifest, boolean]> = [
    ['another run id and time', manifest([artifact({ runId: 'other', builtAt: '2031-01-01T00:00:00.000Z' })], { runId: 'other' }), true],
    ['another duration', manifest([artifact({ durationMs: 1 })]), true],
    ['another checkout (input key) and cache', manifest([artifact({ inputKey: 'k2', env: { GOOS: 'linux', GOARCH: 'arm64', CGO_ENABLED: '0', GOCACHE: '/tmp/x' } })]), true],
    ['an entry an earlier run left for another target', manifest([artifact(), artifact({ target: 'linux/386', path: 'app_linux_386/app' })]), true],
    ['another artifact digest', manifest([artifact({ sha256: 'c'.repeat(64) })]), false],
    ['another SBOM digest', manifest([artifact({ extraFiles: [{ path: 'app_linux_arm64/app.cdx.json', sha256: 'd'.repeat(64), size: 5, kind: 'sbom-cyclonedx' }] })]), false],
    ['another env value', manifest([artifact({ env: { GOOS: 'linux', GOARCH: 'arm64', CGO_ENABLED: '1', GOCACHE: '/first/cache' } })]), false],
    ['other flags', manifest([artifact({ flags: ['-trimpath', '-buildmode=pie'] })]), false],
    ['another toolchain', manifest([artifact()], { toolchain: { version: 'go1.23.6', path: '/go/bin/go', goroot: '/go' } }), false],
    ['another size', manifest([artifact({ size: 11 })]), false],
  ];
  for (const [what, second, equal] of cases) {
    assert.equal(differingFields(base, comparableManifest(second, targets)).length === 0, equal, what);
  }
  assert.deepEqual(differingFields(base, comparableManifest(manifest([artifact({ size: 11, flags: [] })]), targets)), ['artifacts[linux/arm64].size', 'artifacts[linux/arm64].flags[0]']);
});

const result = (sha: string, extra: string): ArtifactResult => ({
  target: { goos: 'linux', goarch: 'arm64', id: 'linux/arm64' } as ArtifactResult['target'], ok: true, status: 'done', artifactPath: '/d/app_linux_arm64/app', relativePath: 'app_linux_arm64/app',
  size: 10, sha256: sha, durationMs: 1, env: {}, flags: [], cc: null, errorLines: [], facts: null, inputKey: null, reused: false,
  extraFiles: [{ path: 'app_linux_arm64/app.cdx.json', sha256: extra, size: 5, kind: 'sbom-cyclonedx' }],
});
const build = (r: ArtifactResult): BuildResult => ({ results: [r] }) as BuildResult;
const sums = (sha: string, extra: string): string => `${sha}  app_linux_arm64/app\n${extra}  app_linux_arm64/app.cdx.json\n`;

test('compareBuilds() reports a differing SBOM, manifest and SHA256SUMS even when the binaries are identical', () => {
  const [a, b, c] = ['a'.repeat(64), 'b'.repeat(64), 'c'.repeat(64)];
  const same = compareBuilds(build(result(a, b)), build(result(a, b)), {
    // An older target's line in the first folder is not this run's.
    first: { manifest: manifest([artifact()]), sha256sums: `${c}  app_linux_386/app\n${sums(a, b)}` },
    second: { manifest: manifest([artifact({ runId: 'x', durationMs: 3 })]), sha256sums: sums(a, b) },
  });
  assert.equal(same.identical, true, JSON.stringify(same));
  assert.equal(same.compared, 1);
  assert.equal(same.filesCompared, 4);

  const report = compareBuilds(build(result(a, b)), build(result(a, c)), {
    first: { manifest: manifest([artifact()]), sha256sums: sums(a, b) },
    second: { manifest: manifest([artifact({ extraFiles: [{ path: 'app_linux_arm64/app.cdx.json', sha256: c, size: 5, kind: 'sbom-cyclonedx' }] })]), sha256sums: sums(a, c) },
  });
  assert.equal(report.identical, false);
  assert.deepEqual(report.differences.map((d) => [d.target, d.file]), [['linux/arm64', 'app_linux_arm64/app.cdx.json'], [null, 'manifest.json'], [null, 'SHA256SUMS']]);
  assert.deepEqual(report.differences[1]!.fields, ['artifacts[linux/arm64].extraFiles[0].sha256']);
  assert.equal(report.firstDifference, 'linux/arm64');
});

test('withAlsoCompared() counts a later check by name and makes the report differ only when the check found a difference', () => {
  const a = 'a'.repeat(64);
  const same = compareBuilds(build(result(a, a)), build(result(a, a)));
  assert.deepEqual(same.alsoCompared, {});
  const images = withAlsoCompared(same, 'images', { compared: 2, differences: [] });
  assert.equal(images.identical, true);
  assert.deepEqual(images.alsoCompared, { images: 2 });
  const differing = withAlsoCompared(same, 'images', { compared: 2, differences: [{ target: 'linux/arm64', file: 'image manifest', first: 'sha256:1', second: 'sha256:2' }] });
  assert.equal(differing.identical, false);
  assert.equal(differing.firstDifference, 'linux/arm64');
  assert.deepEqual(differing.alsoCompared, { images: 2 });
});
