/** findInTar() against archives GNU tar writes (gnu, pax, ustar formats) and against our own writer. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findInTar } from './tar-read.ts';
import { tarChunks } from './tar.ts';

const LONG = `usr/local/${'d'.repeat(60)}/${'e'.repeat(60)}/bin/app`;

for (const format of ['gnu', 'pax', 'ustar']) {
  test(`findInTar() reads a ${format} archive written by GNU tar: long names, symlinks, absent paths`, () => {
    const dir = mkdtempSync(join(tmpdir(), 'gocross-tar-read-'));
    try {
      const root = join(dir, 'root');
      mkdirSync(join(root, LONG, '..'), { recursive: true });
      writeFileSync(join(root, LONG), 'the binary');
      // ustar has no way to store a link target over 100 bytes.
      const link = format === 'ustar' ? '/usr/local/bin/app' : `/${LONG}`;
      symlinkSync(link, join(root, 'entry'));
      execFileSync('tar', [`--format=${format}`, '-cf', join(dir, 'a.tar'), '-C', root, '.']);
      const tar = readFileSync(join(dir, 'a.tar'));
      const found = findInTar(tar, `/${LONG}`);
      assert.equal(found?.type === 'file' && Buffer.from(found.content).toString(), 'the binary');
      assert.deepEqual(findInTar(tar, '/entry'), { type: 'symlink', target: link });
      assert.equal(findInTar(tar, '/usr/local/bin/none'), undefined);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
}

test('findInTar() reads what tarChunks() writes, and a truncated archive is an error with the byte offset', () => {
  const tar = Buffer.concat(tarChunks([{ type: 'dir', path: 'etc', mode: 0o755 }, { type: 'file', path: 'etc/passwd', mode: 0o644, content: Buffer.from('root:x:0:0\n') }], 0));
  const found = findInTar(tar, 'etc/passwd');
  assert.equal(found?.type === 'file' && Buffer.from(found.content).toString(), 'root:x:0:0\n');
  assert.deepEqual(findInTar(tar, '/etc'), { type: 'other', typeflag: '5' });
  assert.throws(() => findInTar(tar.subarray(0, 1029), 'etc/passwd'), /Cannot read the layer's tar: entry of 11 bytes runs past the end \(1029 bytes\) at byte 0x200/);
  assert.throws(() => findInTar(tar.subarray(0, 700), 'etc/passwd'), /header cut short \(700 bytes\) at byte 0x200/);
});
