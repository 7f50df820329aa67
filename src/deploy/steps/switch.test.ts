/**
 * SWITCH_SCRIPT run for real, under dash with GNU coreutils and under BusyBox ash with BusyBox's
 * own mv/ln/rm (the tools a router has): `current` is replaced by a rename, never missing.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { lstat, mkdir, mkdtemp, readFile, readlink, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { SWITCH_SCRIPT } from './switch.ts';
import { formatLogLine } from './deploy-log.ts';

const exec = promisify(execFile);

interface Shell {
  name: string;
  argv: (script: string, args: string[]) => [string, string[]];
  env: (dir: string) => Promise<NodeJS.ProcessEnv>;
}

const shells: Shell[] = [
  { name: 'dash + coreutils', argv: (s, a) => ['dash', ['-c', s, 'sh', ...a]], env: async () => process.env },
  {
    name: 'busybox ash + busybox mv/ln/rm',
    argv: (s, a) => ['busybox', ['sh', '-c', s, 'sh', ...a]],
    env: async (dir) => {
      const bin = join(dir, 'bin');
      await mkdir(bin);
      for (const applet of ['mv', 'ln', 'rm', 'printf']) await symlink('/usr/bin/busybox', join(bin, applet));
      return { ...process.env, PATH: `${bin}:${process.env.PATH}` };
    },
  },
];

async function fixture(): Promise<string> {
  const base = await mkdtemp(join(tmpdir(), 'gocross-switch-'));
  await mkdir(join(base, 'releases'));
  await writeFile(join(base, 'releases', 'v1-aaaaaaaaaaaa'), '#!/bin/sh\n', { mode: 0o755 });
  await writeFile(join(base, 'releases', 'v2-bbbbbbbbbbbb'), '#!/bin/sh\n', { mode: 0o755 });
  return base;
}

for (const shell of shells) {
  test(`SWITCH_SCRIPT (${shell.name}) renames a new symlink over current and logs the switch`, { skip: shell.name.startsWith('busybox') && !existsSync('/usr/bin/busybox') }, async (t) => {
    const base = await fixture();
    t.after(() => rm(base, { recursive: true, force: true }));
    const env = await shell.env(base);
    const run = (id: string, line: string) => {
      const [cmd, args] = shell.argv(SWITCH_SCRIPT, [base, id, line]);
      return exec(cmd, args, { env });
    };
    await run('v1-aaaaaaaaaaaa', '');
    assert.equal(await readlink(join(base, 'current')), 'releases/v1-aaaaaaaaaaaa');
    const before = await lstat(join(base, 'current'));
    const entry = formatLogLine({ at: '2026-01-01T00:00:00Z', by: 'me', action: 'deploy', from: 'v1-aaaaaaaaaaaa', to: 'v2-bbbbbbbbbbbb' });
    await run('v2-bbbbbbbbbbbb', entry);
    const after = await lstat(join(base, 'current'));
    assert.equal(await readlink(join(base, 'current')), 'releases/v2-bbbbbbbbbbbb');
    assert.ok(after.isSymbolicLink());
    assert.notEqual(after.ino, before.ino, 'a new link was renamed into place');
    assert.equal(existsSync(join(base, '.current.new')), false);
    assert.equal(await readFile(join(base, 'deploy.log'), 'utf8'), `${entry}\n`);
  });

  test(`SWITCH_SCRIPT (${shell.name}) refuses a missing release and a current that is a directory, changing nothing`, { skip: shell.name.startsWith('busybox') && !existsSync('/usr/bin/busybox') }, async (t) => {
    const base = await fixture();
    t.after(() => rm(base, { recursive: true, force: true }));
    const env = await shell.env(base);
    const run = (id: string) => {
      const [cmd, args] = shell.argv(SWITCH_SCRIPT, [base, id, '']);
      return exec(cmd, args, { env });
    };
    await run('v1-aaaaaaaaaaaa');
    await assert.rejects(run('v9-cccccccccccc'), (e: { code: number; stderr: string }) => e.code === 3 && /releases\/v9-cccccccccccc is not on the device/.test(e.stderr));
    assert.equal(await readlink(join(base, 'current')), 'releases/v1-aaaaaaaaaaaa');
    await rm(join(base, 'current'));
    await mkdir(join(base, 'current'));
    await assert.rejects(run('v2-bbbbbbbbbbbb'), (e: { code: number }) => e.code === 4);
    assert.ok((await lstat(join(base, 'current'))).isDirectory());
  });
}
