import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { bytesSource } from '../byte-source.ts';
import { BinaryError, FormatError } from '../errors.ts';
import type { BinaryInfo } from '../types.ts';
import { GO, goBinary, lacks } from '../../../test/support/go.ts';
import { readMacho } from './read-macho.ts';

const GOROOT_TESTDATA = GO ? join(GO, '../../src/debug/macho/testdata') : '';
const LC_LOAD_DYLIB = 0xc;

async function fixture(name: string): Promise<Uint8Array> {
  return new Uint8Array(Buffer.from(await readFile(join(GOROOT_TESTDATA, `${name}.base64`), 'utf8'), 'base64'));
}

async function read(bytes: Uint8Array): Promise<BinaryInfo> {
  return readMacho(bytesSource(bytes));
}

async function assertFormatError(bytes: Uint8Array, what: string): Promise<FormatError> {
  try {
    const info = await read(bytes);
    assert.fail(`${what}: expected a FormatError, got a result for ${info.machine}`);
  } catch (error) {
    assert.ok(error instanceof FormatError, `${what}: ${String(error)}`);
    assert.equal(typeof error.offset, 'number');
    assert.match(error.message, /^Cannot .* at byte 0x[0-9a-f]+$/);
    return error;
  }
}

function patched(bytes: Uint8Array, at: number, value: number, little: boolean): Uint8Array {
  const copy = bytes.slice();
  new DataView(copy.buffer).setUint32(at, value, little);
  return copy;
}

describe('readMacho() on damaged files', { skip: lacks('go') }, () => {
  let bytes: Uint8Array;
  let fat: Uint8Array;
  let commandStarts: number[];
  let sizeofcmds: number;
  before(async () => {
    bytes = new Uint8Array(await readFile(await goBinary({ goos: 'darwin', goarch: 'arm64', flags: ['-ldflags=-s -w'] })));
    fat = await fixture('fat-gcc-386-amd64-darwin-exec');
    const view = new DataView(bytes.buffer);
    const ncmds = view.getUint32(16, true);
    sizeofcmds = view.getUint32(20, true);
    commandStarts = [];
    for (let i = 0, at = 32; i < ncmds; i++, at += view.getUint32(at + 4, true)) commandStarts.push(at);
  });

  it('fails with a FormatError naming an offset when truncated at any header or load command boundary', async () => {
    const cuts = [4, 8, 16, 27, 28, 31, 32, ...commandStarts.flatMap((at) => [at, at + 4, at + 12]), 32 + sizeofcmds - 1];
    for (const cut of cuts) await assertFormatError(bytes.subarray(0, cut), `truncated at ${cut}`);
    for (const cut of [4, 8, 27, 28, 47, 48, 0x1000, 0x1000 + 28, 0x1000 + 100]) await assertFormatError(fat.subarray(0, cut), `fat truncated at ${cut}`);
  });

  it('still reads the load commands when truncated right after them, with warnings for what is gone', async () => {
    const info = await read(bytes.subarray(0, 32 + sizeofcmds));
    assert.equal(info.goarch, 'arm64');
    assert.equal(info.go, null);
    assert.equal(info.buildId.go, null);
    assert.ok(info.warnings.some((w) => w.includes('past end of file')), info.warnings.join('\n'));
  });

  const corruptions = [
    { what: 'ncmds larger than sizeofcmds can hold', at: () => 16, value: 0x10000000, errorAt: () => 16 },
    { what: 'sizeofcmds past end of file', at: () => 20, value: 0x7fff0000, errorAt: () => 20 },
    { what: 'cmdsize 0', at: () => commandStarts[1]! + 4, value: 0, errorAt: () => commandStarts[1]! + 4 },
    { what: 'cmdsize past sizeofcmds', at: () => commandStarts[1]! + 4, value: 0x7fff0000, errorAt: () => commandStarts[1]! + 4 },
    // commandStarts[1] is __TEXT: nsects sits at 64 in segment_command_64.
    { what: 'nsects beyond cmdsize', at: () => commandStarts[1]! + 64, value: 0x01000000, errorAt: () => commandStarts[1]! + 64 },
  ];
  for (const c of corruptions) {
    it(`fails with a FormatError at the bad field: ${c.what}`, async () => {
      const error = await assertFormatError(patched(bytes, c.at(), c.value, true), c.what);
      assert.equal(error.offset, c.errorAt(), error.message);
    });
  }

  it('fails with a FormatError when a dylib name offset leaves its load command', async () => {
    const view = new DataView(bytes.buffer);
    const dylib = commandStarts.find((at) => view.getUint32(at, true) === LC_LOAD_DYLIB)!;
    const error = await assertFormatError(patched(bytes, dylib + 8, 0xffff, true), 'dylib name offset');
    assert.equal(error.offset, dylib + 8);
  });

  it('fails with a FormatError on a fat file whose counts or offsets lie', async () => {
    // Entry 2 of 40 is zeros: its offset overlaps the fat header.
    assert.equal((await assertFormatError(patched(fat, 4, 40, false), 'nfat_arch 40')).offset, 8 + 2 * 20 + 8);
    assert.equal((await assertFormatError(patched(fat, 8 + 8, 0x7fff0000, false), 'slice offset past EOF')).offset, 16);
    assert.equal((await assertFormatError(patched(fat, 8 + 12, 0x7fff0000, false), 'slice size past EOF')).offset, 16);
    // A broken slice names its absolute file offset: ncmds of slice 1 (at 0x5000 + 16).
    const slice1 = new DataView(fat.buffer).getUint32(8 + 20 + 8, false);
    assert.equal((await assertFormatError(patched(fat, slice1 + 16, 0x10000000, true), 'slice 1 ncmds')).offset, slice1 + 16);
  });

  it('returns a result or a typed error for 3,000 random mutations of the headers and load commands', async () => {
    let seed = 0x5eed;
    const random = (n: number): number => {
      seed = (seed * 1103515245 + 12345) >>> 0;
      return seed % n;
    };
    const span = 32 + sizeofcmds;
    const work = bytes.slice();
    let results = 0;
    for (let i = 0; i < 3000; i++) {
      const touched: number[] = [];
      for (let k = 1 + random(4); k > 0; k--) {
        const at = random(span);
        touched.push(at);
        work[at] = random(256);
      }
      try {
        await read(work);
        results++;
      } catch (error) {
        assert.ok(error instanceof BinaryError, `mutation ${i}: ${(error as Error)?.stack ?? String(error)}`);
      }
      for (const at of touched) work[at] = bytes[at]!;
    }
    assert.ok(results > 0);
  });
});
