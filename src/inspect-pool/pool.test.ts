import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { run } from '../process/run.ts';
import { GO, goEnv } from '../../test/support/go.ts';
import { inspectPaths } from './pool.ts';
import { inspectOutcome, type InspectOutcome } from './outcome.ts';

const scratch = mkdtempSync(join(tmpdir(), 'gocross-pool-'));
after(() => rmSync(scratch, { recursive: true, force: true }));

/** Real inputs of every kind: Go tools, Go's ELF/PE/Mach-O test files, a truncated tool, a text file, a missing path. */
async function inputs(): Promise<string[]> {
  const root = (await run(GO as string, ['env', 'GOROOT'], { env: goEnv() })).stdout.trim();
  const dirs = [join(root, 'src/debug/elf/testdata'), join(root, 'src/debug/pe/testdata'), join(root, 'src/debug/macho/testdata')];
  const tools = join(root, 'pkg/tool', readdirSync(join(root, 'pkg/tool'))[0] as string);
  const files = [...dirs, tools].flatMap((dir) => readdirSync(dir).sort().map((name) => join(dir, name)));
  const truncated = join(scratch, 'truncated-tool');
  writeFileSync(truncated, readFileSync(join(tools, readdirSync(tools).sort()[0] as string)).subarray(0, 4096));
  return [...files, truncated, join(root, 'VERSION'), join(root, 'no-such-file')];
}

async function collect(paths: readonly string[], threads: number): Promise<{ outcomes: InspectOutcome[]; calls: number[] }> {
  const outcomes: InspectOutcome[] = new Array(paths.length);
  const calls: number[] = [];
  await inspectPaths(paths, (outcome, index) => {
    calls.push(index);
    outcomes[index] = outcome;
  }, { threads });
  return { outcomes, calls };
}

test('inspectPaths() over worker threads gives each input the outcome an in-process read gives, once', { skip: !GO && 'Go is not installed' }, async () => {
  const paths = await inputs();
  assert.ok(paths.length > 40, `only ${paths.length} inputs`);
  const expected = await Promise.all(paths.map((p) => inspectOutcome(p)));
  assert.ok(expected.some((o) => o.ok) && expected.some((o) => !o.ok && o.error.code === 'format-error') && expected.some((o) => !o.ok && o.error.code === 'io-error'));
  for (const threads of [1, 2, 3]) {
    const { outcomes, calls } = await collect(paths, threads);
    assert.deepEqual([...calls].sort((a, b) => a - b), paths.map((_, i) => i), `threads=${threads}: every index exactly once`);
    assert.deepEqual(outcomes, expected, `threads=${threads}`);
  }
});

test('inspectPaths() with more threads than files, and with no files, finishes', async () => {
  const { outcomes } = await collect(['/no/such/file'], 4);
  assert.equal(outcomes.length, 1);
  assert.equal(outcomes[0]?.ok, false);
  assert.deepEqual((await collect([], 3)).outcomes, []);
});

test('inspectPaths() handles a worker\'s replies while the main thread is still reading (the readers never wait on the event loop)', { skip: !GO && 'Go is not installed' }, async () => {
  const once = await inputs();
  // Enough files that the main thread is busy for far longer than a worker takes to start.
  const paths = Array.from({ length: Math.ceil(1500 / once.length) }, () => once).flat();
  const { calls } = await collect(paths, 2);
  assert.equal(calls.length, paths.length);
  // The worker is sent the first chunks (indices 0..31) before the main thread starts on the rest;
  // a main thread that never yields sees the worker's reply only after it has done every other file.
  const firstReply = calls.indexOf(0);
  assert.ok(firstReply < paths.length - 32, `index 0 was handed over at position ${firstReply} of ${paths.length}: after the main thread had done everything else`);
});
