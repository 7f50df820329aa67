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
import { checkReproducible } from '../src/gobuild/reproducible.ts';
import { buildMatrix } from '../src/gobuild/runner.ts';
import { listTargets } from '../src/gobuild/dist-list.ts';
import { chooseToolchain } from '../src/gobuild/toolchains.ts';
import { parseTargets } from '../src/platform/target-syntax.ts';
import { CACHE, GO, REPO, lacks } from './support/go.ts';

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

/** A git repository of examples/hello with one commit at a fixed time, and a clone of it elsewhere. */
async function twoCheckouts(): Promise<[string, string]> {
  const root = await mkdtemp(join(tmpdir(), 'gocross-sbom-repro-'));
  const a = join(root, 'first', 'hello');
  await cp(join(REPO, 'examples/hello'), a, { recursive: true });
  const date = '2024-02-03T04:05:06Z';
  const env = { ...process.env, GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.com', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.com' };
  await run('git', ['init', '-q'], { cwd: a, env });
  await writeFile(join(a, '.gitignore'), 'dist/\n');
  await run('git', ['add', '-A'], { cwd: a, env });
  await run('git', ['commit', '-q', '-m', 'hello'], { cwd: a, env });
  const b = join(root, 'second', 'elsewhere', 'hello');
  await run('git', ['clone', '-q', a, b], { cwd: root, env });
  return [a, b];
}

test('gocross build --sbom: two checkouts of one commit write byte-identical SBOMs and SHA256SUMS; --check-reproducible agrees', { skip: lacks('go', 'git') }, async () => {
  const [a, b] = await twoCheckouts();
  const first = await gocross(['build', '-t', 'linux/arm64', '--sbom', '--check-reproducible'], a);
  assert.equal(first.exitCode, 0, first.stderr + first.stdout);
  assert.match(first.stderr, /reproducible: 1 artifact\(s\) identical \(4 files compared\)/);
  const second = await gocross(['build', '-t', 'linux/arm64', '--sbom'], b);
  assert.equal(second.exitCode, 0, second.stderr + second.stdout);
  const sbom = 'hello_linux_arm64/hello.cdx.json';
  const [docA, docB] = await Promise.all([readFile(join(a, 'dist', sbom), 'utf8'), readFile(join(b, 'dist', sbom), 'utf8')]);
  assert.equal(docB, docA);
  const doc = JSON.parse(docA) as { metadata: { timestamp: string }; serialNumber: string };
  assert.equal(doc.metadata.timestamp, '2024-02-03T04:05:06Z', 'dated by the commit, not the clock');
  assert.match(doc.serialNumber, /^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-5/);
  assert.equal(await readFile(join(b, 'dist/SHA256SUMS'), 'utf8'), await readFile(join(a, 'dist/SHA256SUMS'), 'utf8'));
});

test('checkReproducible() reports a file a post-step writes differently, though the binaries are identical', { skip: lacks('go') }, async () => {
  const dir = join(await mkdtemp(join(tmpdir(), 'gocross-repro-diff-')), 'hello');
  await cp(join(REPO, 'examples/hello'), dir, { recursive: true });
  const toolchain = await chooseToolchain({ go: GO ?? undefined });
  const targets = parseTargets('linux/arm64', await listTargets(toolchain), toolchain.version);
  let runs = 0;
  // Stands in for an SBOM whose SOURCE_DATE_EPOCH differed between the two builds.
  const postSteps = [{ name: 'note', async run(artifact: { artifactPath: string | null }) {
    const path = `${artifact.artifactPath}.note.json`;
    await writeFile(path, JSON.stringify({ written: ++runs }));
    return [{ path, kind: 'note' }];
  } }];
  const env = { PATH: process.env.PATH, HOME: process.env.HOME, GOPROXY: 'off' };
  const options = { toolchain, targets, dir, cache: join(CACHE, 'go-build'), processEnv: env, postSteps };
  const first = await buildMatrix(options);
  assert.ok(first.ok);
  const report = await checkReproducible(first, options, { freshCache: false });
  assert.equal(report.identical, false, JSON.stringify(report));
  assert.deepEqual(report.differences.map((d) => d.file), ['hello_linux_arm64/hello.note.json', 'manifest.json', 'SHA256SUMS']);
  assert.equal(report.differences.filter((d) => d.file === 'hello_linux_arm64/hello').length, 0, 'the binaries themselves are identical');
});
