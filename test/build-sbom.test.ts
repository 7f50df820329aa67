/**
 * `gocross build --sbom`: one SBOM per artifact, listed (with its digest) in the manifest and
 * SHA256SUMS, and verifiable against the artifact it describes.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cp, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run } from '../src/process/run.ts';
import { CACHE, REPO, lacks } from './support/go.ts';

const BIN = join(REPO, 'src/cli/bin.ts');

function gocross(args: string[], cwd: string) {
  const { PATH, HOME } = process.env;
  const env = { PATH, HOME, GOCACHE: join(CACHE, 'go-build'), GOPROXY: 'off', NO_COLOR: '1' };
  return run(process.execPath, [BIN, ...args], { cwd, env, reject: false, timeoutMs: 5 * 60_000 });
}

test('gocross build --sbom writes an SBOM per artifact and lists it in the manifest', { skip: lacks('go') }, async () => {
  const dir = join(await mkdtemp(join(tmpdir(), 'gocross-sbom-')), 'hello');
  await cp(join(REPO, 'examples/hello'), dir, { recursive: true });
  const r = await gocross(['build', '-t', 'linux/arm64,linux/riscv64', '--sbom', 'spdx'], dir);
  assert.equal(r.exitCode, 0, r.stderr + r.stdout);

  const manifest = JSON.parse(await readFile(join(dir, 'dist/manifest.json'), 'utf8')) as {
    artifacts: Array<{ path: string; sha256: string; extraFiles?: Array<{ path: string; kind: string; sha256: string }> }>;
  };
  assert.equal(manifest.artifacts.length, 2);
  const sums = await readFile(join(dir, 'dist/SHA256SUMS'), 'utf8');
  for (const a of manifest.artifacts) {
    const sbom = a.extraFiles?.find((f) => f.kind === 'sbom-spdx');
    assert.ok(sbom, `no SBOM listed for ${a.path}`);
    assert.equal(sbom.path, `${a.path}.spdx.json`);
    assert.ok(sums.includes(`${sbom.sha256}  ${sbom.path}`), `SHA256SUMS lacks ${sbom.path}`);
    const doc = JSON.parse(await readFile(join(dir, 'dist', sbom.path), 'utf8')) as { spdxVersion: string };
    assert.equal(doc.spdxVersion, 'SPDX-2.3');
    const ok = await gocross(['sbom', '--verify', join('dist', sbom.path), join('dist', a.path)], dir);
    assert.equal(ok.exitCode, 0, ok.stderr + ok.stdout);
  }

  // The SBOM is bound to the artifact's bytes: a changed artifact no longer verifies.
  const first = manifest.artifacts[0]!;
  await writeFile(join(dir, 'dist', first.path), 'tampered');
  const bad = await gocross(['sbom', '--verify', join('dist', `${first.path}.spdx.json`), join('dist', first.path)], dir);
  assert.equal(bad.exitCode, 1, bad.stdout);

  const usage = await gocross(['build', '-t', 'linux/arm64', '--sbom', 'xml'], dir);
  assert.equal(usage.exitCode, 2);
  assert.match(usage.stderr, /unknown format 'xml'/);
});
