import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtemp, open, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { sha256File } from './sha256.ts';

const dir = await mkdtemp(join(tmpdir(), 'gocross-sha256-'));
after(() => rm(dir, { recursive: true, force: true }));

/** A ~50 MB file that is mostly a hole, with data at the start, the middle and the (odd-sized) end. */
async function sparseFile(size: number): Promise<string> {
  const path = join(dir, 'big.bin');
  const handle = await open(path, 'w');
  try {
    await handle.truncate(size);
    for (const at of [0, Math.floor(size / 2), size - 7]) await handle.write(Buffer.from('gocross'), 0, 7, at);
  } finally {
    await handle.close();
  }
  return path;
}

test('sha256File() reports increasing byte counts that end at the file size, and hashes the same bytes', async () => {
  const size = 50 * 1024 * 1024 + 12345;
  const path = await sparseFile(size);
  const calls: Array<[number, number]> = [];
  const digest = await sha256File(path, (done, total) => calls.push([done, total]));
  assert.ok(calls.length > 1, `several progress calls for ${size} bytes: ${calls.length}`);
  for (let i = 1; i < calls.length; i++) assert.ok(calls[i]![0] > calls[i - 1]![0], `increasing: ${JSON.stringify(calls.slice(i - 1, i + 1))}`);
  assert.ok(calls.every(([, total]) => total === size));
  assert.deepEqual(calls.at(-1), [size, size]);
  assert.equal(digest, createHash('sha256').update(await readFile(path)).digest('hex'));
  assert.equal(await sha256File(path), digest, 'the same digest without a callback');
});
