/** Each check against a healthy host and the broken variants it must catch (valid/invalid tables). */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { HostFacts } from '../../facts.ts';
import type { Check, Status } from '../../../core/check.ts';
import { binfmtCheck } from './binfmt.ts';
import { crossCompilersCheck } from './cross-cc.ts';
import { goCacheCheck } from './gocache.ts';
import { goToolchainsCheck } from './go-toolchains.ts';
import { kernelCheck } from './kernel.ts';
import { lockCheck } from './lock.ts';
import { qemuCheck } from './qemu.ts';
import { parseBinutilsVersion, parseQemuVersion } from '../../programs.ts';
import { parseOsRelease, osFamily, compatProfileId } from '../../os-release.ts';
import { muslVersionFromApkDb, glibcVersionFromBanner } from '../../libc.ts';

const GiB = 1024 ** 3;

function healthy(): HostFacts {
  return {
    root: '/', hostGoarch: 'amd64', targets: ['amd64', 'arm64'],
    os: parseOsRelease('ID=debian\nVERSION_ID="12"\nPRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\n'),
    kernel: { release: '6.1.0-18-amd64', version: '6.1.0' },
    libc: { libc: 'glibc', version: '2.36', source: '/lib/x86_64-linux-gnu/libc.so.6' },
    binutils: { path: '/usr/bin/readelf', version: '2.40', banner: null },
    go: { toolchains: [{ path: '/usr/bin/go', goroot: '/usr/lib/go-1.23', version: 'go1.23.5', source: 'PATH' }], onPath: '/usr/bin/go', userGoenvPath: '/root/.config/go/env', userGoenv: null, gorootGoEnv: {}, goenvGoroot: null, traps: [], userGo: { ok: true, output: 'go version go1.23.5 linux/amd64' } },
    crossCompilers: [
      { goarch: 'amd64', native: true, path: '/usr/bin/gcc', version: '12.2.0', targetLibc: true, libcPath: '/usr/include/stdio.h' },
      { goarch: 'arm64', native: false, path: '/usr/bin/aarch64-linux-gnu-gcc', version: '12.2.0', targetLibc: true, libcPath: '/usr/aarch64-linux-gnu/lib/libc.so' },
    ],
    zig: null,
    qemu: [{ goarch: 'arm64', qemuArch: 'aarch64', path: '/usr/bin/qemu-aarch64-static', version: '7.2.22' }],
    binfmt: { mount: '/proc/sys/fs/binfmt_misc', mounted: true, enabled: true, entries: [{ name: 'qemu-aarch64', type: 'M', offset: 0, magic: '7f454c460201010000000000000000000200b700', mask: 'ffffffffffffff00fffffffffffffffffeffffff', extension: null, interpreter: '/usr/bin/qemu-aarch64-static', flags: ['F'], enabled: true }], unreadable: [], interpreters: { '/usr/bin/qemu-aarch64-static': { exists: true, static: true, qemuVersion: null } } },
    goCache: { path: '/root/.cache/go-build', from: 'HOME', freeBytes: 50 * GiB, measured: '/root/.cache/go-build' },
    packageManager: 'apt',
    lock: { path: '/p/gocross.lock', status: 'match', differences: [], message: '' },
    lockError: null,
    lockRequired: false,
  };
}

/** The hex magic with the byte at `index` replaced. */
const withByte = (hex: string, index: number, byte: string): string => `${hex.slice(0, index * 2)}${byte}${hex.slice(index * 2 + 2)}`;

