/**
 * The last good release survives: mistakes, failures and Ctrl-C leave dist/ as it was, and a run
 * that builds some targets keeps the others. Real `gocross build` runs of examples/hello.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { cp, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { run } from '../src/process/run.ts';
import type { Manifest } from '../src/gobuild/manifest.ts';
import { sha256Of } from '../src/sbom/generate.ts';
import { CACHE, REPO, lacks } from './support/go.ts';

const BIN = join(REPO, 'src/cli/bin.ts');
const EXAMPLE = join(REPO, 'examples/hello');
const TWO = 'linux/amd64,linux/arm64';

function cliEnv(): NodeJS.ProcessEnv {
  const { PATH, HOME } = process.env;
  return { PATH, HOME, GOCACHE: join(CACHE, 'go-build'), GOMODCACHE: join(CACHE, 'gopath/pkg/mod'), GOPROXY: 'off', NO_COLOR: '1' };
}

function gocross(args: string[], cwd: string) {
  return run(process.execPath, [BIN, ...args], { cwd, env: cliEnv(), reject: false, timeoutMs: 5 * 60_000 });
}

/** Every file under `dir` (hidden ones too) with the SHA-256 of its bytes. */
async function snapshot(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const e of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (e.isDirectory()) continue;
    const p = join(e.parentPath, e.name);
    out[relative(dir, p)] = createHash('sha256').update(await readFile(p)).digest('hex');
  }
  return out;
}

/** The invariant of a release: the manifest parses and lists only files that exist with its hashes. */
async function assertConsistent(dist: string): Promise<Manifest> {
  const manifest = JSON.parse(await readFile(join(dist, 'manifest.json'), 'utf8')) as Manifest;
  const files = await snapshot(dist);
  for (const a of manifest.artifacts) assert.equal(files[a.path], a.sha256, `${a.path} as listed`);
  const sums = await run('sha256sum', ['-c', 'SHA256SUMS'], { cwd: dist, reject: false });
  assert.equal(sums.exitCode, 0, sums.stdout + sums.stderr);
  return manifest;
}

let released: string | undefined;
/** A copy of the example with a good two-target release in dist/ (built once, copied per test). */
async function withRelease(prefix: string): Promise<string> {
  if (!released) {
    released = join(await mkdtemp(join(tmpdir(), 'gocross-release-')), 'hello');
    await cp(EXAMPLE, released, { recursive: true });
    const r = await gocross(['build', '-t', TWO], released);
    assert.equal(r.exitCode, 0, r.stderr);
  }
  const dir = join(await mkdtemp(join(tmpdir(), prefix)), 'hello');
  await cp(released, dir, { recursive: true });
  return dir;
}

test('gocross build: a target spec that selects nothing is a usage error and leaves dist/ byte-identical', { skip: lacks('go') }, async () => {
  const dir = await withRelease('gocross-zero-');
  const before = await snapshot(join(dir, 'dist'));
  const r = await gocross(['build', '-t', 'linux/*,!linux/*'], dir);
  assert.equal(r.exitCode, 2, r.stdout + r.stderr);
  assert.match(r.stderr, /Cannot use targets "linux\/\*,!linux\/\*": the spec selects no target/);
  assert.deepEqual(await snapshot(join(dir, 'dist')), before);
});

test('gocross build: a typo in the package (a path or an import path) leaves dist/ byte-identical', { skip: lacks('go') }, async () => {
  const dir = await withRelease('gocross-typo-');
  const before = await snapshot(join(dir, 'dist'));
  const path = await gocross(['build', './cmd/helo', '-t', TWO], dir);
  assert.equal(path.exitCode, 2, path.stdout + path.stderr);
  assert.match(path.stderr, /Cannot build \.\/cmd\/helo: no such directory/);
  const importPath = await gocross(['build', 'example.com/hello/helo', '-t', TWO], dir);
  assert.equal(importPath.exitCode, 1, importPath.stdout + importPath.stderr);
  assert.match(importPath.stdout, /Built 0 of 2 targets in .* → dist\/ unchanged/);
  assert.deepEqual(await snapshot(join(dir, 'dist')), before);
});

