/**
 * doctor against fixture roots of other distros (test/fixtures/hosts/*), and for real on this
 * machine, with its own tools as oracles (getconf, uname, readelf).
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { release } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { FIXTURES, REPO, lacks } from '../../../test/support/go.ts';
import { collectDoctorFacts } from './collect.ts';
import type { HostFacts } from '../facts.ts';
import { runChecks, type DoctorReport } from './run.ts';
import type { Status } from '../../core/check.ts';

const exec = promisify(execFile);
const HOSTS = join(FIXTURES, 'hosts');
const fixtureEnv = { HOME: '/root', PATH: '/usr/bin:/bin' };

async function doctorOn(name: string, targets = ['amd64', 'arm64']): Promise<{ facts: HostFacts; report: DoctorReport }> {
  const facts = await collectDoctorFacts({ root: join(HOSTS, name), env: fixtureEnv, targets, hostGoarch: 'amd64', lockDir: null });
  return { facts, report: runChecks(facts) };
}

const statusOf = (report: DoctorReport, id: string): Status => report.results.find((r) => r.id === id)!.status;
const messages = (report: DoctorReport, id: string): string => report.results.find((r) => r.id === id)!.findings.map((f) => `${f.status}: ${f.message} ${f.fix ?? ''}`).join('\n');

describe('doctor on fixture roots', () => {
  const table: Array<{ host: string; os: string; version: string; libc: string; libcVersion: string; libcSource: RegExp; kernel: string; pm: string }> = [
    { host: 'centos7', os: 'centos', version: '7', libc: 'glibc', libcVersion: '2.17', libcSource: /libc-2\.17\.so$/, kernel: '3.10.0', pm: 'yum' },
    { host: 'rocky9', os: 'rocky', version: '9.3', libc: 'glibc', libcVersion: '2.34', libcSource: /usr\/lib64\/libc\.so\.6$/, kernel: '5.14.0', pm: 'dnf' },
    { host: 'debian12', os: 'debian', version: '12', libc: 'glibc', libcVersion: '2.36', libcSource: /x86_64-linux-gnu\/libc\.so\.6$/, kernel: '6.1.0', pm: 'apt' },
    { host: 'ubuntu22.04', os: 'ubuntu', version: '22.04', libc: 'glibc', libcVersion: '2.35', libcSource: /x86_64-linux-gnu\/libc\.so\.6$/, kernel: '5.15.0', pm: 'apt' },
    { host: 'alpine3.19', os: 'alpine', version: '3.19.1', libc: 'musl', libcVersion: '1.2.4', libcSource: /apk\/db\/installed$/, kernel: '6.6.14', pm: 'apk' },
  ];
  for (const t of table) {
    it(`${t.host}: reads os-release, ${t.libc} ${t.libcVersion}, kernel ${t.kernel}, ${t.pm}`, async () => {
      const { facts, report } = await doctorOn(t.host);
      assert.equal(facts.os?.id, t.os);
      assert.equal(facts.os?.versionId, t.version);
      assert.equal(facts.libc?.libc, t.libc);
      assert.equal(facts.libc?.version, t.libcVersion);
      assert.match(facts.libc?.source ?? '', t.libcSource);
      assert.equal(facts.kernel?.version, t.kernel);
      assert.equal(facts.packageManager, t.pm);
      assert.equal(statusOf(report, 'os'), t.host === 'centos7' ? 'warn' : 'pass');
      // Nothing is run on a fixture root, so there is no working Go there.
      assert.equal(facts.go.toolchains.length, 0);
      assert.equal(statusOf(report, 'go'), t.host === 'centos7' ? 'info' : 'fail');
      assert.equal(report.ok, t.host === 'centos7');
    });
  }

  it('ubuntu22.04 falls back to /usr/lib/os-release', async () => {
    const { facts } = await doctorOn('ubuntu22.04');
    assert.equal(facts.os?.source, '/usr/lib/os-release');
  });

  it('centos7: end of life warned with a fix; a go on PATH is reported but not run', async () => {
    const { report } = await doctorOn('centos7');
    assert.match(messages(report, 'os'), /warn: CentOS 7 reached end of life.*vault\.centos\.org/);
    assert.equal(statusOf(report, 'go'), 'info');
    assert.match(messages(report, 'go'), /go found at \/usr\/bin\/go \(not run/);
    assert.match(messages(report, 'qemu'), /warn: linux\/arm64: no qemu-aarch64-static.*yum install -y qemu-user-static/);
  });

  it('debian12: the broken GOENV file fails with its fix, and its GOARCH/GOFLAGS/GOTOOLCHAIN are warned', async () => {
    const { facts, report } = await doctorOn('debian12');
    assert.equal(facts.go.userGoenvPath, '/root/.config/go/env');
    assert.deepEqual(facts.go.goenvGoroot, { value: '/usr/local/go-1.19-removed', exists: false });
    assert.equal(statusOf(report, 'goenv'), 'fail');
    const text = messages(report, 'goenv');
    assert.match(text, /fail: \/root\/.config\/go\/env sets GOROOT=\/usr\/local\/go-1\.19-removed, which has no bin\/.* go env -u GOROOT/);
    assert.match(text, /warn: GOARCH=arm64 is set in \/root\/.config\/go\/env/);
    assert.match(text, /warn: GOFLAGS=-mod=vendor is set in/);
    assert.equal(statusOf(report, 'gotoolchain'), 'warn');
    assert.match(messages(report, 'gotoolchain'), /GOTOOLCHAIN=auto from \/root\/.config\/go\/env/);
  });

  it('debian12: a cross gcc with the target libc passes; QEMU is found', async () => {
    const { report } = await doctorOn('debian12');
    assert.match(messages(report, 'cross-cc'), /pass: linux\/arm64: \/usr\/bin\/aarch64-linux-gnu-gcc, libc at \/usr\/aarch64-linux-gnu\/lib\/libc\.so/);
    assert.match(messages(report, 'cross-cc'), /warn: linux\/amd64 \(native\): no C compiler.*apt-get install -y gcc/);
    assert.equal(statusOf(report, 'qemu'), 'pass');
  });

  it("rocky9: EL's cross gcc has no target glibc; binfmt entry for aarch64 is read", async () => {
    const { facts, report } = await doctorOn('rocky9');
    assert.match(messages(report, 'cross-cc'), /warn: linux\/arm64: \/usr\/bin\/aarch64-linux-gnu-gcc has no target glibc to link against \(EL's cross gcc ships none\)/);
    assert.equal(facts.binfmt.mounted, true);
    assert.equal(facts.binfmt.entries[0]?.name, 'qemu-aarch64');
    assert.match(messages(report, 'binfmt'), /pass: linux\/arm64: qemu-aarch64 → \/usr\/bin\/qemu-aarch64-static \[POCF\]/);
  });

  it('alpine3.19: musl is reported; binfmt_misc not mounted is a warning with the mount command', async () => {
    const { report } = await doctorOn('alpine3.19');
    assert.match(messages(report, 'libc'), /pass: musl 1\.2\.4/);
    assert.match(messages(report, 'binfmt'), /warn: .* is not mounted.*mount -t binfmt_misc/);
  });
});

describe('doctor on this machine', () => {
  it('reports the real OS, kernel, glibc and binutils', { skip: lacks('getconf', 'readelf') }, async () => {
    const facts = await collectDoctorFacts({ targets: ['arm64'], lockDir: null });
    assert.equal(facts.kernel?.release, release());
    const glibc = (await exec('getconf', ['GNU_LIBC_VERSION'])).stdout.trim(); // "glibc 2.36"
    assert.equal(`${facts.libc?.libc} ${facts.libc?.version}`, glibc);
    const readelf = (await exec('readelf', ['--version'])).stdout.split('\n')[0]!;
    assert.ok(facts.binutils?.version && readelf.endsWith(facts.binutils.version), readelf);
    const osRelease = (await exec('sh', ['-c', '. /etc/os-release && echo "$ID $VERSION_ID"'])).stdout.trim();
    assert.equal(`${facts.os?.id} ${facts.os?.versionId}`, osRelease);
  });

  it('CLI --json has one entry per check and the facts', { skip: lacks('go') }, async () => {
    let stdout = '';
    let code = 0;
    try {
      stdout = (await exec(process.execPath, [join(REPO, 'src/cli/bin.ts'), 'doctor', '--json', '--targets', 'linux/arm64'], { cwd: REPO })).stdout;
    } catch (error) {
      ({ stdout, code } = error as { stdout: string; code: number });
    }
    const doc = JSON.parse(stdout);
    assert.equal(doc.schemaVersion, 1);
    assert.equal(code, doc.ok ? 0 : 1);
    const ids = doc.checks.map((c: { id: string }) => c.id);
    assert.deepEqual(ids, ['os', 'kernel', 'libc', 'package-manager', 'binutils', 'go', 'goenv', 'gotoolchain', 'cross-cc', 'qemu', 'binfmt', 'gocache', 'lock']);
    for (const c of doc.checks) assert.ok(['pass', 'info', 'warn', 'fail'].includes(c.status) && c.findings.length > 0, c.id);
    assert.equal(doc.facts.os.id, 'debian');
    assert.ok(doc.facts.go.toolchains.some((t: { version: string }) => /^go1\.\d+/.test(t.version)));
    assert.deepEqual(doc.facts.targets, ['arm64']);
    assert.equal(doc.facts.crossCompilers[0].goarch, 'arm64');
  });

  it('CLI text: one line per finding, fixes under warnings', { skip: lacks('go') }, async () => {
    let stdout = '';
    try {
      stdout = (await exec(process.execPath, [join(REPO, 'src/cli/bin.ts'), 'doctor', '--root', join(HOSTS, 'debian12'), '--host-arch', 'amd64'], { cwd: REPO, env: { ...process.env, HOME: '/root', NO_COLOR: '1' } })).stdout;
      assert.fail('a root without Go must fail');
    } catch (error) {
      const e = error as { code: number; stdout: string };
      assert.equal(e.code, 1);
      stdout = e.stdout;
    }
    assert.match(stdout, /^✓ pass os +Debian GNU\/Linux 12 \(bookworm\)/m);
    assert.match(stdout, /^✗ fail goenv +.*GOROOT=\/usr\/local\/go-1\.19-removed/m);
    assert.match(stdout, /^ +fix: go env -u GOROOT/m);
    assert.match(stdout, /13 checks: .* fail \(root .*debian12\)/);
  });

  it('reads a real (private) binfmt_misc with a qemu-aarch64 entry', { skip: lacks('unshare', 'qemu-aarch64-static') }, async (t) => {
    // A private binfmt_misc instance (per user namespace since Linux 6.7): nothing touches the host's.
    const register = ':qemu-aarch64:M::\\x7fELF\\x02\\x01\\x01\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x02\\x00\\xb7\\x00:\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\x00\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\xfe\\xff\\xff\\xff:/usr/bin/qemu-aarch64-static:F';
    const script = 'mount -t binfmt_misc binfmt_misc /proc/sys/fs/binfmt_misc && printf %s "$1" > /proc/sys/fs/binfmt_misc/register && exec "$2" "$3" doctor --json --targets linux/arm64';
    let stdout: string;
    try {
      stdout = (await exec('unshare', ['--user', '--map-root-user', '--mount', 'sh', '-c', script, 'sh', register, process.execPath, join(REPO, 'src/cli/bin.ts')], { cwd: REPO })).stdout;
    } catch (error) {
      const e = error as { stdout?: string; stderr?: string };
      if (!e.stdout) {
        t.skip(`no private binfmt_misc here: ${e.stderr?.trim()}`);
        return;
      }
      stdout = e.stdout;
    }
    const doc = JSON.parse(stdout);
    assert.equal(doc.facts.binfmt.mounted, true);
    assert.equal(doc.facts.binfmt.enabled, true);
    assert.deepEqual(doc.facts.binfmt.entries.map((e: { name: string; flags: string[] }) => [e.name, e.flags.join('')]), [['qemu-aarch64', 'F']]);
    const binfmt = doc.checks.find((c: { id: string }) => c.id === 'binfmt');
    assert.equal(binfmt.status, 'pass');
    assert.ok(binfmt.findings.some((f: { message: string }) => f.message.includes('qemu-aarch64 → /usr/bin/qemu-aarch64-static [F]')));
  });
});
