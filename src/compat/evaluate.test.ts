import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { BinaryInfo } from '../binary/types.ts';
import { evaluate } from './evaluate.ts';
import { builtinProfiles, findProfile } from './profiles.ts';
import { widestStatement } from './widest.ts';
import type { Profile } from './types.ts';

/** A BinaryInfo with only the fields compat reads; the rest neutral. */
function binary(over: Partial<BinaryInfo> & { settings?: Record<string, string>; goVersion?: string | null } = {}): BinaryInfo {
  const { settings, goVersion, ...rest } = over;
  const goarch = rest.goarch ?? 'amd64';
  return {
    format: 'elf', goos: 'linux', goarch, machine: 'x86-64', bits: 64, endian: 'little', kind: 'executable', pie: false,
    linkage: 'static', interpreter: null, needed: [], rpath: [], runpath: [], versionNeeds: [], requiredGlibc: null,
    buildId: { gnu: null, go: null }, stripped: false, debugInfo: true, security: { nx: true, relro: 'none', pie: false, canary: false, rpath: false, runpath: false },
    sections: [], segments: [], details: {}, warnings: [],
    go: goVersion === null ? null : { version: goVersion ?? 'go1.23.5', path: 'example.com/app', main: null, deps: [], settings: { GOOS: 'linux', GOARCH: goarch, ...settings } },
    ...rest,
  };
}

const profile = (id: string): Profile => {
  const p = findProfile(builtinProfiles, id);
  assert.ok(p, `profile ${id}`);
  return p;
};

const glibc234 = {
  linkage: 'dynamic' as const, interpreter: '/lib64/ld-linux-x86-64.so.2', needed: ['libc.so.6'], requiredGlibc: '2.34',
  versionNeeds: [{ file: 'libc.so.6', versions: ['GLIBC_2.2.5', 'GLIBC_2.34'], symbols: { 'GLIBC_2.2.5': ['malloc'], 'GLIBC_2.34': ['__libc_start_main', 'pthread_create'] } }],
};

const v3Note = { x86IsaNeeded: ['x86-64-baseline', 'x86-64-v2', 'x86-64-v3'], x86Features: [], aarch64Features: [] };

