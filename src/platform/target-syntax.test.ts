import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseDistList } from '../gobuild/dist-list.ts';
import { TargetSyntaxError } from './errors.ts';
import { DEFAULT_TARGETS, parseTargets, specWithBase, splitSpec, targetSlug } from './target-syntax.ts';
import type { TargetInfo } from './target.ts';

const t = (id: string, extra: Partial<TargetInfo> = {}): TargetInfo => {
  const [goos = '', goarch = ''] = id.split('/');
  return { goos, goarch, cgoSupported: true, firstClass: false, broken: false, ...extra };
};
const AVAILABLE: TargetInfo[] = [
  t('linux/386'), t('linux/amd64'), t('linux/arm'), t('linux/arm64'), t('linux/riscv64'), t('linux/mips64le'),
  t('windows/amd64'), t('windows/arm64'), t('darwin/arm64'), t('openbsd/mips64', { broken: true }),
];
const GO = 'go1.23.5';

const valid: Array<[spec: string, ids: string[]]> = [
  ['linux/amd64', ['linux/amd64']],
  ['linux/amd64, linux/arm64', ['linux/amd64', 'linux/arm64']],
  ['linux/arm/7', ['linux/arm/7']],
  ['linux/amd64/v3,linux/amd64', ['linux/amd64/v3', 'linux/amd64']],
  ['linux/arm/7,softfloat,linux/amd64', ['linux/arm/7,softfloat', 'linux/amd64']],
  ['linux/arm64/v8.2,lse,crypto', ['linux/arm64/v8.2,lse,crypto']],
  ['linux/*', ['linux/386', 'linux/amd64', 'linux/arm', 'linux/arm64', 'linux/riscv64', 'linux/mips64le']],
  ['linux/*,!linux/386,!linux/mips64le', ['linux/amd64', 'linux/arm', 'linux/arm64', 'linux/riscv64']],
  ['*/arm64', ['linux/arm64', 'windows/arm64', 'darwin/arm64']],
  ['*/mips64', []],
  ['linux/arm/*', ['linux/arm/5', 'linux/arm/6', 'linux/arm/7']],
  ['linux/arm/*,!linux/arm/6', ['linux/arm/5', 'linux/arm/7']],
  ['linux/amd64,linux/amd64', ['linux/amd64']],
];
for (const [spec, ids] of valid) {
  test(`parseTargets("${spec}")`, () => {
    if (ids.length === 0) {
      assert.throws(() => parseTargets(spec, AVAILABLE, GO), TargetSyntaxError);
      return;
    }
    assert.deepEqual(parseTargets(spec, AVAILABLE, GO).map((x) => x.id), ids);
  });
}

