import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import { FIXTURES, goBinary, lacks } from '../../../test/support/go.ts';
import type { Manifest, ManifestArtifact } from '../../gobuild/manifest.ts';
import { parseFacts, type ParsedFacts } from './facts.ts';
import { chooseArtifact } from './artifact.ts';
import { preflight } from './evaluate.ts';
import { readArtifactInfos } from './binaries.ts';

const fixture = async (name: string): Promise<string> => readFile(new URL(`testdata/${name}`, import.meta.url), 'utf8');
const x86Text = (): Promise<string> => fixture('x86_64-systemd-dash.txt');

/** A manifest entry for a file already on disk (only the fields preflight reads matter). */
function entry(target: string, file: string, size: number, env: Record<string, string> = {}): ManifestArtifact {
  const [goos, goarch, variant] = target.split('/') as [string, string, string | undefined];
  const name = goarch === 'arm' ? 'GOARM' : 'GOAMD64';
  return {
    target, goos, goarch, variant: variant ? { name, value: variant } : null, path: file, size, sha256: '0'.repeat(64), durationMs: 0, env, flags: [], cc: null,
    facts: null, inputKey: null, extraFiles: [], runId: null, builtAt: null,
  };
}
const fake = (target: string, env: Record<string, string> = {}): ManifestArtifact => entry(target, `/nonexistent/${target}`, 1, env);
const manifestOf = (artifacts: ManifestArtifact[]): Pick<Manifest, 'artifacts'> => ({ artifacts });

const x86 = async (level: string): Promise<ParsedFacts> => ({ ...parseFacts(await x86Text()), cpuLevel: { setting: 'GOAMD64', level } });
const armhfOnArm64 = async (goarm: string): Promise<ParsedFacts> => ({
  ...parseFacts(await fixture('aarch64-busybox-ash.txt')),
  goarch: 'arm',
  kernelGoarch: 'arm64',
  cpuLevel: { setting: 'GOARM', level: goarm },
});

const choices: Array<[string, () => Promise<ParsedFacts>, string[], string | null]> = [
  ['amd64 v3 device gets the v3 build', () => x86('v3'), ['linux/amd64', 'linux/amd64/v3', 'linux/amd64/v4', 'linux/arm64'], 'linux/amd64/v3'],
  ['amd64 v2 device gets the plain (v1) build', () => x86('v2'), ['linux/amd64/v3', 'linux/amd64'], 'linux/amd64'],
  ['amd64 v1 device with only a v3 build is refused', () => x86('v1'), ['linux/amd64/v3', 'linux/arm64'], null],
  ['arm64 device gets arm64, not arm', async () => parseFacts(await fixture('aarch64-busybox-ash.txt')), ['linux/arm/7', 'linux/arm64'], 'linux/arm64'],
  ['armhf userland on an arm64 kernel gets arm, the highest GOARM it has', () => armhfOnArm64('7'), ['linux/arm64', 'linux/arm/6', 'linux/arm/7'], 'linux/arm/7'],
  ['GOARM 6 device gets arm/6', () => armhfOnArm64('6'), ['linux/arm/5', 'linux/arm/7', 'linux/arm/6'], 'linux/arm/6'],
  ['GOARM 6 device with only arm/7 is refused', () => armhfOnArm64('6'), ['linux/arm/7', 'linux/arm64'], null],
  ['GOARM 6 device and an arm build without variant (Go default 7) is refused', () => armhfOnArm64('6'), ['linux/arm'], null],
];
for (const [why, facts, targets, expected] of choices) {
  test(`chooseArtifact(): ${why}`, async () => {
    const choice = chooseArtifact(manifestOf(targets.map((t) => fake(t))), await facts(), 'auto');
    assert.equal(choice.ok ? choice.artifact.target : null, expected);
  });
}

test('chooseArtifact() reads the level from the build environment when the target has no variant', async () => {
  const choice = chooseArtifact(manifestOf([fake('linux/arm', { GOARM: '6' })]), await armhfOnArm64('6'), 'auto');
  assert.equal(choice.ok && choice.artifact.target, 'linux/arm');
});

