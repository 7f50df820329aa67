/** `gocross build` and gocross.lock: silent when the host matches, a warning when it differs, a refusal with --locked. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cp, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run } from '../src/process/run.ts';
import { CACHE, REPO, lacks } from './support/go.ts';

const BIN = join(REPO, 'src/cli/bin.ts');

function gocross(args: string[], cwd: string) {
  const { PATH, HOME } = process.env;
  const env = { PATH, HOME, GOCACHE: join(CACHE, 'go-build'), GOPROXY: 'off', NO_COLOR: '1', CI: 'true' };
  return run(process.execPath, [BIN, ...args], { cwd, env, reject: false, timeoutMs: 5 * 60_000 });
}

test('gocross build checks gocross.lock: match, differ (warn), --locked (refuse)', { skip: lacks('go') }, async () => {
  const dir = join(await mkdtemp(join(tmpdir(), 'gocross-lock-')), 'hello');
  await cp(join(REPO, 'examples/hello'), dir, { recursive: true });

  const noLock = await gocross(['build', '-t', 'linux/arm64', '--locked'], dir);
  assert.equal(noLock.exitCode, 1);
  assert.match(noLock.stderr, /no gocross\.lock in this project \(run 'gocross lock'/);

  assert.equal((await gocross(['lock'], dir)).exitCode, 0);
  const same = await gocross(['build', '-t', 'linux/arm64', '--locked'], dir);
  assert.equal(same.exitCode, 0, same.stderr);
  assert.doesNotMatch(same.stderr, /differs/);

  const lockPath = join(dir, 'gocross.lock');
  const lock = JSON.parse(await readFile(lockPath, 'utf8')) as { tools: { go: string } };
  lock.tools.go = 'go1.99.0';
  await writeFile(lockPath, JSON.stringify(lock));
  const warned = await gocross(['build', '-t', 'linux/arm64'], dir);
  assert.equal(warned.exitCode, 0, warned.stderr);
  assert.match(warned.stderr, /warning: host differs from .*gocross\.lock.*go1\.99\.0/);
  const refused = await gocross(['build', '-t', 'linux/arm64', '--locked'], dir);
  assert.equal(refused.exitCode, 1);
  assert.match(refused.stderr, /Cannot build with --locked: this host differs/);
});

test('a malformed gocross.lock is a config error (exit 2) for build and lock --check, and nothing is built', { skip: lacks('go') }, async () => {
  const dir = join(await mkdtemp(join(tmpdir(), 'gocross-badlock-')), 'hello');
  await cp(join(REPO, 'examples/hello'), dir, { recursive: true });
  await writeFile(join(dir, 'gocross.lock'), '{ "schemaVersion": 1, "tools": ');
  for (const args of [['build', '-t', 'linux/amd64'], ['lock', '--check']]) {
    const r = await gocross(args, dir);
    assert.equal(r.exitCode, 2, `${args.join(' ')}: ${r.stderr}`);
    assert.match(r.stderr, /^gocross: Cannot read .*gocross\.lock: not valid JSON/m);
  }
  assert.equal(await readFile(join(dir, 'dist/manifest.json'), 'utf8').catch(() => null), null);
});
