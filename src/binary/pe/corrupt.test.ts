import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { bytesSource } from '../byte-source.ts';
import { BinaryError, FormatError } from '../errors.ts';
import type { BinaryInfo, PeSecurity } from '../types.ts';
import { run } from '../../process/run.ts';
import { goBinary, lacks } from '../../../test/support/go.ts';
import { readPe } from './read-pe.ts';

/** Little-endian patching of a copy of real bytes. */
function patched(bytes: Uint8Array, at: number, value: number, width: 2 | 4): Uint8Array {
  const copy = bytes.slice();
  const view = new DataView(copy.buffer);
  if (width === 2) view.setUint16(at, value, true);
  else view.setUint32(at, value, true);
  return copy;
}

async function assertFormatError(bytes: Uint8Array, what: string): Promise<FormatError> {
  try {
    const info = await readPe(bytesSource(bytes));
    assert.fail(`${what}: expected a FormatError, got a result for ${info.machine}`);
  } catch (error) {
    assert.ok(error instanceof FormatError, `${what}: ${String(error)}`);
    assert.equal(typeof error.offset, 'number');
    assert.match(error.message, /^Cannot .* at byte 0x[0-9a-f]+$/);
    return error;
  }
}

describe('readPe() on damaged files', { skip: lacks('go') }, () => {
  let bytes: Uint8Array;
  let lfanew: number;
  let coff: number;
  let tableStart: number;
  let tableEnd: number;
  before(async () => {
    bytes = new Uint8Array(await readFile(await goBinary({ goos: 'windows', goarch: 'amd64', flags: ['-ldflags=-s -w'] })));
    const view = new DataView(bytes.buffer, bytes.byteOffset);
    lfanew = view.getUint32(0x3c, true);
    coff = lfanew + 4;
    tableStart = coff + 20 + view.getUint16(coff + 16, true);
    tableEnd = tableStart + 40 * view.getUint16(coff + 2, true);
  });

  it('fails with a FormatError naming an offset when truncated at any header boundary', async () => {
    const cuts = [2, 0x3c, 0x40, lfanew, lfanew + 2, coff, coff + 10, coff + 20, coff + 20 + 0x18, coff + 20 + 0x70, tableStart, tableStart + 40, tableEnd - 1];
    for (const cut of cuts) await assertFormatError(bytes.subarray(0, cut), `truncated at ${cut}`);
  });

  it('still reads the headers when truncated after the section table, with warnings for what is gone', async () => {
    const info = await readPe(bytesSource(bytes.subarray(0, tableEnd)));
    assert.equal(info.goarch, 'amd64');
    assert.deepEqual(info.needed, []);
    assert.equal(info.go, null);
    assert.ok(info.warnings.some((w) => w.includes('import directory')), info.warnings.join('\n'));
  });

  const corruptions: Array<{ what: string; at: () => number; value: number; width: 2 | 4; errorAt: () => number }> = [
    { what: 'e_lfanew past end of file', at: () => 0x3c, value: 0x7ffffff0, width: 4, errorAt: () => 0x3c },
    { what: 'bad PE signature', at: () => lfanew, value: 0x4550_4550, width: 4, errorAt: () => lfanew },
    { what: 'NumberOfSections 0xffff', at: () => coff + 2, value: 0xffff, width: 2, errorAt: () => coff + 2 },
    { what: 'SizeOfOptionalHeader too small for PE32+', at: () => coff + 16, value: 0x60, width: 2, errorAt: () => coff + 20 - 4 },
    { what: 'unknown optional header magic', at: () => coff + 20, value: 0x30b, width: 2, errorAt: () => coff + 20 },
    { what: 'NumberOfRvaAndSizes beyond the optional header', at: () => coff + 16, value: 112 + 8, width: 2, errorAt: () => coff + 20 + 108 },
  ];
  for (const c of corruptions) {
    it(`fails with a FormatError at the bad field: ${c.what}`, async () => {
      const error = await assertFormatError(patched(bytes, c.at(), c.value, c.width), c.what);
      assert.equal(error.offset, c.errorAt(), error.message);
    });
  }

  const flips = [
    { what: 'IMAGE_FILE_DLL set', at: () => coff + 18, value: 0x2022, width: 2, check: (i: BinaryInfo) => i.kind === 'shared-library', file: /\(DLL\)/ },
    { what: 'subsystem windows-gui', at: () => coff + 20 + 68, value: 2, width: 2, check: (i: BinaryInfo) => i.details.subsystem === 'windows-gui', file: /\(GUI\)/ },
    { what: 'GUARD_CF set', at: () => coff + 20 + 70, value: 0xc160, width: 2, check: (i: BinaryInfo) => (i.security as PeSecurity).cfg, file: null },
    { what: 'DYNAMIC_BASE cleared', at: () => coff + 20 + 70, value: 0x8120, width: 2, check: (i: BinaryInfo) => !(i.security as PeSecurity).aslr && !i.pie, file: null },
  ] as const;
  for (const f of flips) {
    it(`reports a real image with ${f.what}`, async (t) => {
      const copy = patched(bytes, f.at(), f.value, f.width);
      const info = await readPe(bytesSource(copy));
      assert.ok(f.check(info), JSON.stringify({ kind: info.kind, details: info.details, security: info.security }));
      if (f.file && !lacks('file')) {
        const dir = await mkdtemp(join(tmpdir(), 'gocross-pe-'));
        t.after(() => rm(dir, { recursive: true, force: true }));
        await writeFile(join(dir, 'x.exe'), copy);
        assert.match((await run('file', ['-b', join(dir, 'x.exe')])).stdout, f.file);
      }
    });
  }

  it('treats an import directory RVA outside every section as empty, with a warning', async () => {
    const importDir = coff + 20 + 112 + 8; // PE32+: data directories start at 112; entry 1 is the import table
    const info = await readPe(bytesSource(patched(bytes, importDir, 0x7fff0000, 4)));
    assert.deepEqual(info.needed, []);
    assert.ok(info.warnings.some((w) => w.includes('import directory')), info.warnings.join('\n'));
  });

  it('returns a result or a typed error for 3,000 random mutations of the headers', async () => {
    let seed = 0x2f6e2b1;
    const random = (n: number): number => {
      seed = (seed * 1103515245 + 12345) >>> 0;
      return seed % n;
    };
    // Mutate only the first pages: that is where every structure the reader trusts lives.
    const head = bytes.subarray(0, Math.min(bytes.length, 0x2000));
    let results = 0;
    // Mutate one working copy in place and restore it: copying a 1.5 MB file 3,000 times is the slow part.
    const work = bytes.slice();
    for (let i = 0; i < 3000; i++) {
      const touched: number[] = [];
      for (let k = 1 + random(4); k > 0; k--) {
        const at = random(head.length);
        touched.push(at);
        work[at] = random(256);
      }
      try {
        await readPe(bytesSource(work));
        results++;
      } catch (error) {
        assert.ok(error instanceof BinaryError, `mutation ${i}: ${(error as Error)?.stack ?? String(error)}`);
      }
      for (const at of touched) work[at] = bytes[at]!;
    }
    assert.ok(results > 0);
  });
});
