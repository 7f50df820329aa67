/** `gocross run` end to end on real Go binaries: static foreign arches, a dynamic CGO arm64 binary, exit codes, signals, timeout. */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { planRun, type HostRunFacts } from '../src/emulate/run/plan.ts';
import { startBinary } from '../src/emulate/run/execute.ts';
import { run } from '../src/process/run.ts';
import { FIXTURES, goBinary, lacks, REPO } from './support/go.ts';
import type { BinaryInfo } from '../src/binary/types.ts';

const gocross = (args: string[]) => run(process.execPath, [join(REPO, 'src/cli/bin.ts'), ...args], { reject: false, timeoutMs: 120_000 });

for (const goarch of ['arm64', 'arm', 'riscv64', 'ppc64le', 's390x', 'mips64le', 'mips', 'loong64']) {
  test(`gocross run executes a static linux/${goarch} Go binary under QEMU and passes arguments`, { skip: lacks('go', 'qemu-aarch64-static') }, async () => {
    const bin = await goBinary({ goos: 'linux', goarch });
    const r = await gocross(['run', bin, '--', 'args', 'x', 'y z']);
    assert.equal(r.exitCode, 0, r.stderr);
    assert.equal(r.stdout.trim(), '[x y z]');
  });
}

test('gocross run runs a dynamic CGO linux/arm64 binary with the Debian cross sysroot (-L)', { skip: lacks('go', 'aarch64-linux-gnu-gcc', 'qemu-aarch64-static') }, async () => {
  const bin = await goBinary({ goos: 'linux', goarch: 'arm64', dir: join(FIXTURES, 'cgo'), env: { CGO_ENABLED: '1', CC: 'aarch64-linux-gnu-gcc' }, name: 'cgo-arm64' });
  const r = await gocross(['run', bin, '--explain']);
  assert.equal(r.exitCode, 0, r.stderr);
  assert.equal(r.stdout.trim(), 'cgo says 42');
  assert.match(r.stderr, /-L \/usr\/aarch64-linux-gnu/);
  const missing = await gocross(['run', bin, '--sysroot', '/nonexistent']);
  assert.equal(missing.exitCode, 1);
  assert.match(missing.stderr, /Cannot run linux\/arm64 binary: it is dynamically linked .*ld-linux-aarch64.so.1.*\(install libc6-arm64-cross, or pass --sysroot DIR\)/);
});

test('gocross run passes exit codes, signals (128+N) and environment through, and kills the tree on timeout', { skip: lacks('go', 'qemu-aarch64-static') }, async () => {
  const bin = await goBinary({ goos: 'linux', goarch: 'arm64' });
  assert.equal((await gocross(['run', bin, '--', 'exit', '7'])).exitCode, 7);
  assert.equal((await gocross(['run', bin, '--', 'kill'])).exitCode, 128 + 15);
  assert.equal((await gocross(['run', bin, '--env', 'GREETING=hi there', '--', 'env', 'GREETING'])).stdout.trim(), 'hi there');
  const t = await gocross(['run', bin, '--timeout', '1', '--', 'sleep', '30']);
  assert.equal(t.exitCode, 124);
  assert.match(t.stderr, /timed out after 1 s; its process tree was killed/);
});

test('startBinary() starts a program under emulation and kill() stops its whole tree', { skip: lacks('go', 'qemu-aarch64-static') }, async () => {
  const bin = await goBinary({ goos: 'linux', goarch: 'arm64' });
  const s = await startBinary(bin, { args: ['sleep', '30'] });
  assert.equal(s.plan.kind, 'qemu');
  s.kill();
  const e = await s.exited;
  assert.equal(e.signal, 'SIGKILL');
  assert.throws(() => process.kill(s.pid, 0), /ESRCH/);
});

const host: HostRunFacts = { goos: 'linux', goarch: 'amd64', nativeExtra: [], qemu: null, sysroot: null, wine: null };
const info = (over: Partial<BinaryInfo>): BinaryInfo => ({ format: 'elf', goos: 'linux', goarch: 'arm64', machine: 'AArch64', bits: 64, endian: 'little', kind: 'executable', pie: false, linkage: 'static', interpreter: null, needed: [], rpath: [], runpath: [], versionNeeds: [], requiredGlibc: null, buildId: { gnu: null, go: null }, stripped: false, debugInfo: false, security: { nx: true, relro: 'none', pie: false, canary: false, rpath: false, runpath: false }, sections: [], segments: [], go: null, details: {}, warnings: [], ...over }) as BinaryInfo;

const PLANS: [string, BinaryInfo, HostRunFacts, RegExp][] = [
  ['darwin on Linux', info({ format: 'macho', goos: 'darwin' }), host, /Cannot run darwin\/arm64 binary: there is no user-mode emulator for macOS on linux \(run it on a Mac/],
  ['windows without Wine', info({ format: 'pe', goos: 'windows', goarch: 'amd64' }), host, /Wine is not installed \(install Wine/],
  ['windows amd64 without wine64', info({ format: 'pe', goos: 'windows', goarch: 'amd64' }), { ...host, wine: { path: '/usr/bin/wine', version: '8.0', has64: false } }, /wine64 is not installed/],
  ['Go 1.22 windows under Wine 8', info({ format: 'pe', goos: 'windows', goarch: 'amd64', go: { version: 'go1.22.1', path: 'x', main: null, deps: [], settings: {} } }), { ...host, wine: { path: '/usr/bin/wine', version: '8.0', has64: true } }, /bcryptprimitives\.dll/],
  ['foreign arm64 without QEMU', info({}), host, /no qemu-aarch64-static or qemu-aarch64 found \(install qemu-user-static/],
  ['a shared library', info({ kind: 'shared-library' }), host, /not an executable/],
];
for (const [label, i, h, pattern] of PLANS) {
  test(`planRun() refuses ${label} with the reason and the fix`, () => {
    const p = planRun(i, h);
    assert.equal(p.kind, 'refuse');
    assert.match(`${p.error} (${p.fix})`, pattern);
  });
}

test('planRun() picks native for the host arch, Wine 9 for Go 1.22 windows, and offers (not forces) asyncpreemptoff under QEMU', () => {
  assert.equal(planRun(info({ goarch: 'amd64' }), host).kind, 'native');
  const wine = planRun(info({ format: 'pe', goos: 'windows', goarch: 'amd64', go: { version: 'go1.22.1', path: 'x', main: null, deps: [], settings: {} } }), { ...host, wine: { path: '/usr/bin/wine', version: '9.0', has64: true } });
  assert.equal(wine.kind, 'wine');
  const q = planRun(info({ goarch: '386', go: { version: 'go1.23.5', path: 'x', main: null, deps: [], settings: {} } }), { ...host, qemu: { path: '/usr/bin/qemu-i386-static', static: true, version: '7.2.22' } });
  assert.equal(q.kind, 'qemu');
  assert.deepEqual(q.env, {});
  assert.ok(q.hints.some((h) => /asyncpreemptoff=1/.test(h)));
  assert.deepEqual(planRun(info({ goarch: '386' }), { ...host, qemu: { path: '/q', static: true, version: null } }, { asyncPreemptOff: true }).env, { GODEBUG: 'asyncpreemptoff=1' });
});
