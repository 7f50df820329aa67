import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { adHocProfile, mergeProfiles, profileFromConfig, profilesFromConfig, ProfileConfigError } from './custom.ts';
import { goMinKernel, goMinMacos, goMinWindows, compareWindows } from './go-minimums.ts';
import { builtinProfiles } from './profiles.ts';
import { compareVersions } from './version.ts';

describe('profileFromConfig()', () => {
  it('extends a built-in and overrides fields', () => {
    const p = profileFromConfig('gw', { extends: 'bookworm', kernel: '5.10', arch: 'arm', cpu: { GOARM: '6' } }, builtinProfiles);
    assert.equal(p.libc, 'glibc');
    assert.equal(p.libcVersion, '2.36');
    assert.equal(p.kernel, '5.10');
    assert.deepEqual(p.arches, ['arm']);
    assert.equal(p.cpu?.GOARM, '6');
    assert.equal(p.custom, true);
  });

  it('a musl profile drops the parent glibc version', () => {
    const p = profileFromConfig('m', { extends: 'debian12', musl: '1.2.3' }, builtinProfiles);
    assert.equal(p.libc, 'musl');
    assert.equal(p.libcVersion, '1.2.3');
  });

  const invalid: Array<[string, unknown, RegExp]> = [
    ['not a mapping', 'x', /expected a mapping/],
    ['unknown key', { glibc: '2.17', arch: ['amd64'], glibcc: 1 }, /profiles\.p\.glibcc: unknown key/],
    ['unknown parent', { extends: 'centos5' }, /no profile named "centos5"/],
    ['bad version', { glibc: 'two', arch: ['amd64'] }, /profiles\.p\.glibc: expected a version/],
    ['no libc', { kernel: '5.4', arch: ['amd64'] }, /needs glibc: X\.Y, musl: X\.Y or extends/],
    ['no arch', { glibc: '2.31' }, /profiles\.p\.arch: missing/],
    ['unknown cpu setting', { extends: 'debian12', cpu: { GOAMD65: 'v2' } }, /cpu\.GOAMD65: unknown setting/],
  ];
  for (const [name, raw, message] of invalid) {
    it(`rejects ${name} with the config path`, () => {
      assert.throws(() => profileFromConfig('p', raw, builtinProfiles), (e: Error) => e instanceof ProfileConfigError && message.test(e.message));
    });
  }

  it('custom profiles shadow built-ins of the same id', () => {
    const custom = profilesFromConfig({ debian12: { extends: 'debian12', kernel: '6.6' } }, builtinProfiles);
    const merged = mergeProfiles(builtinProfiles, custom);
    assert.equal(merged.filter((p) => p.id === 'debian12').length, 1);
    assert.equal(merged.find((p) => p.id === 'debian12')?.kernel, '6.6');
  });

  it('an ad-hoc target accepts any arch unless one is named', () => {
    assert.deepEqual(adHocProfile({ glibc: '2.28', kernel: '4.18' }).arches, ['*']);
    assert.deepEqual(adHocProfile({ glibc: '2.28', arch: ['arm64'] }).arches, ['arm64']);
    assert.throws(() => adHocProfile({ glibc: 'new' }), /--glibc: expected a version/);
  });
});

describe('Go release minimums', () => {
  const kernel: Array<[string, string | null, string]> = [
    ['1.18', 'amd64', '2.6.23'], ['1.19', 'amd64', '2.6.32'], ['1.23', 'amd64', '2.6.32'], ['1.24', 'amd64', '3.2'],
    ['1.26', 'arm64', '3.2'], ['1.23', 'arm', '3.1'], ['1.24', 'loong64', '5.19'], ['1.27', 'ppc64', '3.13'], ['1.27', 'ppc64le', '3.2'],
  ];
  for (const [release, arch, min] of kernel) it(`Go ${release} on ${arch} needs Linux ${min}`, () => assert.equal(goMinKernel(release, arch), min));
  it('macOS and Windows minimums follow the release notes', () => {
    assert.deepEqual(['1.20', '1.21', '1.23', '1.25', '1.27'].map(goMinMacos), ['10.13', '10.15', '11', '12', '13']);
    assert.deepEqual(['1.20', '1.21', '1.26'].map(goMinWindows), ['7', '10', '10']);
    assert.ok(compareWindows('8.1', '10') < 0 && compareWindows('10', '7') > 0);
  });
  it('compares versions numerically', () => {
    assert.ok(compareVersions('2.34', '2.4') > 0);
    assert.equal(compareVersions('3.2', '3.2.0'), 0);
    assert.ok(compareVersions('go1.24.1', 'go1.9') > 0);
  });
});
