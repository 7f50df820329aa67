import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { GO, REPO, lacks } from '../../test/support/go.ts';
import { checkLock, LockMismatchError } from './check.ts';
import { compareLock } from './compare.ts';
import { formatLock, parseLock, LockFileError, type ToolVersions } from './lockfile.ts';

const exec = promisify(execFile);
const tools = (over: Partial<ToolVersions> = {}): ToolVersions => ({ go: 'go1.23.5', binutils: '2.40', cc: { arm64: '12.2.0' }, qemu: { arm64: '7.2.22' }, ...over });

describe('compareLock()', () => {
  const cases: Array<[string, ToolVersions, ToolVersions, string[]]> = [
    ['identical hosts match', tools(), tools(), []],
    ['a different Go differs', tools(), tools({ go: 'go1.24.0' }), ['go']],
    ['a missing QEMU differs', tools(), tools({ qemu: {} }), ['qemu/arm64']],
    ['a different cross gcc differs', tools(), tools({ cc: { arm64: '13.1.0' } }), ['cc/arm64']],
    ['tools the lock does not name are ignored', tools({ binutils: null, cc: {} }), tools({ cc: { arm64: '1', riscv64: '2' } }), []],
  ];
  for (const [name, locked, current, differing] of cases) {
    it(name, () => assert.deepEqual(compareLock(locked, current).map((d) => d.tool), differing));
  }
});

describe('gocross.lock file', () => {
  it('round-trips, keys sorted, no timestamps', () => {
    const text = formatLock(tools({ qemu: { riscv64: '8.0', arm64: '7.2' } }));
    assert.deepEqual(Object.keys(JSON.parse(text).tools.qemu), ['arm64', 'riscv64']);
    assert.deepEqual(parseLock(text).tools, tools({ qemu: { arm64: '7.2', riscv64: '8.0' } }));
    assert.doesNotMatch(text, /20\d\d-/);
  });
  const bad: Array<[string, string, RegExp]> = [
    ['not JSON', '{', /not valid JSON/],
    ['wrong schema', '{"schemaVersion":2,"tools":{}}', /expected \{ schemaVersion: 1/],
    ['a non-string version', '{"schemaVersion":1,"tools":{"go":1}}', /tools\.go must be a version string/],
    ['a bad qemu map', '{"schemaVersion":1,"tools":{"qemu":["7.2"]}}', /tools\.qemu must map GOARCH names/],
  ];
  for (const [name, text, message] of bad) {
    it(`rejects ${name}`, () => assert.throws(() => parseLock(text, 'gocross.lock'), (e: Error) => e instanceof LockFileError && message.test(e.message)));
  }
});

describe('gocross lock on this host', { skip: lacks('go', 'readelf') }, () => {
  it('records the real versions; --check matches, then reports a changed Go; checkLock({ locked }) throws', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'gocross-lock-'));
    const cli = (args: string[]) => exec(process.execPath, [join(REPO, 'src/cli/bin.ts'), ...args], { cwd: dir, env: { ...process.env, NO_COLOR: '1' } });
    try {
      await cli(['lock', '--targets', 'linux/arm64']);
      const lock = JSON.parse(await readFile(join(dir, 'gocross.lock'), 'utf8'));
      const goVersion = (await exec(GO!, ['env', 'GOVERSION'], { env: { ...process.env, GOENV: 'off', GOTOOLCHAIN: 'local' } })).stdout.trim();
      assert.equal(lock.tools.go, goVersion);
      const readelf = (await exec('readelf', ['--version'])).stdout.split('\n')[0]!;
      assert.ok(readelf.endsWith(` ${lock.tools.binutils}`), readelf);
      if (!lacks('qemu-aarch64-static') && process.arch === 'x64') assert.match(lock.tools.qemu.arm64, /^\d+\.\d+/);

      assert.match((await cli(['lock', '--check'])).stdout, /host matches/);
      assert.equal((await checkLock({ dir })).status, 'match');

      lock.tools.go = 'go1.2.0';
      await writeFile(join(dir, 'gocross.lock'), JSON.stringify(lock));
      await assert.rejects(cli(['lock', '--check']), (e: { code: number; stdout: string }) => e.code === 1 && /go: locked go1\.2\.0, this host has go1\./.test(e.stdout));
      const warned = await checkLock({ dir });
      assert.equal(warned.status, 'differs');
      await assert.rejects(checkLock({ dir, locked: true }), (e: Error) => e instanceof LockMismatchError && /Cannot build with --locked: .*go: locked go1\.2\.0/.test(e.message));
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('checkLock() without a lock is "absent", and --locked demands one', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'gocross-lock-'));
    try {
      assert.equal((await checkLock({ dir })).status, 'absent');
      await assert.rejects(checkLock({ dir, locked: true }), /no gocross\.lock in this project/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
