/**
 * Real registrations in a private binfmt_misc instance (user + mount namespace, Linux >= 6.7),
 * never the host's. One namespace runs a script of gocross CLI calls; the test checks each step.
 */
import assert from 'node:assert/strict';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { run } from '../src/process/run.ts';
import { goBinary, lacks, REPO } from './support/go.ts';

const ARCHES = ['arm64', 'arm', 'riscv64', 'ppc64le', 's390x', 'mips64le', '386'];
const M = '/proc/sys/fs/binfmt_misc';

test('install, status, direct execution, --replace, --dry-run, --persist and uninstall in a private binfmt_misc', { skip: lacks('unshare', 'qemu-aarch64-static', 'go') }, async () => {
  const bins = await Promise.all(ARCHES.map((goarch) => goBinary({ goos: 'linux', goarch })));
  const root = await mkdtemp(join(tmpdir(), 'gocross-binfmt-root-'));
  const g = `${process.execPath} ${join(REPO, 'src/cli/bin.ts')}`;
  const step = (name: string, cmd: string): string => `echo "=== ${name}"; ${cmd}; echo "=== rc $?"`;
  const script = [
    `mount -t binfmt_misc binfmt_misc ${M} || exit 99`,
    // A foreign entry for arm64 (as Debian would register it), to be left alone.
    `printf '%s' ':qemu-aarch64:M::\\x7f\\x45\\x4c\\x46\\x02\\x01\\x01\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x02\\x00\\xb7\\x00:\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\x00\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\xfe\\xff\\xff\\xff:/usr/bin/qemu-aarch64-static:' > ${M}/register`,
    step('status-before', `${g} binfmt status`),
    step('dry-run', `${g} binfmt install ${ARCHES.join(' ')} --dry-run --persist --persist-style systemd --root ${root}; ls ${M}`),
    step('install', `${g} binfmt install ${ARCHES.join(' ')} --persist --persist-style systemd --root ${root}`),
    step('conf', `cat ${root}/etc/binfmt.d/gocross-qemu-s390x.conf`),
    // Go's 386 runtime crashes under qemu-i386 7.2 with async preemption ("morestack on gsignal").
    ...ARCHES.map((a, i) => step(`exec-${a}`, `${a === '386' ? 'GODEBUG=asyncpreemptoff=1 ' : ''}${bins[i]} args one two`)),
    step('again', `${g} binfmt install riscv64`),
    step('replace', `${g} binfmt install riscv64 --replace --flags F`),
    step('status-json', `${g} binfmt status --json`),
    step('uninstall', `${g} binfmt uninstall --root ${root}`),
    step('after', `ls ${M}`),
  ].join('\n');
  const r = await run('unshare', ['--user', '--map-root-user', '--mount', 'sh', '-c', script], { reject: false, timeoutMs: 180_000 });
  try {
    assert.notEqual(r.exitCode, 99, `mount failed: ${r.stderr}`);
    const out = r.stdout;
    const section = (name: string): { text: string; rc: number } => {
      const m = new RegExp(`=== ${name}\\n([\\s\\S]*?)=== rc (\\d+)`).exec(out);
      assert.ok(m, `step ${name} missing:\n${out}\n${r.stderr}`);
      return { text: m[1]!, rc: Number(m[2]) };
    };
    // The foreign entry lacks F: status explains it (warning, not broken).
    const before = section('status-before');
    assert.match(before.text, /qemu-aarch64 lacks the F flag.*containers and chroots/);
    assert.match(before.text, /lacks the P flag: argv\[0\] is lost/);
    assert.equal(before.rc, 0);

    const dry = section('dry-run');
    assert.match(dry.text, /would register gocross-qemu-aarch64 .*write to \/proc\/sys\/fs\/binfmt_misc\/register:\n {2}:gocross-qemu-aarch64:M:0:\\x7f\\x45/);
    assert.match(dry.text, new RegExp(`would write ${root}/etc/binfmt.d/gocross-qemu-riscv64.conf`));
    assert.doesNotMatch(dry.text, /^gocross-qemu/m, 'dry run registered nothing');

    const install = section('install');
    assert.equal(install.rc, 0, install.text);
    for (const q of ['aarch64', 'arm', 'riscv64', 'ppc64le', 's390x', 'mips64el', 'i386']) {
      assert.match(install.text, new RegExp(`PASS {2}gocross-qemu-${q} `), q);
    }
    assert.match(install.text, /qemu-aarch64 \(not registered by gocross, left untouched\) also claims these binaries/);
    const conf = section('conf').text;
    assert.match(conf, /^:gocross-qemu-s390x:M:0:\\x7f\\x45\\x4c\\x46\\x02\\x02.*:\/usr\/bin\/qemu-s390x-static:P?F$/m);

    for (const a of ARCHES) assert.match(section(`exec-${a}`).text, /\[one two\]/, `./hello-${a} ran through binfmt_misc`);

    const again = section('again');
    assert.match(again.text, /skip {2}gocross-qemu-riscv64 .*already registered.*--replace/);
    const replace = section('replace');
    assert.match(replace.text, /PASS {2}gocross-qemu-riscv64 .*replaced with flags F,/);

    const status = JSON.parse(section('status-json').text) as { schemaVersion: number; entries: { name: string; flags: string[]; goarches: string[]; gocross: boolean; shadowedBy: string[] }[]; findings: { code: string; subject: string; message: string }[] };
    assert.equal(status.schemaVersion, 2, 'schemaVersion 2: findings are core check findings ({ status, code, subject, message, fix })');
    assert.deepEqual(status.entries.find((e) => e.name === 'gocross-qemu-riscv64')?.flags, ['F']);
    assert.deepEqual(status.entries.find((e) => e.name === 'gocross-qemu-mips64el')?.goarches, ['mips64le']);
    assert.ok(status.findings.some((f) => f.code === 'overlap' && /\bqemu-aarch64 and gocross-qemu-aarch64|gocross-qemu-aarch64 and qemu-aarch64\b/.test(f.message)), 'overlap with the foreign arm64 entry reported');

    const un = section('uninstall');
    assert.match(un.text, /removed gocross-qemu-aarch64; deleted .*gocross-qemu-aarch64.conf/);
    assert.deepEqual(section('after').text.trim().split('\n').sort(), ['qemu-aarch64', 'register', 'status'], 'foreign entry untouched');
    assert.deepEqual(await readdir(join(root, 'etc/binfmt.d')), []);
  } finally {
    await rm(root, { recursive: true, force: true });
  }
});

test('binfmt install refuses without root and with an unmounted binfmt_misc, naming the fix', { skip: lacks('unshare') }, async () => {
  const r = await run(process.execPath, [join(REPO, 'src/cli/bin.ts'), 'binfmt', 'install', 'arm64', '--mount', '/nonexistent'], { reject: false });
  assert.equal(r.exitCode, 1);
  assert.match(r.stderr, process.getuid?.() === 0 ? /not mounted at \/nonexistent \(mount -t binfmt_misc/ : /not running as root \(run it with sudo\)/);
});
