import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { atomicWrite, publishDirectory, publishFile, tempPathFor } from './atomic-write.ts';

const scratch = (): Promise<string> => mkdtemp(join(tmpdir(), 'gocross-atomic-'));

for (const durable of [true, false]) {
  test(`atomicWrite() replaces a file with the exact mode and leaves no temp file (durable: ${durable})`, async () => {
    const dir = await scratch();
    const file = join(dir, 'out.json');
    await writeFile(file, 'old');
    await atomicWrite(file, 'new', { mode: 0o755, durable });
    assert.equal(await readFile(file, 'utf8'), 'new');
    assert.equal((await stat(file)).mode & 0o777, 0o755);
    assert.deepEqual(await readdir(dir), ['out.json']);
  });
}

test('atomicWrite() with mkdir creates the parent; a fill function writes piece by piece', async () => {
  const dir = await scratch();
  const file = join(dir, 'a/b/c.bin');
  await atomicWrite(file, async (out) => {
    await out.write(new Uint8Array([1, 2]), 0, 2, 0);
    await out.write(new Uint8Array([3]), 0, 1, 2);
  }, { mkdir: true });
  assert.deepEqual([...(await readFile(file))], [1, 2, 3]);
});

test('atomicWrite() keeps the old file and removes its temp file when filling fails', async () => {
  const dir = await scratch();
  const file = join(dir, 'keep.txt');
  await writeFile(file, 'last good');
  await assert.rejects(atomicWrite(file, async (out) => {
    await out.write('half');
    throw new Error('disk on fire');
  }), /disk on fire/);
  assert.equal(await readFile(file, 'utf8'), 'last good');
  assert.deepEqual(await readdir(dir), ['keep.txt']);
});

test('atomicWrite() removes its temp file when the rename fails (the target is a directory)', async () => {
  const dir = await scratch();
  await mkdir(join(dir, 'taken'));
  await assert.rejects(atomicWrite(join(dir, 'taken'), 'x'), (e: Error) => (e.cause as NodeJS.ErrnoException).code === 'EISDIR' && e.message === `Cannot write ${join(dir, 'taken')}: is a directory`);
  assert.deepEqual(await readdir(dir), ['taken']);
});

test('publishFile() renames a complete file into place; a failed rename removes the source', async () => {
  const dir = await scratch();
  const tmp = tempPathFor(join(dir, 'app'));
  await writeFile(tmp, 'binary');
  await writeFile(join(dir, 'app'), 'old binary');
  await publishFile(tmp, join(dir, 'app'));
  assert.equal(await readFile(join(dir, 'app'), 'utf8'), 'binary');
  assert.deepEqual(await readdir(dir), ['app']);
  const again = tempPathFor(join(dir, 'app'));
  await writeFile(again, 'x');
  await assert.rejects(publishFile(again, join(dir, 'missing/app')), (e: Error) => (e.cause as NodeJS.ErrnoException).code === 'ENOENT' && e.message.startsWith(`Cannot publish ${join(dir, 'missing/app')}: `));
  assert.deepEqual(await readdir(dir), ['app']);
});

test('publishDirectory() replaces a non-empty directory and creates a missing one', async () => {
  const dir = await scratch();
  const report = join(dir, 'report');
  await mkdir(report);
  await writeFile(join(report, 'old.html'), 'old');
  const staged = tempPathFor(report);
  await mkdir(staged);
  await writeFile(join(staged, 'index.html'), 'new');
  await publishDirectory(staged, report);
  assert.deepEqual(await readdir(report), ['index.html']);
  assert.deepEqual(await readdir(dir), ['report']);
  const fresh = tempPathFor(join(dir, 'fresh'));
  await mkdir(fresh);
  await publishDirectory(fresh, join(dir, 'fresh'));
  assert.deepEqual((await readdir(dir)).sort(), ['fresh', 'report']);
});

test('atomicWrite(): SIGTERM with no other handler removes the temp file and still ends the process', async () => {
  const dir = await scratch();
  const file = join(dir, 'release.bin');
  await writeFile(file, 'last good');
  const script = `
    import { atomicWrite } from ${JSON.stringify(new URL('./atomic-write.ts', import.meta.url).href)};
    await atomicWrite(${JSON.stringify(file)}, async (out) => {
      await out.write('partial');
      process.stdout.write('writing\\n');
      await new Promise(() => setInterval(() => {}, 1000));
    });`;
  const child = spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
  child.stdout.once('data', () => child.kill('SIGTERM'));
  const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve) => child.on('close', (c, s) => resolve([c, s])));
  assert.equal(signal, 'SIGTERM', `exit code ${code}`);
  assert.equal(await readFile(file, 'utf8'), 'last good');
  assert.deepEqual(await readdir(dir), ['release.bin']);
});
