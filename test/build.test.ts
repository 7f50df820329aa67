/**
 * End-to-end `gocross build`: real go builds of examples/hello (copied to temp dirs), checked
 * against sha256sum, file(1), `go version -m` and readelf as oracles.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { cp, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { run } from '../src/process/run.ts';
import { chooseToolchain } from '../src/gobuild/toolchains.ts';
import { listTargets } from '../src/gobuild/dist-list.ts';
import { parseTargets } from '../src/platform/target-syntax.ts';
import { buildMatrix } from '../src/gobuild/runner.ts';
import { checkReproducible, compareBuilds } from '../src/gobuild/reproducible.ts';
import type { Manifest } from '../src/gobuild/manifest.ts';
import { CACHE, FIXTURES, GO, REPO, goEnv, lacks } from './support/go.ts';

const BIN = join(REPO, 'src/cli/bin.ts');
const EXAMPLE = join(REPO, 'examples/hello');
const GOCACHE = join(CACHE, 'go-build');

/** The environment the CLI runs in: the user's ordinary one, with the shared test cache. */
function cliEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const { PATH, HOME } = process.env;
  return { PATH, HOME, GOCACHE, GOMODCACHE: join(CACHE, 'gopath/pkg/mod'), GOPROXY: 'off', NO_COLOR: '1', ...extra };
}

async function copyExample(prefix: string, from = EXAMPLE): Promise<string> {
  const dir = join(await mkdtemp(join(tmpdir(), prefix)), 'hello');
  await cp(from, dir, { recursive: true });
  return dir;
}

function gocross(args: string[], cwd: string, env = cliEnv()) {
  return run(process.execPath, [BIN, ...args], { cwd, env, reject: false, timeoutMs: 5 * 60_000 });
}

async function filesUnder(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(dir, { withFileTypes: true, recursive: true })) if (!e.isDirectory()) out.push(relative(dir, join(e.parentPath, e.name)));
  return out.sort();
}

const MATRIX = 'linux/amd64,linux/amd64/v3,linux/arm/7,linux/arm64,linux/386,linux/riscv64,linux/ppc64le,windows/amd64,darwin/arm64,linux/mips64';

