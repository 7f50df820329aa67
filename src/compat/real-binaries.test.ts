/**
 * compat on real Go binaries (built once per spec by goBinary, shared cache), through the reader
 * and through the CLI. The CGO arm64 binary linked against Debian 12's cross glibc needs GLIBC_2.34.
 */
import { describe, it, before } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { copyFile, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { inspectFile } from '../binary/inspect.ts';
import { FIXTURES, REPO, goBinary, lacks } from '../../test/support/go.ts';
import { evaluate } from './evaluate.ts';
import { builtinProfiles, findProfile } from './profiles.ts';
import { widestStatement } from './widest.ts';

const exec = promisify(execFile);
const BIN = join(REPO, 'src/cli/bin.ts');

async function gocross(args: string[], cwd = REPO): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const r = await exec(process.execPath, [BIN, ...args], { cwd, env: { ...process.env, NO_COLOR: '1' } });
    return { code: 0, stdout: r.stdout, stderr: r.stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

const profile = (id: string) => findProfile(builtinProfiles, id)!;

describe('compat on the CGO linux/arm64 binary', { skip: lacks('go', 'aarch64-linux-gnu-gcc') }, () => {
  let cgo = '';
  before(async () => {
    cgo = await goBinary({ goos: 'linux', goarch: 'arm64', dir: join(FIXTURES, 'cgo'), env: { CGO_ENABLED: '1', CC: 'aarch64-linux-gnu-gcc' }, name: 'cgohello-linux-arm64' });
  });

  it('fails centos7 and rocky8 naming GLIBC_2.34 and its symbols, passes rocky9 and debian12', async () => {
    const info = await inspectFile(cgo);
    for (const id of ['centos7', 'rocky8']) {
      const v = evaluate(info, profile(id));
      assert.equal(v.runs, false, id);
      const reason = v.reasons.find((r) => r.code === 'symbol-version');
      assert.ok(reason, id);
      assert.equal(reason.version, 'GLIBC_2.34');
      assert.equal(reason.library, 'libc.so.6');
      assert.ok(reason.symbols?.includes('__libc_start_main@GLIBC_2.34'), reason.symbols?.join(','));
    }
    for (const id of ['rocky9', 'debian12']) assert.equal(evaluate(info, profile(id)).runs, true, id);
  });

  it('CLI --on prints every verdict and exits 1 when one fails', async () => {
    const r = await gocross(['compat', cgo, '--on', 'centos7,rocky8,rocky9,debian12']);
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stdout, /✗ fails on centos7[\s\S]*needs GLIBC_2\.34 from libc\.so\.6 \(centos7 has glibc 2\.17\): symbols __libc_start_main@GLIBC_2\.34/);
    assert.match(r.stdout, /✗ fails on rocky8/);
    assert.match(r.stdout, /✓ runs on rocky9/);
    assert.match(r.stdout, /✓ runs on debian12/);
  });

  it('CLI exits 0 when every requested profile passes, and --json carries the verdicts', async () => {
    const r = await gocross(['compat', cgo, '--on', 'rocky9,debian12', '--json']);
    assert.equal(r.code, 0, r.stderr);
    const doc = JSON.parse(r.stdout);
    assert.equal(doc.schemaVersion, 1);
    assert.equal(doc.files[0].requirements.glibc, '2.34');
    assert.deepEqual(doc.files[0].verdicts.map((v: { profile: string; runs: boolean }) => [v.profile, v.runs]), [['rocky9', true], ['debian12', true]]);
  });

  it('without --on prints the widest statement', async () => {
    const r = await gocross(['compat', cgo]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /runs on glibc ≥ 2\.34 with kernel ≥ [\d.]+ on arm64: .*rocky9.*debian12/);
    assert.match(r.stdout, /not on centos7: needs GLIBC_2\.34 from libc\.so\.6 .*symbols __libc_start_main@GLIBC_2\.34/);
  });

  it('--glibc/--kernel checks an ad-hoc target', async () => {
    const old = await gocross(['compat', cgo, '--glibc', '2.31', '--kernel', '5.4']);
    assert.equal(old.code, 1);
    assert.match(old.stdout, /✗ fails on custom \(glibc 2\.31, kernel 5\.4\)/);
    const fine = await gocross(['compat', cgo, '--glibc', '2.35', '--kernel', '5.15']);
    assert.equal(fine.code, 0, fine.stdout);
  });
});

describe('compat on static and special Go binaries', { skip: lacks('go') }, () => {
  it('static Go binaries run on every profile that ships their arch', async () => {
    for (const goarch of ['amd64', 'arm64']) {
      const info = await inspectFile(await goBinary({ goos: 'linux', goarch }));
      assert.equal(info.linkage, 'static');
      const w = widestStatement(info, builtinProfiles);
      const expected = builtinProfiles.filter((p) => p.os === 'linux' && p.arches.includes(goarch)).map((p) => p.id);
      assert.deepEqual(w.runsOn.sort(), expected.sort(), goarch);
      for (const v of w.notOn) assert.deepEqual(v.reasons.map((r) => r.code), ['arch'], v.profile);
    }
  });

  it('a GOAMD64=v3 build fails the x86-64-v2 baseline of rocky9 and passes rocky10', async () => {
    const info = await inspectFile(await goBinary({ goos: 'linux', goarch: 'amd64', env: { GOAMD64: 'v3' }, name: 'hello-linux-amd64-v3' }));
    const v = evaluate(info, profile('rocky9'));
    assert.equal(v.runs, false);
    assert.deepEqual(v.reasons.map((r) => r.code), ['cpu-level']);
    assert.match(v.reasons[0]!.message, /GOAMD64=v3 \(x86-64-v3\); rocky9 supports CPUs down to x86-64-v2/);
    assert.equal(evaluate(info, profile('rocky10')).runs, true);
  });

  it('a binary whose PT_INTERP is the musl loader fails glibc profiles', { skip: lacks('gcc') }, async () => {
    // A cgo build linked with -I /lib/ld-musl-x86_64.so.1: PT_INTERP names musl's loader.
    const path = await goBinary({ goos: 'linux', goarch: 'amd64', dir: join(FIXTURES, 'cgo'), env: { CGO_ENABLED: '1' }, flags: ['-ldflags=-I /lib/ld-musl-x86_64.so.1'], name: 'cgohello-musl-interp' });
    const info = await inspectFile(path);
    assert.equal(info.interpreter, '/lib/ld-musl-x86_64.so.1');
    for (const id of ['centos7', 'rocky9', 'debian12', 'ubuntu24.04']) {
      const v = evaluate(info, profile(id));
      assert.equal(v.runs, false, id);
      assert.ok(v.reasons.some((r) => r.code === 'libc' && r.message.includes('/lib/ld-musl-x86_64.so.1')), id);
    }
  });

  it('custom profiles from the config file are checked like built-ins', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'gocross-compat-'));
    try {
      const app = join(dir, 'app');
      await copyFile(await goBinary({ goos: 'linux', goarch: 'amd64', env: { GOAMD64: 'v3' }, name: 'hello-linux-amd64-v3' }), app);
      await writeFile(join(dir, 'gocross.config.yaml'), [
        'profiles:',
        '  old-gateway:',
        '    glibc: "2.12"',
        '    kernel: "2.6.18"',
        '    arch: [amd64]',
        '    cpu: { GOAMD64: v1 }',
        '  fleet-v3:',
        '    extends: debian12',
        '    cpu: { GOAMD64: v3 }',
        '',
      ].join('\n'));
      const r = await gocross(['compat', app, '--on', 'old-gateway,fleet-v3'], dir);
      assert.equal(r.code, 1, r.stderr);
      assert.match(r.stdout, /✗ fails on old-gateway[\s\S]*needs Linux kernel >= 2\.6\.32; old-gateway has 2\.6\.18/);
      assert.match(r.stdout, /GOAMD64=v3 \(x86-64-v3\); old-gateway supports CPUs down to x86-64-v1/);
      assert.match(r.stdout, /✓ runs on fleet-v3/);
      const list = await gocross(['compat', '--list'], dir);
      assert.match(list.stdout, /^fleet-v3 .*\(custom\)$/m);
      const bad = await gocross(['compat', app, '--on', 'nope'], dir);
      assert.equal(bad.code, 2);
      assert.match(bad.stderr, /unknown profile 'nope'/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('compat on a CGO_ENABLED=0 -buildmode=pie linux/amd64 binary (dynamic only because of PIE)', { skip: lacks('go') }, () => {
  it('names -buildmode=pie in the fix, never CGO_ENABLED=0, which the build already set', async () => {
    const pie = await goBinary({ goos: 'linux', goarch: 'amd64', flags: ['-buildmode=pie'], name: 'hello-linux-amd64-pie' });
    const info = await inspectFile(pie);
    assert.equal(info.linkage, 'dynamic');
    assert.equal(info.go?.settings.CGO_ENABLED, '0');
    const reason = evaluate(info, profile('alpine3.19')).reasons.find((r) => r.code === 'libc');
    assert.ok(reason, 'alpine has no glibc loader');
    assert.match(reason.fix ?? '', /^build without -buildmode=pie .*-extldflags=-static-pie/);
    assert.doesNotMatch(reason.fix ?? '', /build with CGO_ENABLED=0/);
    // A cgo binary is still told to build with CGO_ENABLED=0.
    const cgo = await inspectFile(await goBinary({ goos: 'linux', goarch: 'amd64', dir: join(FIXTURES, 'cgo'), env: { CGO_ENABLED: '1' }, name: 'cgohello-linux-amd64' }));
    assert.match(evaluate(cgo, profile('alpine3.19')).reasons.find((r) => r.code === 'libc')?.fix ?? '', /^build with CGO_ENABLED=0/);
  });
});
