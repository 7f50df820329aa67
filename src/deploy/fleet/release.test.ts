import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { GocrossError } from '../../core/errors.ts';
import type { Manifest, ManifestArtifact } from '../../gobuild/manifest.ts';
import { fileSafeVersion, loadRelease, releaseIdOf, releaseVersionOf, shippableArtifacts } from './release.ts';

function artifact(target: string, sha256 = 'a'.repeat(64), path = `app-${target.replaceAll('/', '-')}`): ManifestArtifact {
  const [goos, goarch] = target.split('/') as [string, string];
  return {
    target, goos, goarch, variant: null, path, size: 3, sha256, durationMs: 1, env: {}, flags: [], cc: null,
    facts: null, inputKey: null, extraFiles: [], runId: 'r', builtAt: null,
  };
}

function manifest(over: Partial<Manifest> = {}): Manifest {
  return {
    schemaVersion: 1,
    name: 'hello',
    toolchain: { version: 'go1.23.0', path: '/go', goroot: '/go' },
    vcs: { version: 'v1.2.0', commit: 'c', date: '2024-01-01T00:00:00Z' },
    runId: 'r',
    interrupted: false,
    artifacts: [artifact('linux/amd64'), artifact('linux/arm64'), artifact('windows/amd64')],
    failures: [],
    ...over,
  };
}

describe('fileSafeVersion() and releaseIdOf()', () => {
  const cases: Array<[string, string]> = [
    ['v1.2.0', 'v1.2.0'],
    ['v1.2.0-3-gabc+dirty', 'v1.2.0-3-gabc+dirty'],
    ['feature/x y', 'feature_x_y'],
    ['../../etc', '.._.._etc'],
    ['..', '_..'],
    ['-rf', '_-rf'],
    ['', '_'],
    ['v1\n\x1b[31m', 'v1___31m'],
  ];
  for (const [version, safe] of cases) {
    it(`makes ${JSON.stringify(version)} the file name ${JSON.stringify(safe)}`, () => {
      assert.equal(fileSafeVersion(version), safe);
      assert.match(fileSafeVersion(version), /^[A-Za-z0-9._+-]+$/);
    });
  }
  it('appends the first 12 hex digits of the SHA-256', () => {
    assert.equal(releaseIdOf('v1.2.0', '0123456789abcdef'.repeat(4)), 'v1.2.0-0123456789ab');
  });
});

describe('shippableArtifacts()', () => {
  it('with target auto ships every linux artifact', () => {
    assert.deepEqual(shippableArtifacts(manifest(), { target: 'auto' }).map((a) => a.target), ['linux/amd64', 'linux/arm64']);
  });
  it('with one target ships only that one', () => {
    assert.deepEqual(shippableArtifacts(manifest(), { target: 'linux/arm64' }).map((a) => a.target), ['linux/arm64']);
  });
  const refusals: Array<[string, Manifest, string, RegExp]> = [
    ['an interrupted build', manifest({ interrupted: true }), 'auto', /interrupted build/],
    ['a failed linux target (auto)', manifest({ failures: [{ target: 'linux/riscv64', errorLines: [] }] }), 'auto', /build of linux\/riscv64 failed/],
    ['the configured target failed', manifest({ failures: [{ target: 'linux/arm64', errorLines: [] }] }), 'linux/arm64', /build of linux\/arm64 failed/],
    ['the configured target is absent', manifest(), 'linux/ppc64le', /has no artifact for linux\/ppc64le \(it holds linux\/amd64, linux\/arm64, windows\/amd64\)/],
    ['no linux artifact at all', manifest({ artifacts: [artifact('windows/amd64')] }), 'auto', /has no linux artifact/],
  ];
  for (const [what, m, target, message] of refusals) {
    it(`refuses ${what}, saying to build`, () => {
      assert.throws(() => shippableArtifacts(m, { target }), (e: unknown) => e instanceof GocrossError && message.test(e.message) && /gocross build/.test(e.fix ?? ''));
    });
  }
  it('ignores a failure of a target the service does not ship', () => {
    const m = manifest({ failures: [{ target: 'windows/arm64', errorLines: [] }, { target: 'linux/riscv64', errorLines: [] }] });
    assert.deepEqual(shippableArtifacts(m, { target: 'linux/amd64' }).map((a) => a.target), ['linux/amd64']);
  });
});

describe('releaseVersionOf()', () => {
  it('takes vcs.version, or the override', () => {
    assert.equal(releaseVersionOf(manifest(), null), 'v1.2.0');
    assert.equal(releaseVersionOf(manifest(), 'v9'), 'v9');
  });
  it('refuses an empty version and names the flag', () => {
    assert.throws(() => releaseVersionOf(manifest({ vcs: { version: '', commit: '', date: '' } }), null), (e: unknown) => e instanceof GocrossError && /--release-version/.test(e.fix ?? ''));
  });
});

describe('loadRelease()', () => {
  async function dist(content: string, recorded: string): Promise<string> {
    const dir = await mkdtemp(join(tmpdir(), 'gocross-release-'));
    await writeFile(join(dir, 'app'), content);
    const m = manifest({ artifacts: [artifact('linux/amd64', recorded, 'app')] });
    await writeFile(join(dir, 'manifest.json'), JSON.stringify(m));
    return dir;
  }
  const sha = (s: string): string => createHash('sha256').update(s).digest('hex');

  it('returns the artifacts with their release ids when the bytes match the manifest', async (t) => {
    const dir = await dist('abc', sha('abc'));
    t.after(() => rm(dir, { recursive: true, force: true }));
    const release = await loadRelease(dir, { target: 'auto' }, 'v1.2.0/rc 1');
    assert.equal(release.version, 'v1.2.0/rc 1');
    assert.deepEqual(release.artifacts, [{ target: 'linux/amd64', file: join(dir, 'app'), sha256: sha('abc'), size: 3, version: 'v1.2.0/rc 1', id: `v1.2.0_rc_1-${sha('abc').slice(0, 12)}` }]);
  });
  it('refuses an artifact changed since the build', async (t) => {
    const dir = await dist('abd', sha('abc'));
    t.after(() => rm(dir, { recursive: true, force: true }));
    await assert.rejects(loadRelease(dir, { target: 'auto' }), /changed since the build/);
  });
  it('refuses a dist/ without a manifest', async (t) => {
    const dir = await mkdtemp(join(tmpdir(), 'gocross-release-'));
    t.after(() => rm(dir, { recursive: true, force: true }));
    await assert.rejects(loadRelease(dir, { target: 'auto' }), (e: unknown) => e instanceof GocrossError && /manifest.json does not exist/.test(e.message));
  });
});