test('gocross build: a 10-target matrix with arm/7 and GOAMD64=v3, one broken target failing alone', { skip: lacks('go', 'sha256sum', 'file') }, async () => {
  const dir = await copyExample('gocross-matrix-');
  await writeFile(join(dir, 'broken_mips64.go'), '//go:build linux && mips64\n\npackage main\n\nvar broken int = "not an int"\n');
  const r = await gocross(['build', '-t', MATRIX], dir, cliEnv({ SOURCE_DATE_EPOCH: '1700000000' }));
  assert.equal(r.exitCode, 1, r.stderr);
  assert.match(r.stdout, /Built 9 of 10 targets/);
  assert.match(r.stdout, /linux\/mips64 failed:\n\s+# example\.com\/hello\n\s+\.\/broken_mips64\.go:5:18: cannot use "not an int"/);

  const manifest = JSON.parse(await readFile(join(dir, 'dist/manifest.json'), 'utf8')) as Manifest;
  assert.equal(manifest.schemaVersion, 1);
  assert.equal(manifest.toolchain.version, (await run(GO!, ['env', 'GOVERSION'], { env: goEnv() })).stdout.trim());
  assert.deepEqual(manifest.artifacts.map((a) => a.target).sort(), MATRIX.split(',').filter((t) => t !== 'linux/mips64').sort());
  assert.deepEqual(manifest.failures.map((f) => f.target), ['linux/mips64']);
  assert.ok(manifest.failures[0]!.errorLines.some((l) => l.includes('broken_mips64.go:5:18')));
  const byTarget = new Map(manifest.artifacts.map((a) => [a.target, a]));
  assert.equal(byTarget.get('linux/arm/7')!.env.GOARM, '7');
  assert.equal(byTarget.get('linux/amd64/v3')!.env.GOAMD64, 'v3');
  assert.equal(byTarget.get('linux/arm/7')!.path, 'hello_linux_arm_7/hello');
  assert.equal(byTarget.get('windows/amd64')!.path, 'hello_windows_amd64/hello.exe');
  for (const a of manifest.artifacts) assert.deepEqual(a.flags.slice(0, 2), ['-trimpath', '-buildvcs=false']);

  // Oracles: sha256sum -c, file(1), go version -m.
  const sums = await run('sha256sum', ['-c', 'SHA256SUMS'], { cwd: join(dir, 'dist'), reject: false });
  assert.equal(sums.exitCode, 0, sums.stdout + sums.stderr);
  assert.equal(sums.stdout.trim().split('\n').length, 9);
  assert.match((await run('file', ['-b', join(dir, 'dist/hello_linux_arm_7/hello')])).stdout, /ELF 32-bit LSB executable, ARM, EABI5/);
  assert.match((await run('file', ['-b', join(dir, 'dist/hello_linux_riscv64/hello')])).stdout, /RISC-V/);
  assert.match((await run('file', ['-b', join(dir, 'dist/hello_darwin_arm64/hello')])).stdout, /Mach-O 64-bit arm64/);
  const armInfo = (await run(GO!, ['version', '-m', join(dir, 'dist/hello_linux_arm_7/hello')], { env: goEnv() })).stdout;
  assert.match(armInfo, /build\tGOARM=7/);
  assert.match(armInfo, /build\t-trimpath=true/);
  assert.match((await run(GO!, ['version', '-m', join(dir, 'dist/hello_linux_amd64_v3/hello')], { env: goEnv() })).stdout, /build\tGOAMD64=v3/);
  // The version stamp reaches the program, with the date from SOURCE_DATE_EPOCH, not the clock.
  const version = await run(join(dir, 'dist/hello_linux_amd64/hello'), ['--version']);
  assert.equal(version.stdout.trim(), 'hello dev (commit none, built from 2023-11-14T22:13:20Z) linux/amd64');
  // Nothing but listed artifacts, the manifest and the sums are left in dist/.
  assert.deepEqual(await filesUnder(join(dir, 'dist')), ['SHA256SUMS', 'manifest.json', ...manifest.artifacts.map((a) => a.path)].sort());
});

test('gocross build: manifest carries the reader facts (static Go binary)', { skip: lacks('go') }, async () => {
  const dir = await copyExample('gocross-facts-');
  const r = await gocross(['build', '-t', 'linux/arm64'], dir);
  assert.equal(r.exitCode, 0, r.stderr);
  const manifest = JSON.parse(await readFile(join(dir, 'dist/manifest.json'), 'utf8')) as Manifest;
  const facts = manifest.artifacts[0]!.facts!;
  assert.equal(facts.linkage, 'static');
  assert.equal(facts.goarch, 'arm64');
  assert.equal(facts.requiredGlibc, null);
});

test('gocross build --cgo linux/arm64 with Debian cross gcc: dynamic, needs GLIBC_2.34', { skip: lacks('go', 'aarch64-linux-gnu-gcc', 'readelf') }, async () => {
  const dir = await copyExample('gocross-cgo-', join(FIXTURES, 'cgo'));
  const r = await gocross(['build', '--cgo', '-t', 'linux/arm64'], dir);
  assert.equal(r.exitCode, 0, r.stderr + r.stdout);
  const manifest = JSON.parse(await readFile(join(dir, 'dist/manifest.json'), 'utf8')) as Manifest;
  const a = manifest.artifacts[0]!;
  assert.equal(a.cc, 'aarch64-linux-gnu-gcc');
  assert.equal(a.env.CGO_ENABLED, '1');
  assert.equal(a.env.CC, 'aarch64-linux-gnu-gcc');
  assert.equal(a.facts?.linkage, 'dynamic');
  assert.equal(a.facts?.interpreter, '/lib/ld-linux-aarch64.so.1');
  assert.equal(a.facts?.requiredGlibc, '2.34');
  // Oracle: readelf sees the same symbol version.
  assert.match((await run('readelf', ['-V', '-W', join(dir, 'dist', a.path)])).stdout, /GLIBC_2\.34/);
});

test('gocross build: SIGINT mid-build leaves no file in dist/ that the manifest does not list', { skip: lacks('go') }, async () => {
  const dir = await copyExample('gocross-sigint-');
  const targets = 'linux/amd64,linux/arm64,linux/arm/7,linux/386,linux/riscv64,windows/amd64';
  const child = spawn(process.execPath, [BIN, 'build', '-j', '1', '--json', '-t', targets], { cwd: dir, env: cliEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
  let buffered = '';
  let interrupted = false;
  child.stdout.on('data', (chunk: Buffer) => {
    buffered += chunk.toString();
    for (const line of buffered.split('\n').slice(0, -1)) {
      const e = JSON.parse(line) as { type: string };
      // Interrupt while the second target is building.
      if (!interrupted && e.type === 'target-start' && buffered.includes('"target-done"')) {
        interrupted = true;
        child.kill('SIGINT');
      }
    }
  });
  let stderr = '';
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  assert.ok(interrupted, `the build finished before it could be interrupted: ${stderr}`);
  assert.equal(code, 130, stderr);
  const events = buffered.trim().split('\n').map((l) => JSON.parse(l) as { type: string; cancelled?: number });
  assert.ok(events.some((e) => e.type === 'target-cancelled'));
  const manifest = JSON.parse(await readFile(join(dir, 'dist/manifest.json'), 'utf8')) as Manifest;
  assert.equal(manifest.interrupted, true);
  assert.ok(manifest.artifacts.length >= 1 && manifest.artifacts.length < 6, `${manifest.artifacts.length} artifacts`);
  assert.deepEqual(await filesUnder(join(dir, 'dist')), ['SHA256SUMS', 'manifest.json', ...manifest.artifacts.map((a) => a.path)].sort());
  // A rerun with --clean replaces the interrupted state with a complete one (without it, the
  // other completed targets would stay, listed).
  const again = await gocross(['build', '--clean', '-t', 'linux/amd64'], dir);
  assert.equal(again.exitCode, 0, again.stderr);
  assert.deepEqual(await filesUnder(join(dir, 'dist')), ['SHA256SUMS', 'hello_linux_amd64/hello', 'manifest.json']);
});

test('gocross build keeps unchanged artifacts, rebuilds after a source change, and --force rebuilds all', { skip: lacks('go') }, async () => {
  const dir = await copyExample('gocross-reuse-');
  const events = async (args: string[]) => {
    const r = await gocross(['build', '--json', '-t', 'linux/amd64,linux/arm64', ...args], dir);
    assert.equal(r.exitCode, 0, r.stderr);
    return r.stdout.trim().split('\n').map((l) => JSON.parse(l) as { type: string; reused?: boolean; sha256?: string }).filter((e) => e.type === 'target-done');
  };
  const first = await events([]);
  assert.deepEqual(first.map((e) => e.reused), [false, false]);
  const second = await events([]);
  assert.deepEqual(second.map((e) => e.reused), [true, true]);
  assert.deepEqual(second.map((e) => e.sha256).sort(), first.map((e) => e.sha256).sort());
  await writeFile(join(dir, 'extra.go'), 'package main\n\nvar extra = 1\n');
  assert.deepEqual((await events([])).map((e) => e.reused), [false, false]);
  assert.deepEqual((await events(['--force'])).map((e) => e.reused), [false, false]);
  const manifest = JSON.parse(await readFile(join(dir, 'dist/manifest.json'), 'utf8')) as Manifest;
  assert.ok(manifest.artifacts.every((a) => /^[0-9a-f]{64}$/.test(a.inputKey ?? '')));
});

test('buildMatrix(): two copies of the example in different directories give the same hashes', { skip: lacks('go') }, async () => {
  const toolchain = await chooseToolchain({ go: GO! });
  const targets = parseTargets('linux/arm64,windows/amd64,linux/arm/7', await listTargets(toolchain), toolchain.version);
  const a = await copyExample('gocross-repro-a-');
  const b = join(await copyExample('gocross-repro-b-with-a-longer-path-'), '..', 'deeper');
  await cp(a, b, { recursive: true });
  const env = cliEnv();
  const first = await buildMatrix({ toolchain, targets, dir: a, cache: GOCACHE, processEnv: env, inspect: false });
  const second = await buildMatrix({ toolchain, targets, dir: b, cache: GOCACHE, processEnv: env, inspect: false });
  assert.ok(first.ok && second.ok);
  assert.deepEqual(second.results.map((r) => r.sha256), first.results.map((r) => r.sha256));
  assert.ok(first.results.every((r) => /^[0-9a-f]{64}$/.test(r.sha256 ?? '')));
  const secondEvents: string[] = [];
  const firstEvents: string[] = [];
  const report = await checkReproducible(
    first,
    { toolchain, targets, dir: a, cache: GOCACHE, processEnv: env, inspect: false, onEvent: (e) => firstEvents.push(e.type) },
    { freshCache: false, onEvent: (e) => secondEvents.push(e.type) },
  );
  assert.equal(report.identical, true, JSON.stringify(report));
  assert.equal(report.compared, 3);
  // The second build's events go to the check's listener (the CLI's "second build: N/M targets"), never to the first build's.
  assert.deepEqual(firstEvents, []);
  assert.equal(secondEvents[0], 'start');
  assert.equal(secondEvents.at(-1), 'finish');
  assert.equal(secondEvents.filter((t) => t === 'target-done').length, 3);
});

test('buildMatrix(): `order` decides which build starts first; results and the manifest keep the targets\' order', { skip: lacks('go') }, async () => {
  const toolchain = await chooseToolchain({ go: GO! });
  const targets = parseTargets('linux/arm64,linux/riscv64,linux/amd64', await listTargets(toolchain), toolchain.version);
  const dir = await copyExample('gocross-order-');
  const started: string[] = [];
  const result = await buildMatrix({
    toolchain, targets, dir, cache: GOCACHE, processEnv: cliEnv(), inspect: false, jobs: 1, order: ['linux/amd64', 'linux/riscv64'],
    onEvent: (e) => void (e.type === 'target-start' && started.push(e.target)),
  });
  assert.ok(result.ok);
  assert.deepEqual(started, ['linux/amd64', 'linux/riscv64', 'linux/arm64']);
  assert.deepEqual(result.results.map((r) => r.target.id), ['linux/arm64', 'linux/riscv64', 'linux/amd64']);
  const manifest = JSON.parse(await readFile(result.manifestPath!, 'utf8')) as Manifest;
  assert.deepEqual(manifest.artifacts.map((a) => a.target), ['linux/arm64', 'linux/riscv64', 'linux/amd64']);
});

test('compareBuilds() names the first differing target', () => {
  const res = (id: string, sha: string) => ({ target: { goos: 'linux', goarch: id, id: `linux/${id}` }, status: 'done', ok: true, sha256: sha }) as never;
  const build = (results: unknown[]) => ({ results }) as never;
  const report = compareBuilds(build([res('amd64', 'a'), res('arm64', 'b'), res('386', 'c')]), build([res('amd64', 'a'), res('arm64', 'x'), res('386', 'y')]));
  assert.equal(report.identical, false);
  assert.equal(report.firstDifference, 'linux/arm64');
  assert.deepEqual(report.differences.map((d) => d.target), ['linux/arm64', 'linux/386']);
});