test('gocross build: building one target keeps the other targets\' artifacts and entries; --clean drops them', { skip: lacks('go', 'sha256sum') }, async () => {
  const dir = await withRelease('gocross-keep-');
  const dist = join(dir, 'dist');
  const before = await snapshot(dist);
  const first = await assertConsistent(dist);
  const r = await gocross(['build', '-f', '-t', 'linux/arm64'], dir);
  assert.equal(r.exitCode, 0, r.stderr);
  const after = await assertConsistent(dist);
  assert.deepEqual(after.artifacts.map((a) => a.target).sort(), ['linux/amd64', 'linux/arm64']);
  assert.equal((await snapshot(dist))['hello_linux_amd64/hello'], before['hello_linux_amd64/hello']);
  const mark = (m: Manifest, target: string) => m.artifacts.find((a) => a.target === target)?.runId;
  assert.match(mark(after, 'linux/arm64') ?? '', /^\d{8}T\d{6}Z-[0-9a-f]{6}$/);
  assert.equal(mark(after, 'linux/amd64'), mark(first, 'linux/amd64'), 'the kept entry names the run that built it');
  assert.notEqual(mark(after, 'linux/arm64'), mark(first, 'linux/arm64'));
  assert.equal(after.runId, mark(after, 'linux/arm64'));

  const clean = await gocross(['build', '--clean', '-t', 'linux/arm64'], dir);
  assert.equal(clean.exitCode, 0, clean.stderr);
  const cleaned = await assertConsistent(dist);
  assert.deepEqual(cleaned.artifacts.map((a) => a.target), ['linux/arm64']);
  assert.deepEqual(Object.keys(await snapshot(dist)).sort(), ['SHA256SUMS', 'hello_linux_arm64/hello', 'manifest.json']);
});

test('gocross build -f: SIGINT before anything completes keeps the previous good release byte-identical', { skip: lacks('go', 'sha256sum') }, async () => {
  const dir = await withRelease('gocross-force-sigint-');
  const dist = join(dir, 'dist');
  const before = await snapshot(dist);
  const child = spawn(process.execPath, [BIN, 'build', '-f', '-j', '1', '--json', '-t', TWO], { cwd: dir, env: cliEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
  let buffered = '';
  let interrupted = false;
  child.stdout.on('data', (chunk: Buffer) => {
    buffered += chunk.toString();
    // Interrupt while the first target's go build runs.
    if (!interrupted && buffered.includes('"target-start"')) {
      interrupted = true;
      child.kill('SIGINT');
    }
  });
  let stderr = '';
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  assert.ok(interrupted, stderr);
  assert.equal(code, 130, stderr);
  const after = await snapshot(dist);
  // The previous binaries are intact whatever the timing (a target that did complete is reproducible).
  for (const a of (await assertConsistent(dist)).artifacts) assert.equal(after[a.path], before[a.path], a.path);
  if (!buffered.includes('"target-done"')) assert.deepEqual(after, before, 'nothing completed, so nothing was published');
});

test('gocross build: a package argument or config main beginning with "-" is refused, never passed to go as a flag', { skip: lacks('go') }, async () => {
  const dir = await withRelease('gocross-dash-');
  const before = await snapshot(join(dir, 'dist'));
  const marker = join(dir, 'toolexec-ran');
  const arg = await gocross(['build', '-t', 'linux/amd64', '--', `-toolexec=/bin/touch ${marker}`], dir);
  assert.equal(arg.exitCode, 2, arg.stdout + arg.stderr);
  assert.match(arg.stderr, /a package path cannot begin with "-"/);
  await writeFile(join(dir, 'gocross.config.json'), JSON.stringify({ main: `-toolexec=/bin/touch ${marker}` }));
  const config = await gocross(['build', '-t', 'linux/amd64'], dir);
  assert.notEqual(config.exitCode, 0, config.stdout + config.stderr);
  assert.equal(existsSync(marker), false, 'go ran the -toolexec program');
  assert.deepEqual(await snapshot(join(dir, 'dist')), before);
});

test('gocross sbom -o DIR: same-named binaries from two dist folders get one SBOM each', { skip: lacks('go') }, async () => {
  const dir = await withRelease('gocross-sbom-names-');
  const out = await mkdtemp(join(tmpdir(), 'gocross-sbom-out-'));
  const inputs = ['dist/hello_linux_amd64/hello', 'dist/hello_linux_arm64/hello'];
  const r = await gocross(['sbom', '-o', out, ...inputs], dir);
  assert.equal(r.exitCode, 0, r.stderr);
  assert.deepEqual((await readdir(out)).sort(), ['hello_linux_amd64_hello.cdx.json', 'hello_linux_arm64_hello.cdx.json']);
  for (const input of inputs) {
    const doc: unknown = JSON.parse(await readFile(join(out, `${input.split('/')[1]}_hello.cdx.json`), 'utf8'));
    assert.equal(sha256Of(doc), createHash('sha256').update(await readFile(join(dir, input))).digest('hex'), input);
  }
});
