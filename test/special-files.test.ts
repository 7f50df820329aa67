/**
 * No hangs on special files: every command that reads an input refuses a FIFO (no writer, so a
 * plain open(2) would block forever) promptly, with the file named.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run } from '../src/process/run.ts';
import { REPO, lacks } from './support/go.ts';

const BIN = join(REPO, 'src/cli/bin.ts');

const COMMANDS: Array<{ args: (fifo: string, dir: string) => string[]; code: number }> = [
  { args: (f) => ['inspect', f], code: 1 },
  { args: (f) => ['compat', f], code: 1 },
  { args: (f) => ['size', f], code: 1 },
  { args: (f, d) => ['strip', f, '-o', join(d, 'stripped')], code: 1 },
  { args: (f) => ['sbom', f], code: 1 },
  { args: (f, d) => ['sbom', '-o', join(d, 'out.json'), f], code: 1 },
  { args: (f) => ['run', f], code: 1 },
  { args: (f) => ['build', '-c', f], code: 2 },
];

for (const { args, code } of COMMANDS) {
  test(`gocross ${args('FIFO', 'DIR').join(' ')}: refuses a FIFO at once instead of blocking`, { skip: lacks('mkfifo') }, async () => {
    const dir = await mkdtemp(join(tmpdir(), 'gocross-fifo-'));
    const fifo = join(dir, 'f');
    await run('mkfifo', [fifo]);
    // The timeout only turns a hang into a failure; a prompt refusal takes well under a second.
    const r = await run(process.execPath, [BIN, ...args(fifo, dir)], { cwd: dir, reject: false, timeoutMs: 60_000 });
    assert.equal(r.timedOut, false, 'the command blocked on the FIFO');
    assert.equal(r.exitCode, code, r.stdout + r.stderr);
    assert.ok((r.stdout + r.stderr).includes(`Cannot read ${fifo}: not a regular file (a FIFO)`), r.stdout + r.stderr);
  });
}
