/**
 * Lost output and signals end a command through one path (cli/interrupt.ts): the build finishes or
 * rolls back what is in flight, dist/manifest.json still parses, and the exit code is never 0.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { closeSync, existsSync, openSync } from 'node:fs';
import { cp, mkdtemp, readFile, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Manifest } from '../src/gobuild/manifest.ts';
import { CACHE, REPO, lacks } from './support/go.ts';

const BIN = join(REPO, 'src/cli/bin.ts');

function cliEnv(): NodeJS.ProcessEnv {
  const { PATH, HOME } = process.env;
  return { PATH, HOME, GOCACHE: join(CACHE, 'go-build'), GOMODCACHE: join(CACHE, 'gopath/pkg/mod'), GOPROXY: 'off', NO_COLOR: '1' };
}

async function project(prefix: string): Promise<string> {
  const dir = join(await mkdtemp(join(tmpdir(), prefix)), 'hello');
  await cp(join(REPO, 'examples/hello'), dir, { recursive: true });
  return dir;
}

/** Runs the CLI; `onLine` sees each stdout line and may close the pipe or signal the child. */
function gocross(args: string[], cwd: string, onLine: (line: string, child: ReturnType<typeof spawn>) => void): Promise<{ code: number | null; stderr: string }> {
  const child = spawn(process.execPath, [BIN, ...args], { cwd, env: cliEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
  let buffered = '';
  child.stdout.on('data', (chunk: Buffer) => {
    buffered += chunk.toString();
    const lines = buffered.split('\n');
    buffered = lines.pop() ?? '';
    for (const line of lines) onLine(line, child);
  });
  let stderr = '';
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stderr })));
}

async function assertManifestIntact(dir: string): Promise<Manifest> {
  const manifest = JSON.parse(await readFile(join(dir, 'dist/manifest.json'), 'utf8')) as Manifest;
  for (const a of manifest.artifacts) assert.ok((await stat(join(dir, 'dist', a.path))).isFile(), `${a.path} is listed but missing`);
  return manifest;
}

test('gocross build --json whose reader closes after the first line exits 141 and keeps the last good release', { skip: lacks('go') }, async () => {
  const dir = await project('gocross-epipe-json-');
  const first = await gocross(['build', '-t', 'linux/amd64'], dir, () => {});
  assert.equal(first.code, 0, first.stderr);
  const before = await assertManifestIntact(dir);
  let closed = false;
  const r = await gocross(['build', '-f', '-j', '1', '--json', '-t', 'linux/amd64,linux/arm64,linux/386'], dir, (_line, child) => {
    if (closed) return;
    closed = true;
    child.stdout?.destroy(); // like `| head -1`
  });
  assert.ok(closed, r.stderr);
  assert.equal(r.code, 141, r.stderr);
  assert.doesNotMatch(r.stderr, /\n\s+at /, 'no stack trace');
  const after = await assertManifestIntact(dir);
  // The previous amd64 artifact is still listed (rebuilt or kept), never lost.
  assert.ok(after.artifacts.some((a) => a.target === 'linux/amd64'), JSON.stringify(after.artifacts.map((a) => a.target)));
  assert.ok(before.artifacts.length >= 1);
});

test('gocross build whose stdout is closed before the summary (| head -1) does not exit 0', { skip: lacks('go') }, async () => {
  const dir = await project('gocross-epipe-plain-');
  const child = spawn(process.execPath, [BIN, 'build', '-t', 'linux/amd64'], { cwd: dir, env: cliEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout.destroy();
  let stderr = '';
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  assert.equal(code, 141, stderr);
  const manifest = await assertManifestIntact(dir);
  assert.equal(manifest.artifacts.length, 1);
});

test('gocross build stopped by SIGTERM exits 143 with a parseable manifest', { skip: lacks('go') }, async () => {
  const dir = await project('gocross-sigterm-');
  let signalled = false;
  const r = await gocross(['build', '-j', '1', '--json', '-t', 'linux/amd64,linux/arm64,linux/386,linux/riscv64'], dir, (line, child) => {
    if (!signalled && (JSON.parse(line) as { type: string }).type === 'target-done') {
      signalled = true;
      child.kill('SIGTERM');
    }
  });
  assert.ok(signalled, r.stderr);
  assert.equal(r.code, 143, r.stderr);
  const manifest = await assertManifestIntact(dir);
  assert.equal(manifest.interrupted, true);
});

const SMALL_ELF = ['/bin/true', '/usr/bin/true'].find((p) => existsSync(p));

test('gocross inspect whose reader goes away exits 141, not 0', { skip: SMALL_ELF ? false : 'no /bin/true' }, async () => {
  const files = Array.from({ length: 2000 }, () => SMALL_ELF as string);
  let closed = false;
  const r = await gocross(['inspect', ...files], REPO, (_line, child) => {
    if (closed) return;
    closed = true;
    child.stdout?.destroy();
  });
  assert.ok(closed, r.stderr);
  assert.equal(r.code, 141, r.stderr);
});

const SLEEP = ['/bin/sleep', '/usr/bin/sleep'].find((p) => existsSync(p));

for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143]] as const) {
  test(`gocross run stopped by ${signal} exits ${code}, as every command does`, { skip: SLEEP ? false : 'no sleep' }, async () => {
    const child = spawn(process.execPath, [BIN, 'run', '--explain', SLEEP as string, '--', '60'], { env: cliEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    let sent = false;
    child.stderr.on('data', (c: Buffer) => {
      stderr += c.toString();
      // The plan is printed just before the program starts.
      if (!sent && stderr.includes('gocross run:')) sent = child.kill(signal);
    });
    const exit = await new Promise<number | null>((resolve) => child.on('close', resolve));
    assert.ok(sent, stderr);
    assert.equal(exit, code, stderr);
  });
}

test('a failed write to stdout (a full disk) is reported on stderr and exits 141, never 0', { skip: existsSync('/dev/full') ? false : 'no /dev/full' }, async () => {
  const full = openSync('/dev/full', 'w');
  try {
    const child = spawn(process.execPath, [BIN, 'inspect', process.execPath], { env: cliEnv(), stdio: ['ignore', full, 'pipe'] });
    let stderr = '';
    child.stderr?.on('data', (c: Buffer) => (stderr += c.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    assert.equal(code, 141, stderr);
    assert.match(stderr, /^gocross: Cannot write the output: no space left on device$/m);
  } finally {
    closeSync(full);
  }
});
