import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { execFileSync } from 'node:child_process';
import { elfHeader, parseFacts } from './facts.ts';
import { FACTS_SCRIPT } from './facts-script.ts';
import { lacks } from '../../../test/support/go.ts';

const fixture = (name: string): Promise<string> => readFile(new URL(`testdata/${name}`, import.meta.url), 'utf8');

test('parseFacts() reads a real x86_64 Debian 12 systemd device (captured under dash and bash)', async () => {
  for (const name of ['x86_64-systemd-dash.txt', 'x86_64-systemd-bash.txt']) {
    const f = parseFacts(await fixture(name));
    assert.equal(f.unameMachine, 'x86_64', name);
    assert.equal(f.goarch, 'amd64', name);
    assert.deepEqual(f.userland, { elfClass: 64, machine: 62, endian: 'little', flags: 0 }, name);
    assert.deepEqual(f.libc, { kind: 'glibc', version: '2.36' }, name);
    assert.equal(f.init, 'systemd', name);
    assert.equal(f.systemdVersion, 252, name);
    assert.equal(f.freeBytes, 6162828 * 1024, name);
    assert.deepEqual(f.cpuLevel, { setting: 'GOAMD64', level: 'v4' }, name);
    assert.deepEqual(f.tools, ['sha256sum', 'systemd-run', 'systemd-analyze', 'systemctl', 'journalctl', 'curl', 'wget'], name);
    assert.equal(f.complete, true, name);
  }
});

test('parseFacts() reads a real arm64 BusyBox device without systemd (captured under QEMU user mode)', async () => {
  const f = parseFacts(await fixture('aarch64-busybox-ash.txt'));
  assert.equal(f.unameMachine, 'aarch64');
  assert.equal(f.goarch, 'arm64');
  assert.deepEqual(f.userland, { elfClass: 64, machine: 183, endian: 'little', flags: 0 });
  assert.deepEqual(f.libc, { kind: 'glibc', version: '2.36' });
  assert.equal(f.init, 'other');
  assert.equal(f.systemdVersion, null);
  assert.equal(f.freeBytes, null, 'df printed only its header');
  assert.equal(f.cpuLevel, null, "the x86 host's cpuinfo flags do not make an arm64 device amd64-levelled");
  assert.deepEqual(f.tools, ['sha256sum', 'wget']);
});

test('parseFacts() reads a BusyBox-only userland: no libc at all', async () => {
  const f = parseFacts(await fixture('x86_64-busybox-ash.txt'));
  assert.deepEqual(f.libc, { kind: 'none', version: null });
  assert.equal(f.goarch, 'amd64');
  assert.equal(f.init, 'other');
});

test('parseFacts() takes the GOARCH from the userland when an aarch64 kernel runs an armhf userland', async () => {
  // The real aarch64 capture with /bin/sh's header replaced by a 32-bit ARM EABI5 hard-float header
  // (e_flags 0x05000400, as readelf shows for Raspberry Pi OS's dash), and the cpuinfo an arm64
  // kernel shows a 32-bit process.
  const head = '7f454c4601010100000000000000000002002800010000000000000034000000000000000004000534002000090028001b001a00';
  const text = (await fixture('aarch64-busybox-ash.txt'))
    .replace(/^elf_head=.*$/m, `elf_head=${head}`)
    .replace(/^cpu_flags=.*$/m, 'cpu_features=half thumb fastmult vfp edsp neon vfpv3 tls vfpv4 idiva idivt lpae evtstrm\ncpu_arch=8');
  const f = parseFacts(text);
  assert.equal(f.kernelGoarch, 'arm64');
  assert.equal(f.goarch, 'arm');
  assert.equal(f.floatAbi, 'hard');
  assert.deepEqual(f.cpuLevel, { setting: 'GOARM', level: '7' });
});

const armLevels: Array<[string, string, string]> = [
  ['7', 'half thumb fastmult vfp edsp neon vfpv3 tls vfpv4 idiva idivt', '7'],
  ['7', 'half thumb fastmult vfp edsp thumbee tls', '6'],
  ['6', 'half thumb fastmult vfp edsp java tls', '6'],
  ['5TEJ', 'swp half thumb fastmult edsp java', '5'],
];
for (const [arch, features, level] of armLevels) {
  test(`parseFacts() gives GOARM ${level} for CPU architecture ${arch} with ${features}`, () => {
    const head = '7f454c460101010000000000000000000200280001000000000000003400000000000000000000053400200009002800';
    const f = parseFacts(`uname_m=armv7l\nelf_head=${head}0000000000000000\ncpu_arch=${arch}\ncpu_features=${features}\n`);
    assert.deepEqual(f.cpuLevel, { setting: 'GOARM', level });
  });
}

const x86: Array<[string, string]> = [
  ['fpu sse sse2', 'v1'],
  ['cx16 lahf_lm popcnt pni sse4_1 sse4_2 ssse3', 'v2'],
  ['cx16 lahf_lm popcnt pni sse4_1 sse4_2 ssse3 avx avx2 bmi1 bmi2 f16c fma abm movbe xsave', 'v3'],
  ['cx16 lahf_lm popcnt pni sse4_1 sse4_2 ssse3 avx avx2 bmi1 bmi2 f16c fma movbe xsave', 'v2'],
  ['avx512f avx512bw avx512cd avx512dq avx512vl', 'v1'],
];
for (const [flags, level] of x86) {
  test(`parseFacts() gives GOAMD64 ${level} for flags "${flags}"`, async () => {
    const text = (await fixture('x86_64-systemd-dash.txt')).replace(/^cpu_flags=.*$/m, `cpu_flags=${flags}`);
    assert.deepEqual(parseFacts(text).cpuLevel, { setting: 'GOAMD64', level });
  });
}

test('parseFacts() treats device output as data: junk, huge and cut-off outputs leave facts unknown', () => {
  const f = parseFacts(`uname_m=\x1b[31mx86_64\nelf_head=zz\nglibc=glibc lots\ndf=${'9'.repeat(5000)} 1%\n${'x'.repeat(100_000)}\nend=ok`);
  assert.equal(f.goarch, null);
  assert.equal(f.userland, null);
  assert.equal(f.complete, false, 'end=ok after 64 KiB is not read');
  assert.equal(f.freeBytes, null);
  assert.ok(f.unameMachine.length < 5000);
  assert.equal(elfHeader('7f454c46'), null);
});

for (const shell of [['dash'], ['bash'], ['busybox', 'sh']]) {
  test(`FACTS_SCRIPT runs under ${shell.join(' ')} on this host and describes it`, { skip: lacks(shell[0]!) }, () => {
    const out = execFileSync(shell[0]!, [...shell.slice(1), '-c', FACTS_SCRIPT, 'sh', '/nonexistent/base/dir'], { encoding: 'utf8' });
    const f = parseFacts(out);
    assert.equal(f.complete, true);
    assert.equal(f.unameMachine, execFileSync('uname', ['-m'], { encoding: 'utf8' }).trim());
    assert.equal(f.goarch, process.arch === 'x64' ? 'amd64' : f.goarch);
    assert.equal(f.libc.kind, 'glibc');
    assert.match(out, /^df_path=\/$/m, 'the nearest existing parent of the base directory');
    assert.ok(f.freeBytes !== null && f.freeBytes > 0);
    assert.ok(f.tools.includes('sha256sum'));
  });
}