test('chooseArtifact() refuses naming what dist/ has, what the device is, and the build that would fit', async () => {
  const choice = chooseArtifact(manifestOf([fake('linux/arm/7'), fake('linux/amd64')]), await armhfOnArm64('6'), 'auto');
  assert.equal(choice.ok, false);
  assert.ok(!choice.ok);
  assert.match(choice.reason, /no artifact in dist\/ runs on this device \(linux\/arm on a aarch64 kernel, ARMv6, glibc 2\.36\): its arm artifacts \(linux\/arm\/7\) need a newer CPU/);
  assert.equal(choice.fix, 'gocross build -t linux/arm/6');
});

test('chooseArtifact() with a fixed target takes it only when the device runs it', async () => {
  const m = manifestOf([fake('linux/arm/6'), fake('linux/arm/7')]);
  const ok = chooseArtifact(m, await armhfOnArm64('6'), 'linux/arm/6');
  assert.equal(ok.ok && ok.artifact.target, 'linux/arm/6');
  const refused = chooseArtifact(m, await armhfOnArm64('6'), 'linux/arm/7');
  assert.ok(!refused.ok && /deploy\.service\.target linux\/arm\/7 does not run on this device/.test(refused.reason));
  const missing = chooseArtifact(m, await armhfOnArm64('6'), 'linux/arm64');
  assert.ok(!missing.ok && missing.fix === 'gocross build -t linux/arm64');
});

/** Real artifacts: static hello for amd64/arm64/arm 6, and a cgo amd64 program linked on this host (glibc 2.36: needs GLIBC_2.34). */
async function realDist(): Promise<{ manifest: Pick<Manifest, 'artifacts'>; dir: string; cgo: ManifestArtifact }> {
  const files = {
    'linux/amd64': await goBinary({ goos: 'linux', goarch: 'amd64', flags: ['-ldflags=-s -w'] }),
    'linux/arm64': await goBinary({ goos: 'linux', goarch: 'arm64', flags: ['-ldflags=-s -w'] }),
    'linux/arm/6': await goBinary({ goos: 'linux', goarch: 'arm', env: { GOARM: '6' }, flags: ['-ldflags=-s -w'] }),
  };
  const cgoFile = await goBinary({ goos: 'linux', goarch: 'amd64', env: { CGO_ENABLED: '1' }, dir: `${FIXTURES}/cgo`, name: 'cgohello-amd64' });
  const artifacts = await Promise.all(Object.entries(files).map(async ([t, f]) => entry(t, f, (await stat(f)).size)));
  const cgo = entry('linux/amd64', cgoFile, (await stat(cgoFile)).size);
  return { manifest: manifestOf(artifacts), dir: dirname(files['linux/amd64']), cgo };
}

const codes = (findings: Array<{ status: string; code?: string }>): string[] => findings.filter((f) => f.status === 'fail').map((f) => f.code ?? '');

test('preflight() passes a static amd64 build on the real x86_64 glibc 2.36 systemd device', { skip: lacks('go') }, async () => {
  const { manifest, dir } = await realDist();
  const verdict = preflight({ host: 'dev1', facts: await x86('v3'), manifest, target: 'auto', binaries: await readArtifactInfos(manifest, dir) });
  assert.deepEqual(codes(verdict.findings), []);
  assert.equal(verdict.ok, true);
  assert.equal(verdict.artifact?.target, 'linux/amd64');
  assert.ok(verdict.findings.every((f) => f.subject === 'dev1'));
});

test('preflight() refuses the real arm64 BusyBox device: no systemd, no systemd-run, but the artifact itself fits', { skip: lacks('go') }, async () => {
  const { manifest, dir } = await realDist();
  const facts = parseFacts(await fixture('aarch64-busybox-ash.txt'));
  const verdict = preflight({ host: 'router', facts, manifest, target: 'auto', binaries: await readArtifactInfos(manifest, dir) });
  assert.equal(verdict.ok, false);
  assert.equal(verdict.artifact?.target, 'linux/arm64');
  assert.deepEqual(codes(verdict.findings), ['preflight/init', 'preflight/tools']);
  const init = verdict.findings.find((f) => f.code === 'preflight/init')!;
  assert.equal(init.message, 'router has no systemd (init: sh): gocross deploy installs a systemd unit');
  assert.ok(verdict.findings.some((f) => f.status === 'warn' && f.code === 'preflight/space'), 'df gave no answer: warned, not refused');
});