describe('evaluate()', () => {
  const cases: Array<{ name: string; info: BinaryInfo; on: string; runs: boolean; codes?: string[]; mentions?: string[] }> = [
    { name: 'a static amd64 Go binary runs on centos7', info: binary(), on: 'centos7', runs: true },
    { name: 'a static amd64 Go binary does not run on raspios12 (arm only)', info: binary(), on: 'raspios12', runs: false, codes: ['arch'] },
    { name: 'GLIBC_2.34 fails on rocky8 naming the symbols', info: binary(glibc234), on: 'rocky8', runs: false, codes: ['symbol-version'], mentions: ['GLIBC_2.34', '__libc_start_main@GLIBC_2.34', 'pthread_create@GLIBC_2.34', 'libc.so.6'] },
    { name: 'GLIBC_2.34 runs on rocky9', info: binary(glibc234), on: 'rocky9', runs: true },
    { name: 'a glibc loader is absent on alpine', info: binary(glibc234), on: 'alpine3.19', runs: false, codes: ['libc', 'libc'], mentions: ['/lib64/ld-linux-x86-64.so.2'] },
    { name: 'a musl loader is absent on debian12', info: binary({ linkage: 'dynamic', interpreter: '/lib/ld-musl-x86_64.so.1', needed: ['libc.musl-x86_64.so.1'] }), on: 'debian12', runs: false, codes: ['libc'], mentions: ['musl'] },
    { name: 'a musl binary runs on alpine', info: binary({ linkage: 'dynamic', interpreter: '/lib/ld-musl-x86_64.so.1', needed: ['libc.musl-x86_64.so.1'] }), on: 'alpine3.19', runs: true },
    { name: 'a glibc binary with the wrong loader path fails', info: binary({ ...glibc234, interpreter: '/lib/ld-linux-aarch64.so.1' }), on: 'debian12', runs: false, codes: ['interpreter'] },
    { name: 'GOAMD64=v3 fails the x86-64-v2 baseline of rocky9', info: binary({ settings: { GOAMD64: 'v3' } }), on: 'rocky9', runs: false, codes: ['cpu-level'], mentions: ['x86-64-v3', 'x86-64-v2'] },
    { name: 'GOAMD64=v3 runs on rocky10 (v3 baseline)', info: binary({ settings: { GOAMD64: 'v3' } }), on: 'rocky10', runs: true },
    { name: 'GOAMD64=v2 runs on rocky9', info: binary({ settings: { GOAMD64: 'v2' } }), on: 'rocky9', runs: true },
    { name: 'a cgo binary whose GNU property note needs x86-64-v3 fails rocky9 though GOAMD64=v1', info: binary({ ...glibc234, settings: { GOAMD64: 'v1' }, gnuProperties: v3Note }), on: 'rocky9', runs: false, codes: ['cpu-level'], mentions: ['x86-64-v3', 'x86-64-v2', 'GNU property'] },
    { name: 'a GNU property note needing x86-64-v3 runs on rocky10 (v3 baseline)', info: binary({ ...glibc234, gnuProperties: v3Note }), on: 'rocky10', runs: true },
    { name: 'a GNU property note needing x86-64-v2 runs on rocky9', info: binary({ ...glibc234, gnuProperties: { ...v3Note, x86IsaNeeded: ['x86-64-baseline', 'x86-64-v2'] } }), on: 'rocky9', runs: true },
    { name: 'GOAMD64=v3 and a v3 note is one reason, not two', info: binary({ ...glibc234, settings: { GOAMD64: 'v3' }, gnuProperties: v3Note }), on: 'rocky9', runs: false, codes: ['cpu-level'] },
    { name: 'GOARM=7 fails ARMv6 Raspberry Pi OS', info: binary({ goarch: 'arm', machine: 'ARM', bits: 32, settings: { GOARM: '7' } }), on: 'raspios12', runs: false, codes: ['cpu-level'], mentions: ['ARMv7', 'ARMv6'] },
    { name: 'GOARM=6,hardfloat runs on Raspberry Pi OS', info: binary({ goarch: 'arm', machine: 'ARM', bits: 32, settings: { GOARM: '6,hardfloat' } }), on: 'raspios12', runs: true },
    { name: 'GOARM64=v8.1 fails the ARMv8.0 baseline', info: binary({ goarch: 'arm64', machine: 'AArch64', settings: { GOARM64: 'v8.1' } }), on: 'debian12', runs: false, codes: ['cpu-level'] },
    { name: 'big-endian ppc64 fails rocky9 (ppc64le only)', info: binary({ goarch: 'ppc64', machine: 'PowerPC64', endian: 'big' }), on: 'rocky9', runs: false, codes: ['arch'], mentions: ['big-endian'] },
    { name: 'Go 1.24 needs kernel 3.2: fails a 2.6.32 target', info: binary({ goVersion: 'go1.24.2' }), on: 'custom-2.6.32', runs: false, codes: ['go-kernel'], mentions: ['3.2', '2.6.32'] },
    { name: 'Go 1.23 runs on kernel 2.6.32', info: binary({ goVersion: 'go1.23.5' }), on: 'custom-2.6.32', runs: true },
    { name: 'Go 1.25 needs macOS 12: fails macos11', info: binary({ format: 'macho', goos: 'darwin', goVersion: 'go1.25.1' }), on: 'macos11', runs: false, codes: ['go-os-version'] },
    { name: 'Go 1.24 runs on macos11', info: binary({ format: 'macho', goos: 'darwin', goVersion: 'go1.24.0' }), on: 'macos11', runs: true },
    { name: 'Go 1.21 needs Windows 10: fails windows7', info: binary({ format: 'pe', goos: 'windows', goVersion: 'go1.21.0' }), on: 'windows7', runs: false, codes: ['go-os-version'] },
    { name: 'Go 1.20 runs on windows7', info: binary({ format: 'pe', goos: 'windows', goVersion: 'go1.20.14' }), on: 'windows7', runs: true },
    { name: 'a Windows binary does not run on Linux', info: binary({ format: 'pe', goos: 'windows' }), on: 'debian12', runs: false, codes: ['os'] },
    {
      name: 'GLIBCXX above the distro libstdc++ fails',
      info: binary({ ...glibc234, versionNeeds: [...glibc234.versionNeeds, { file: 'libstdc++.so.6', versions: ['GLIBCXX_3.4.30'], symbols: { 'GLIBCXX_3.4.30': ['_ZSt21__glibcxx_assert_failPKciS0_S0_'] } }] }),
      on: 'rocky9', runs: false, codes: ['symbol-version'], mentions: ['GLIBCXX_3.4.30', 'libstdc++.so.6'],
    },
  ];
  const extra: Profile[] = [{ id: 'custom-2.6.32', name: 'old kernel', os: 'linux', libc: 'glibc', libcVersion: '2.17', kernel: '2.6.32', arches: ['amd64'] }];
  for (const c of cases) {
    it(c.name, () => {
      const p = findProfile(extra, c.on) ?? profile(c.on);
      const v = evaluate(c.info, p);
      assert.equal(v.runs, c.runs, JSON.stringify(v.reasons));
      if (c.codes) assert.deepEqual(v.reasons.map((r) => r.code), c.codes);
      const text = v.reasons.map((r) => r.message).join('\n');
      for (const m of c.mentions ?? []) assert.ok(text.includes(m), `"${m}" in:\n${text}`);
    });
  }

  it('reports every reason, not just the first', () => {
    const v = evaluate(binary({ ...glibc234, settings: { GOAMD64: 'v3' }, goVersion: 'go1.24.0' }), { id: 'old', name: 'old', os: 'linux', libc: 'glibc', libcVersion: '2.17', kernel: '2.6.32', arches: ['amd64'], cpu: { GOAMD64: 'v1' } });
    assert.deepEqual(v.reasons.map((r) => r.code).sort(), ['cpu-level', 'go-kernel', 'symbol-version']);
  });
});

