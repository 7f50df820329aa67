/**
 * Go's own debug/elf fixtures: objects of many arches, compressed debug sections, a core file.
 * Each gives a result or a typed error; where readelf reads a file cleanly, we agree with it.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { bytesSource } from '../byte-source.ts';
import { BinaryError } from '../errors.ts';
import { run } from '../../process/run.ts';
import { GO, goEnv, lacks } from '../../../test/support/go.ts';
import { readElf } from './read-elf.ts';
import { compareWithFile, compareWithReadelf } from './testing/compare.ts';

const goroot = GO ? (await run(GO, ['env', 'GOROOT'], { env: goEnv() })).stdout.trim() : '';
const dir = join(goroot, 'src/debug/elf/testdata');
const files = existsSync(dir) ? (await readdir(dir)).filter((f) => !f.endsWith('.c')).sort() : [];

/** What we know about some fixtures beyond what the oracles print. */
const EXPECT: Record<string, { kind?: string; goarch?: string | null; goos?: string }> = {
  'gcc-386-freebsd-exec': { kind: 'executable', goarch: '386', goos: 'freebsd' },
  'gcc-amd64-linux-exec': { kind: 'executable', goarch: 'amd64', goos: 'linux' },
  'go-relocation-test-gcc492-mips64.obj': { kind: 'object', goarch: 'mips64' },
  'go-relocation-test-gcc493-mips64le.obj': { kind: 'object', goarch: 'mips64le' },
  'go-relocation-test-gcc540-mips.obj': { kind: 'object', goarch: 'mips' },
  'go-relocation-test-gcc492-mipsle.obj': { kind: 'object', goarch: 'mipsle' },
  'go-relocation-test-gcc5-ppc.obj': { kind: 'object', goarch: null },
  'go-relocation-test-gcc620-sparc64.obj': { kind: 'object', goarch: null },
  'go-relocation-test-gcc482-ppc64le.obj': { kind: 'object', goarch: 'ppc64le' },
  'hello-world-core.gz': { kind: 'core', goarch: 'amd64' },
  'zdebug-test-gcc484-x86-64.obj': { kind: 'object', goarch: 'amd64' },
};

test('Go debug/elf fixtures are present', { skip: lacks('go') }, () => {
  assert.ok(files.length >= 20, `expected Go's ELF fixtures in ${dir}`);
});

for (const name of files) {
  test(`readElf() reads Go fixture ${name} like readelf and file do`, { skip: lacks('go', 'readelf', 'file') }, async () => {
    let bytes: Uint8Array = await readFile(join(dir, name));
    if (name.endsWith('.gz')) bytes = gunzipSync(bytes);
    let info;
    try {
      info = await readElf(bytesSource(bytes));
    } catch (error) {
      assert.ok(error instanceof BinaryError, `untyped error ${String(error)}`);
      return;
    }
    const want = EXPECT[name];
    if (want?.kind) assert.equal(info.kind, want.kind);
    if (want && 'goarch' in want) assert.equal(info.goarch, want.goarch);
    if (want?.goos) assert.equal(info.goos, want.goos);
    if (name.startsWith('compressed-') || name.startsWith('zdebug-')) assert.equal(info.debugInfo, true);
    const tmp = await mkdtemp(join(tmpdir(), 'gocross-elf-'));
    try {
      const path = join(tmp, name.replace(/\.gz$/, ''));
      await writeFile(path, bytes);
      const clean = await run('readelf', ['-h', '-l', '-d', '-V', '-n', '-S', '--wide', path], { reject: false });
      if (clean.exitCode === 0 && !/warning|error/i.test(clean.stderr)) await compareWithReadelf(path, info);
      await compareWithFile(path, info);
    } finally {
      await rm(tmp, { recursive: true, force: true });
    }
  });
}