test('preflight() on an armhf userland with an arm64 kernel chooses the arm build and says why', { skip: lacks('go') }, async () => {
  const { manifest, dir } = await realDist();
  const facts = { ...(await armhfOnArm64('7')), init: 'systemd' as const, tools: ['sha256sum', 'systemd-run', 'systemd-analyze'], freeBytes: 1 << 30 };
  const verdict = preflight({ host: 'pi', facts, manifest, target: 'auto', binaries: await readArtifactInfos(manifest, dir) });
  assert.equal(verdict.artifact?.target, 'linux/arm/6');
  assert.equal(verdict.ok, true);
  assert.ok(verdict.findings.some((f) => f.status === 'info' && /the kernel is aarch64 but the userland \(\/bin\/sh\) is arm/.test(f.message)));
});

test('preflight() refuses a cgo build needing GLIBC_2.34 on a glibc 2.31 device, in compat\'s words', { skip: lacks('go', 'gcc') }, async () => {
  const { cgo } = await realDist();
  const manifest = manifestOf([cgo]);
  const binaries = await readArtifactInfos(manifest, '/');
  const facts = { ...(await x86('v3')), libc: { kind: 'glibc' as const, version: '2.31' } };
  const verdict = preflight({ host: 'old', facts, manifest, target: 'auto', binaries });
  assert.equal(verdict.ok, false);
  const refusal = verdict.findings.find((f) => f.code === 'compat/symbol-version');
  assert.ok(refusal, JSON.stringify(verdict.findings));
  assert.match(refusal.message, /GLIBC_2\.34/);
  assert.match(refusal.message, /old/);
  assert.ok(refusal.fix);
  // The same binary passes on the real glibc 2.36 device.
  assert.equal(preflight({ host: 'new', facts: await x86('v3'), manifest, target: 'auto', binaries }).ok, true);
});

test('preflight() refuses a glibc-dynamic build on a musl device', { skip: lacks('go', 'gcc') }, async () => {
  const { cgo } = await realDist();
  const manifest = manifestOf([cgo]);
  // The real x86_64 capture as an Alpine-like device: no glibc lines, the musl loader instead.
  const text = (await x86Text())
    .split('\n')
    .filter((l) => !/^(glibc|ldd|libc_so|libc_so_version)=/.test(l))
    .join('\n')
    .concat('musl=/lib/ld-musl-x86_64.so.1\nmusl_version=1.2.4\n');
  const facts = { ...parseFacts(text), cpuLevel: { setting: 'GOAMD64' as const, level: 'v3' } };
  assert.deepEqual(facts.libc, { kind: 'musl', version: '1.2.4' });
  const verdict = preflight({ host: 'alpine', facts, manifest, target: 'auto', binaries: await readArtifactInfos(manifest, '/') });
  assert.equal(verdict.ok, false);
  assert.ok(codes(verdict.findings).includes('compat/libc'), JSON.stringify(verdict.findings));
  assert.ok(verdict.findings.some((f) => /ld-linux-x86-64\.so\.2/.test(f.message) && /musl/.test(f.message)));
});

test('preflight() refuses a device without room for two copies of the artifact', { skip: lacks('go') }, async () => {
  const { manifest, dir } = await realDist();
  const facts = { ...(await x86('v3')), freeBytes: 1024 * 1024 };
  const verdict = preflight({ host: 'full', facts, manifest, target: 'auto', binaries: await readArtifactInfos(manifest, dir) });
  assert.deepEqual(codes(verdict.findings), ['preflight/space']);
  assert.match(verdict.findings.find((f) => f.code === 'preflight/space')!.message, /^full has 1\.0 MiB free in the base directory; \d+\.\d MiB needed/);
});
