/**
 * End-to-end isolation and explanation of the Go env: `gocross env`, the user's GOENV file not
 * leaking into `gocross build`, `gocross targets`, and config / target errors at the CLI.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cp, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run } from '../src/process/run.ts';
import { parseGoEnvFile } from '../src/gobuild/goenv.ts';
import type { Manifest } from '../src/gobuild/manifest.ts';
import { CACHE, GO, REPO, goEnv, lacks } from './support/go.ts';

const BIN = join(REPO, 'src/cli/bin.ts');
const GOCACHE = join(CACHE, 'go-build');

async function scratch(prefix: string): Promise<{ dir: string; goenvFile: string }> {
  const root = await mkdtemp(join(tmpdir(), prefix));
  const dir = join(root, 'hello');
  await cp(join(REPO, 'examples/hello'), dir, { recursive: true });
  const goenvFile = join(root, 'user-go-env');
  // What a stray `go env -w GOARCH=riscv64 GOFLAGS=-tags=bad GOROOT=/bad/root GOPRIVATE=corp.example` leaves behind.
  await writeFile(goenvFile, 'GOARCH=riscv64\nGOFLAGS=-tags=bad\nGOROOT=/bad/root\nGOPRIVATE=corp.example\n');
  return { dir, goenvFile };
}

function gocross(args: string[], cwd: string, env: Record<string, string> = {}) {
  const { PATH, HOME } = process.env;
  return run(process.execPath, [BIN, ...args], { cwd, env: { PATH, HOME, GOCACHE, GOPROXY: 'off', NO_COLOR: '1', ...env }, reject: false, timeoutMs: 5 * 60_000 });
}

test("a user GOENV file with GOARCH=riscv64 and GOFLAGS=-tags=bad does not leak into builds (and does with --user-goenv)", { skip: lacks('go') }, async () => {
  const { dir, goenvFile } = await scratch('gocross-goenv-');
  const plain = await gocross(['build', '-t', 'linux/amd64', '-o', 'isolated'], dir, { GOENV: goenvFile });
  assert.equal(plain.exitCode, 0, plain.stderr);
  const isolated = (await run(GO!, ['version', '-m', join(dir, 'isolated/hello_linux_amd64/hello')], { env: goEnv() })).stdout;
  assert.match(isolated, /build\tGOARCH=amd64/);
  assert.doesNotMatch(isolated, /-tags/);
  const manifest = JSON.parse(await readFile(join(dir, 'isolated/manifest.json'), 'utf8')) as Manifest;
  assert.equal(manifest.artifacts[0]!.env.GOENV, 'off');
  assert.equal(manifest.artifacts[0]!.env.GOFLAGS, undefined);

  // The oracle can see a leak: with --user-goenv the file's GOFLAGS applies (GOARCH still does not).
  // GOROOT=/bad/root would break go itself, so this run uses a copy of the file without it.
  const withoutGoroot = `${goenvFile}-2`;
  await writeFile(withoutGoroot, 'GOARCH=riscv64\nGOFLAGS=-tags=bad\n');
  const leaky = await gocross(['build', '-t', 'linux/amd64', '-o', 'leaky', '--user-goenv'], dir, { GOENV: withoutGoroot });
  assert.equal(leaky.exitCode, 0, leaky.stderr);
  const leaked = (await run(GO!, ['version', '-m', join(dir, 'leaky/hello_linux_amd64/hello')], { env: goEnv() })).stdout;
  assert.match(leaked, /build\t-tags=bad/);
  assert.match(leaked, /build\tGOARCH=amd64/);
});

test('gocross env attributes each variable to its layer and warns about traps', { skip: lacks('go') }, async () => {
  const { dir, goenvFile } = await scratch('gocross-env-');
  const goroot = (await run(GO!, ['env', 'GOROOT'], { env: goEnv() })).stdout.trim();
  const gorootGoEnv = parseGoEnvFile(await readFile(join(goroot, 'go.env'), 'utf8').catch(() => ''));
  const r = await gocross(['env', '--target', 'linux/arm/7', '--json'], dir, { GOENV: goenvFile, GOFLAGS: '-v', GOARCH: 'mips' });
  assert.equal(r.exitCode, 0, r.stderr);
  const report = JSON.parse(r.stdout) as { schemaVersion: number; target: string; userGoenvFile: string; variables: Array<{ name: string; value: string; source: string }>; traps: Array<{ id: string; variable: string }> };
  assert.equal(report.schemaVersion, 1);
  assert.equal(report.userGoenvFile, goenvFile);
  const v = Object.fromEntries(report.variables.map((x) => [x.name, `${x.source}:${x.value}`]));
  assert.equal(v.GOARCH, 'gocross-target:arm');
  assert.equal(v.GOARM, 'gocross-target:7');
  assert.equal(v.GOOS, 'gocross-target:linux');
  assert.equal(v.CGO_ENABLED, 'gocross-target:0');
  assert.equal(v.GOFLAGS, 'process:-v');
  assert.equal(v.GOCACHE, `process:${GOCACHE}`);
  assert.equal(v.GOTOOLCHAIN, 'gocross:local');
  assert.equal(v.GOENV, 'gocross:off');
  assert.equal(v.GOPRIVATE, undefined, 'the GOENV file is not applied without --user-goenv');
  if (gorootGoEnv.GOSUMDB) assert.equal(v.GOSUMDB, `goroot-go.env:${gorootGoEnv.GOSUMDB}`);
  assert.equal(v.GOROOT, `default:${goroot}`);
  const traps = report.traps.map((t) => `${t.id}:${t.variable}`);
  for (const expected of ['goroot-in-goenv:GOROOT', 'goflags-leak:GOFLAGS', 'target-in-env:GOARCH']) assert.ok(traps.includes(expected), `${expected} in ${traps.join(', ')}`);

  const applied = await gocross(['env', '--json', '--user-goenv'], dir, { GOENV: goenvFile });
  const w = Object.fromEntries((JSON.parse(applied.stdout) as typeof report).variables.map((x) => [x.name, `${x.source}:${x.value}`]));
  assert.equal(w.GOPRIVATE, 'user-goenv:corp.example');
  assert.equal(w.GOFLAGS, 'user-goenv:-tags=bad');
  assert.equal(w.GOENV, `process:${goenvFile}`);

  const human = await gocross(['env'], dir, { GOENV: goenvFile });
  assert.match(human.stdout, /^GOTOOLCHAIN\s+\[gocross\]\s+local/m);
  assert.match(human.stderr, /warning: GOROOT=\/bad\/root is set in .*user-go-env/);
});

test('gocross targets --json lists the toolchain targets with first-class and cgo flags', { skip: lacks('go') }, async () => {
  const r = await gocross(['targets', '--json', 'linux/*'], REPO);
  assert.equal(r.exitCode, 0, r.stderr);
  const report = JSON.parse(r.stdout) as { toolchain: { version: string }; targets: Array<{ goos: string; goarch: string; firstClass: boolean; cgoSupported: boolean; run: string | null; variants: string[] }> };
  const oracle = JSON.parse((await run(GO!, ['tool', 'dist', 'list', '-json'], { env: goEnv() })).stdout) as Array<{ GOOS: string; GOARCH: string; FirstClass: boolean }>;
  assert.deepEqual(report.targets.map((t) => `${t.goos}/${t.goarch}`), oracle.filter((o) => o.GOOS === 'linux').map((o) => `${o.GOOS}/${o.GOARCH}`));
  const arm = report.targets.find((t) => t.goarch === 'arm')!;
  assert.equal(arm.firstClass, true);
  assert.deepEqual(arm.variants, ['5', '6', '7']);
  assert.equal(report.targets.find((t) => t.goarch === 'amd64')!.run, 'native');
});

const usageErrors: Array<[name: string, args: string[], config: string | null, message: RegExp]> = [
  ['an invalid variant lists the valid ones', ['build', '-t', 'linux/arm/8'], null, /Cannot use target linux\/arm\/8: GOARM=8 is not a valid value \(valid with go1\.\d+\.\d+: 5, 6, 7/],
  ['an unknown target lists the OS targets', ['build', '-t', 'linux/sparc64'], null, /not a target of Go go1\.\d+.*valid linux targets: linux\/386/],
  ['a config error names file, key path, expected and got', ['build'], 'build:\n  jobs: "four"\n', /gocross\.config\.yaml:2: build\.jobs: expected integer, got string "four"/],
  ['an unknown profile', ['build', '--profile', 'tiny'], null, /Cannot use build profile "tiny"/],
];
for (const [name, args, config, message] of usageErrors) {
  test(`gocross ${args.join(' ')}: ${name} (exit 2)`, { skip: lacks('go') }, async () => {
    const { dir } = await scratch('gocross-usage-');
    if (config) await writeFile(join(dir, 'gocross.config.yaml'), config);
    const r = await gocross(args, dir);
    assert.equal(r.exitCode, 2, r.stdout + r.stderr);
    assert.match(r.stderr, message);
  });
}