describe('widestStatement()', () => {
  it('states the weakest glibc and kernel and lists who fails with the symbols', () => {
    const w = widestStatement(binary({ ...glibc234, settings: { GOAMD64: 'v1' } }), builtinProfiles);
    assert.equal(w.conditions, 'glibc ≥ 2.34 with kernel ≥ 2.6.32 on amd64');
    assert.ok(w.runsOn.includes('rocky9') && w.runsOn.includes('debian12') && w.runsOn.includes('ubuntu22.04'));
    assert.ok(!w.runsOn.includes('centos7'));
    assert.match(w.text, /^runs on glibc ≥ 2\.34 with kernel ≥ 2\.6\.32/);
    assert.match(w.text, /not on centos7 \(needs GLIBC_2\.34 from libc\.so\.6 .*__libc_start_main@GLIBC_2\.34/);
    // Only Linux profiles are candidates for an ELF binary.
    assert.ok(![...w.runsOn, ...w.notOn.map((v) => v.profile)].some((id) => id.startsWith('macos') || id.startsWith('windows')));
  });

  it('a static binary runs on every profile that ships its arch', () => {
    const w = widestStatement(binary({ goarch: 'arm64', machine: 'AArch64' }), builtinProfiles);
    const linux = builtinProfiles.filter((p) => p.os === 'linux');
    assert.deepEqual(w.runsOn.sort(), linux.filter((p) => p.arches.includes('arm64')).map((p) => p.id).sort());
    assert.deepEqual(w.notOn.map((v) => v.reasons[0]?.code), ['arch']);
  });
});