type Mutation = (f: HostFacts) => void;
const cases: Array<{ check: Check<HostFacts>; invalid: Array<[string, Mutation, Status, RegExp]> }> = [
  { check: kernelCheck, invalid: [
    ['a 2.6.18 kernel', (f) => { f.kernel = { release: '2.6.18-398.el5', version: '2.6.18' }; }, 'fail', /too old/],
    ['a 3.10 kernel is fine', (f) => { f.kernel = { release: '3.10.0', version: '3.10.0' }; }, 'pass', /3\.10/],
    ['a 2.6.32 kernel warns for Go 1.24+', (f) => { f.kernel = { release: '2.6.32-754.el6', version: '2.6.32' }; }, 'warn', /Go 1\.24\+ toolchains need kernel 3\.2/],
  ] },
  { check: goToolchainsCheck, invalid: [
    ['no Go anywhere', (f) => { f.go.toolchains = []; f.go.onPath = null; f.go.userGo = null; }, 'fail', /no Go toolchain.*apt-get install -y golang-go/],
    ['go version broken by GOENV', (f) => { f.go.userGo = { ok: false, output: 'go: cannot find GOROOT directory: /bad' }; f.go.goenvGoroot = { value: '/bad', exists: false }; }, 'fail', /cannot find GOROOT.*go env -u GOROOT/],
  ] },
  { check: crossCompilersCheck, invalid: [
    ['no cross gcc', (f) => { f.crossCompilers[1]!.path = null; f.crossCompilers[1]!.targetLibc = false; }, 'warn', /linux\/arm64: no C compiler.*gcc-aarch64-linux-gnu libc6-dev-arm64-cross/],
    ["EL's cross gcc without glibc", (f) => { f.packageManager = 'dnf'; f.crossCompilers[1]!.targetLibc = false; }, 'warn', /no target glibc to link against \(EL's cross gcc ships none\)/],
    ['zig stands in', (f) => { f.crossCompilers[1]!.path = null; f.zig = { path: '/usr/bin/zig', version: '0.13.0', banner: null }; }, 'info', /zig at \/usr\/bin\/zig can stand in: CC="zig cc -target aarch64-linux-gnu"/],
  ] },
  { check: qemuCheck, invalid: [
    ['no QEMU', (f) => { f.qemu[0]!.path = null; f.qemu[0]!.version = null; }, 'warn', /no qemu-aarch64-static.*apt-get install -y qemu-user-static/],
    ['QEMU before 7.1', (f) => { f.qemu[0]!.version = '6.2.0'; }, 'warn', /versions before 7\.1 have known issues/],
  ] },
  { check: binfmtCheck, invalid: [
    ['not mounted', (f) => { f.binfmt.mounted = false; f.binfmt.entries = []; }, 'warn', /not mounted.*mount -t binfmt_misc/],
    ['globally disabled', (f) => { f.binfmt.enabled = false; }, 'warn', /disabled/],
    ['no entry for the target', (f) => { f.binfmt.entries = []; }, 'warn', /no binfmt entry \(qemu-aarch64\)/],
    ['entry disabled', (f) => { f.binfmt.entries[0]!.enabled = false; }, 'warn', /entry qemu-aarch64 is disabled/],
    ['an entry whose masked magic is not arm64', (f) => { f.binfmt.entries[0]!.magic = withByte(f.binfmt.entries[0]!.magic!, 18, 'b8'); }, 'warn', /linux\/arm64: no binfmt entry \(qemu-aarch64\).*gocross binfmt install arm64/],
    ['an entry without F', (f) => { f.binfmt.entries[0]!.flags = []; }, 'warn', /qemu-aarch64 lacks the F flag/],
    ['a missing interpreter', (f) => { f.binfmt.interpreters['/usr/bin/qemu-aarch64-static']!.exists = false; }, 'warn', /interpreter \/usr\/bin\/qemu-aarch64-static no longer exists/],
    ['an entry claiming the host arch (capped at warn)', (f) => { f.binfmt.entries.push({ ...f.binfmt.entries[0]!, name: 'qemu-x86_64', magic: '7f454c4602010100000000000000000002003e00', mask: 'fffffffffffefe00fffffffffffffffffeffffff' }); }, 'warn', /qemu-x86_64 claims amd64 binaries/],
  ] },
  { check: goCacheCheck, invalid: [
    ['under 1 GiB', (f) => { f.goCache!.freeBytes = 0.5 * GiB; }, 'fail', /0\.5 GiB free.*go clean -cache/],
    ['under 5 GiB', (f) => { f.goCache!.freeBytes = 3 * GiB; }, 'warn', /3\.0 GiB free/],
  ] },
  { check: lockCheck, invalid: [
    ['a differing host warns', (f) => { f.lock = { path: '/p/gocross.lock', status: 'differs', differences: [{ tool: 'go', locked: 'go1.22.0', found: 'go1.23.5' }], message: '' }; }, 'warn', /go: locked go1\.22\.0, this host has go1\.23\.5/],
    ['a differing host fails with --locked', (f) => { f.lockRequired = true; f.lock = { path: '/p/gocross.lock', status: 'differs', differences: [{ tool: 'qemu/arm64', locked: '8.2.0', found: null }], message: '' }; }, 'fail', /qemu\/arm64: locked 8\.2\.0, not found/],
    ['no lock with --locked', (f) => { f.lockRequired = true; f.lock = null; }, 'fail', /no gocross\.lock/],
    ['a broken lock', (f) => { f.lockError = 'Cannot read gocross.lock: not valid JSON'; }, 'fail', /not valid JSON/],
  ] },
];

describe('doctor checks', () => {
  for (const { check, invalid } of cases) {
    describe(check.id, () => {
      it('passes on a healthy host', () => {
        const findings = check.evaluate(healthy());
        assert.ok(findings.length > 0);
        assert.ok(findings.every((f) => f.status === 'pass' || f.status === 'info'), JSON.stringify(findings));
      });
      for (const [name, mutate, status, message] of invalid) {
        it(`${name} → ${status}`, () => {
          const facts = healthy();
          mutate(facts);
          const findings = check.evaluate(facts);
          const hit = findings.find((f) => f.status === status && message.test(`${f.message} ${f.fix ?? ''}`));
          assert.ok(hit, JSON.stringify(findings));
        });
      }
    });
  }
});

describe('binfmt entries match targets by magic & mask, not raw magic', () => {
  it('accepts an entry whose raw magic differs only in bits its mask ignores', () => {
    const facts = healthy();
    // e_type 0x03 (ET_DYN) where the table has 0x02 (ET_EXEC): QEMU's mask 0xfe ignores that bit.
    const entry = { ...facts.binfmt.entries[0]!, name: 'arm64-custom', magic: withByte(facts.binfmt.entries[0]!.magic!, 16, '03') };
    assert.notEqual(entry.magic, facts.binfmt.entries[0]!.magic);
    facts.binfmt.entries = [entry];
    const findings = binfmtCheck.evaluate(facts);
    assert.ok(findings.some((f) => f.status === 'pass' && f.message === 'linux/arm64: arm64-custom → /usr/bin/qemu-aarch64-static [F]'), JSON.stringify(findings));
    assert.deepEqual(findings.filter((f) => f.status === 'warn' || f.status === 'fail'), []);
  });

  it('reports an entry whose masked magic differs, even when it is named like the QEMU one', () => {
    const facts = healthy();
    facts.binfmt.entries[0]!.magic = withByte(facts.binfmt.entries[0]!.magic!, 18, 'b8');
    const findings = binfmtCheck.evaluate(facts);
    assert.ok(findings.some((f) => f.status === 'warn' && /linux\/arm64: no binfmt entry/.test(f.message)), JSON.stringify(findings));
    assert.ok(!findings.some((f) => f.status === 'pass' && f.message.startsWith('linux/arm64:')));
  });
});

describe('host parsers', () => {
  const binutils: Array<[string, string]> = [
    ['GNU readelf (GNU Binutils for Debian) 2.40', '2.40'],
    ['GNU readelf version 2.27-44.base.el7', '2.27'],
    ['GNU readelf (GNU Binutils) 2.41.0', '2.41.0'],
    ['GNU readelf version 2.35.2-42.el9', '2.35.2'],
  ];
  for (const [line, v] of binutils) it(`binutils "${line}" → ${v}`, () => assert.equal(parseBinutilsVersion(line), v));
  it('QEMU version', () => assert.equal(parseQemuVersion('qemu-aarch64 version 7.2.22 (Debian 1:7.2+dfsg-7+deb12u18+b3)\nCopyright'), '7.2.22'));
  it('os-release quoting and families', () => {
    const os = parseOsRelease('NAME="Rocky Linux"\nID="rocky"\nID_LIKE="rhel centos fedora"\nVERSION_ID="9.3"\nPRETTY_NAME="Rocky \\"Blue Onyx\\""\n');
    assert.equal(os.prettyName, 'Rocky "Blue Onyx"');
    assert.equal(osFamily(os), 'rhel');
    assert.equal(compatProfileId(os), 'rocky9');
    assert.equal(compatProfileId(parseOsRelease('ID=amzn\nVERSION_ID="2023"\n')), 'amzn2023');
    assert.equal(osFamily(parseOsRelease('ID=almalinux\nID_LIKE="rhel centos fedora"\n')), 'rhel');
    assert.equal(osFamily(parseOsRelease('ID="opensuse-leap"\nID_LIKE="suse opensuse"\n')), 'suse');
  });
  it('glibc banner and musl apk version', () => {
    assert.equal(glibcVersionFromBanner('GNU C Library (GNU libc) stable release version 2.17, by Roland McGrath et al.'), '2.17');
    assert.equal(muslVersionFromApkDb('P:musl\nV:1.2.4_git20230717-r4\nA:x86_64\n'), '1.2.4');
  });
});
