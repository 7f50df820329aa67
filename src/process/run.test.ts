import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { ProcessError, run } from './run.ts';

const dir = mkdtempSync(join(tmpdir(), 'gocross-run-'));
after(() => rmSync(dir, { recursive: true, force: true }));

/** Gone, or a zombie waiting for init to reap it: either way no longer running. */
function running(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    return false;
  }
}

async function waitUntilGone(pid: number): Promise<boolean> {
  for (let i = 0; i < 100 && running(pid); i++) await new Promise((r) => setTimeout(r, 50));
  return !running(pid);
}

async function processError(promise: Promise<unknown>): Promise<ProcessError> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  assert.ok(error instanceof ProcessError, `expected a ProcessError, got ${String(error)}`);
  return error;
}

describe('run()', () => {
  it('captures stdout and stderr and returns exit code 0', async () => {
    const r = await run('sh', ['-c', 'echo out; echo err >&2']);
    assert.equal(r.exitCode, 0);
    assert.equal(r.signal, null);
    assert.equal(r.stdout, 'out\n');
    assert.equal(r.stderr, 'err\n');
  });

  it('rejects a non-zero exit with a ProcessError whose long message carries stderr', async () => {
    const e = await processError(run('sh', ['-c', 'echo "no such thing" >&2; exit 3']));
    assert.equal(e.exitCode, 3);
    assert.equal(e.message, `Command failed with exit code 3: sh -c 'echo "no such thing" >&2; exit 3'`);
    assert.equal(e.stderr, 'no such thing\n');
    assert.equal(e.longMessage, `${e.message}\nno such thing`);
  });

  it('returns the result instead of throwing with reject: false', async () => {
    const r = await run('sh', ['-c', 'exit 5'], { reject: false });
    assert.equal(r.exitCode, 5);
  });

  it('reports the signal that killed the command', async () => {
    const e = await processError(run('sh', ['-c', 'kill -TERM $$']));
    assert.equal(e.signal, 'SIGTERM');
    assert.equal(e.exitCode, null);
    assert.match(e.message, /^Command was killed by SIGTERM: sh -c/);
  });

  it('a timeout kills the whole process tree, grandchildren included', async () => {
    // The shell starts a long sleep in the background and reports its pid before waiting.
    const e = await processError(run('sh', ['-c', 'sleep 60 & echo $!; wait'], { timeoutMs: 500 }));
    assert.equal(e.timedOut, true);
    assert.match(e.message, /^Command timed out after \d+ ms: sh -c/);
    const grandchild = Number(e.result.stdout.trim());
    assert.ok(grandchild > 0, `no pid in ${JSON.stringify(e.result.stdout)}`);
    assert.equal(await waitUntilGone(grandchild), true, `sleep ${grandchild} survived the timeout`);
  });

  it('an AbortSignal cancels the command and its children', async () => {
    const controller = new AbortController();
    const pending = run('sh', ['-c', 'sleep 60 & echo $!; wait'], {
      signal: controller.signal,
      onStdout: () => controller.abort(),
    });
    const e = await processError(pending);
    assert.equal(e.result.aborted, true);
    assert.match(e.message, /^Command was cancelled: sh -c/);
    const grandchild = Number(e.result.stdout.trim());
    assert.equal(await waitUntilGone(grandchild), true, `sleep ${grandchild} survived the abort`);
  });

  it('an already aborted signal never lets the command finish', async () => {
    const e = await processError(run('sh', ['-c', 'sleep 60'], { signal: AbortSignal.abort() }));
    assert.equal(e.result.aborted, true);
  });

  it('passes arguments literally, never through a shell', async () => {
    const marker = join(dir, 'x');
    const args = [`$(touch ${marker})`, '`touch x`; rm -rf /nonexistent', "it's", '*', '$HOME', ''];
    const r = await run(process.execPath, ['-e', 'process.stdout.write(JSON.stringify(process.argv.slice(1)))', ...args], { cwd: dir });
    assert.deepEqual(JSON.parse(r.stdout), args);
    assert.equal(existsSync(marker), false);
    assert.equal(existsSync(join(dir, 'x')), false);
  });

  it('a missing program is a ProcessError that says it failed to start', async () => {
    const e = await processError(run(join(dir, 'no-such-program'), ['a']));
    assert.match(e.message, /^Command failed to start: .*no-such-program a: .*ENOENT/);
  });

  it('feeds input to stdin', async () => {
    const r = await run('cat', [], { input: 'hello\n' });
    assert.equal(r.stdout, 'hello\n');
  });
});