const invalid: Array<[spec: string, message: RegExp]> = [
  ['linux', /expected os\/arch/],
  ['linux/amd64/v3/x', /expected os\/arch/],
  ['linux/sparc', /not a target of Go go1\.23\.5 \(valid linux targets: linux\/386, linux\/amd64/],
  ['plan10/amd64', /valid targets: linux\/386/],
  ['linux/arm/8', /GOARM=8 is not a valid value.*5, 6, 7/],
  ['linux/riscv64/rva23u64', /needs Go 1\.25/],
  ['openbsd/mips64', /marks openbsd\/mips64 as broken/],
  ['freebsd/*', /matches no target/],
  ['linux/riscv64/*,linux/s390x/*', /not a target/],
  [' , ', /empty/],
  ['windows/amd64/v3x', /GOAMD64=v3x/],
];
for (const [spec, message] of invalid) {
  test(`parseTargets("${spec}") is a clear error`, () => {
    assert.throws(() => parseTargets(spec, AVAILABLE, GO), (e: unknown) => e instanceof TargetSyntaxError && message.test(e.message));
  });
}

test('parseTargets() applies a spec of negations only to the base, not to every target', () => {
  const base = 'linux/amd64,linux/arm64,windows/amd64,darwin/arm64';
  assert.deepEqual(parseTargets('!linux/*,!windows/*', AVAILABLE, GO, { base }).map((x) => x.id), ['darwin/arm64']);
  assert.deepEqual(parseTargets('!linux/arm64', AVAILABLE, GO, { base }).map((x) => x.id), ['linux/amd64', 'windows/amd64', 'darwin/arm64']);
  // A base of negations only starts from the built-in set (whose darwin/amd64 this list lacks).
  assert.throws(() => parseTargets('!linux/386', AVAILABLE, GO, { base: '!windows/*' }), /"darwin\/amd64": not a target/);
  assert.equal(specWithBase('!windows/*', '!linux/386'), `${DEFAULT_TARGETS},!linux/386,!windows/*`);
  assert.equal(specWithBase('linux/*,!linux/386', base), 'linux/*,!linux/386');
  assert.equal(specWithBase('!linux/386'), `${DEFAULT_TARGETS},!linux/386`);
});

test('parseTargets() refuses an empty spec and a spec that selects nothing', () => {
  for (const spec of ['', ' ', ',']) assert.throws(() => parseTargets(spec, AVAILABLE, GO, { base: 'linux/amd64' }), /the list is empty .*leave it out for the default targets/);
  assert.throws(() => parseTargets('linux/*,!linux/*', AVAILABLE, GO), (e: unknown) => e instanceof TargetSyntaxError && /"linux\/\*,!linux\/\*": the spec selects no target/.test(e.message));
  assert.throws(() => parseTargets('!linux/*', AVAILABLE, GO, { base: 'linux/amd64,linux/arm64' }), /selects no target/);
});

test('parseTargets() names the source of the target list when told', () => {
  assert.throws(() => parseTargets('linux/sparc', AVAILABLE, 'devel', { source: 'any Go release known to gocross' }), /"linux\/sparc": not a target of any Go release known to gocross \(valid linux targets/);
});

test('parseTargets() sets the variant variable for the target', () => {
  assert.deepEqual(parseTargets('linux/arm/7', AVAILABLE, GO)[0], { goos: 'linux', goarch: 'arm', variant: { name: 'GOARM', value: '7' }, id: 'linux/arm/7' });
  assert.deepEqual(parseTargets('linux/amd64/v3', AVAILABLE, GO)[0]?.variant, { name: 'GOAMD64', value: 'v3' });
});

test('splitSpec() glues ,softfloat-style options onto the variant before them only', () => {
  assert.deepEqual(splitSpec('linux/arm/7,softfloat,linux/386'), ['linux/arm/7,softfloat', 'linux/386']);
  assert.deepEqual(splitSpec('linux/arm,softfloat'), ['linux/arm', 'softfloat']);
});

test('targetSlug() makes a folder-safe name', () => {
  assert.equal(targetSlug(parseTargets('linux/arm64/v8.2,lse', AVAILABLE, GO)[0]!), 'linux_arm64_v8.2-lse');
  assert.equal(targetSlug(parseTargets('linux/amd64', AVAILABLE, GO)[0]!), 'linux_amd64');
});

test('parseDistList() reads -json and falls back for missing fields and the plain list', () => {
  const json = '[{"GOOS":"linux","GOARCH":"arm","CgoSupported":true,"FirstClass":true},{"GOOS":"openbsd","GOARCH":"mips64","CgoSupported":true,"FirstClass":false,"Broken":true},{"GOOS":"linux","GOARCH":"amd64","CgoSupported":true}]';
  assert.deepEqual(parseDistList(json), [
    { goos: 'linux', goarch: 'arm', cgoSupported: true, firstClass: true, broken: false },
    { goos: 'openbsd', goarch: 'mips64', cgoSupported: true, firstClass: false, broken: true },
    { goos: 'linux', goarch: 'amd64', cgoSupported: true, firstClass: true, broken: false },
  ]);
  assert.deepEqual(parseDistList('aix/ppc64\nlinux/arm64\n'), [
    { goos: 'aix', goarch: 'ppc64', cgoSupported: false, firstClass: false, broken: false },
    { goos: 'linux', goarch: 'arm64', cgoSupported: true, firstClass: true, broken: false },
  ]);
});
