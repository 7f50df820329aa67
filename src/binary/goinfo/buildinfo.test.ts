import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FormatError } from '../errors.ts';
import { readGoBuildInfo, readRawGoBuildInfo } from './buildinfo.ts';
import { decodeGoBuildIdNote, findGoBuildIdInBytes, findGoBuildIdInText } from './buildid.ts';
import { bytesAdapter } from './testing/bytes-adapter.ts';

const MAGIC = [0xff, ...new TextEncoder().encode(' Go buildinf:')];
const START = new Uint8Array([0x30, 0x77, 0xaf, 0x0c, 0x92, 0x74, 0x08, 0x02, 0x41, 0xe1, 0xc1, 0x07, 0xe6, 0xd6, 0x18, 0xe6]);
const END = new Uint8Array([0xf9, 0x32, 0x43, 0x31, 0x86, 0x18, 0x20, 0x72, 0x00, 0x82, 0x42, 0x10, 0x41, 0x16, 0xd8, 0xf2]);
const MODTEXT = 'path\texample.com/old\nmod\texample.com/old\t(devel)\t\ndep\tgolang.org/x/text\tv0.3.0\th1:sum=\nbuild\tGOOS=linux\n';

function framed(text: string): Uint8Array {
  const body = new TextEncoder().encode(text);
  const out = new Uint8Array(START.length + body.length + END.length);
  out.set(START, 0);
  out.set(body, START.length);
  out.set(END, START.length + body.length);
  return out;
}

function uvarint(n: number): number[] {
  const out: number[] = [];
  while (n >= 0x80) {
    out.push((n & 0x7f) | 0x80);
    n >>>= 7;
  }
  out.push(n);
  return out;
}

/** Go >= 1.18 layout: header with flags bit 1, then two uvarint-prefixed strings. */
function inlineImage(version: string, mod: Uint8Array, lead = 48): Uint8Array {
  const v = new TextEncoder().encode(version);
  const bytes = [...new Uint8Array(lead), ...MAGIC, 8, 2, ...new Uint8Array(16), ...uvarint(v.length), ...v, ...uvarint(mod.length), ...mod, 0, 0, 0];
  return new Uint8Array(bytes);
}

/**
 * Go < 1.18 layout: header with two pointers to Go string headers {data, len}, each in the
 * file's byte order and pointer size. File offset 0 is mapped at `base`.
 */
function pointerImage(ptrSize: 4 | 8, little: boolean, version: string, mod: Uint8Array, base: bigint): Uint8Array {
  const v = new TextEncoder().encode(version);
  const headerAt = 64;
  const strHdrAt = 128; // version header, then modinfo header
  const vAt = 192;
  const mAt = vAt + v.length + 5;
  const bytes = new Uint8Array(mAt + mod.length + 32);
  const view = new DataView(bytes.buffer);
  const put = (at: number, value: bigint): void => {
    if (ptrSize === 8) view.setBigUint64(at, value, little);
    else view.setUint32(at, Number(value), little);
  };
  bytes.set(MAGIC, headerAt);
  bytes[headerAt + 14] = ptrSize;
  bytes[headerAt + 15] = little ? 0 : 1;
  put(headerAt + 16, base + BigInt(strHdrAt));
  put(headerAt + 16 + ptrSize, base + BigInt(strHdrAt + 2 * ptrSize));
  put(strHdrAt, base + BigInt(vAt));
  put(strHdrAt + ptrSize, BigInt(v.length));
  put(strHdrAt + 2 * ptrSize, base + BigInt(mAt));
  put(strHdrAt + 3 * ptrSize, BigInt(mod.length));
  bytes.set(v, vAt);
  bytes.set(mod, mAt);
  return bytes;
}

test('readGoBuildInfo() reads the inline format (Go >= 1.18) and strips the sentinels', async () => {
  const info = await readGoBuildInfo(bytesAdapter(inlineImage('go1.23.5', framed(MODTEXT))));
  assert.deepEqual(info, {
    version: 'go1.23.5',
    path: 'example.com/old',
    main: { path: 'example.com/old', version: '(devel)', sum: null, replace: null },
    deps: [{ path: 'golang.org/x/text', version: 'v0.3.0', sum: 'h1:sum=', replace: null }],
    settings: { GOOS: 'linux' },
  });
});

for (const [ptrSize, little] of [
  [8, true],
  [8, false],
  [4, true],
  [4, false],
] as const) {
  test(`readGoBuildInfo() reads the old pointer format (ptr ${ptrSize}, ${little ? 'little' : 'big'} endian)`, async () => {
    const base = ptrSize === 8 ? 0x4000_0000_0000n : 0x0810_0000n;
    const exe = bytesAdapter(pointerImage(ptrSize, little, 'go1.16.15', framed(MODTEXT), base), { base, endian: little ? 'little' : 'big', bits: ptrSize === 8 ? 64 : 32 });
    const info = await readGoBuildInfo(exe);
    assert.equal(info?.version, 'go1.16.15');
    assert.equal(info?.path, 'example.com/old');
    assert.equal(info?.deps[0]?.sum, 'h1:sum=');
  });
}

test('readGoBuildInfo() of an old-format binary whose pointers lead nowhere is not Go', async () => {
  const bytes = pointerImage(8, true, 'go1.16', framed(MODTEXT), 0x1000n);
  // Map the file somewhere else: every pointer is now unbacked.
  assert.equal(await readGoBuildInfo(bytesAdapter(bytes, { base: 0x90000n })), null);
});

test('readGoBuildInfo() keeps the version but drops modinfo without sentinel framing', async () => {
  const raw = await readRawGoBuildInfo(bytesAdapter(inlineImage('go1.20', new TextEncoder().encode('path\tx\n'))));
  assert.deepEqual(raw, { version: 'go1.20', modinfo: '' });
});

test('readGoBuildInfo() finds the magic only at 16-byte aligned offsets', async () => {
  assert.equal(await readGoBuildInfo(bytesAdapter(inlineImage('go1.23', framed(MODTEXT), 40))), null);
  assert.equal((await readGoBuildInfo(bytesAdapter(inlineImage('go1.23', framed(MODTEXT), 8192 + 32))))?.version, 'go1.23');
});

test('readGoBuildInfo() returns null without magic, empty version or regions', async () => {
  assert.equal(await readGoBuildInfo(bytesAdapter(new Uint8Array(5000))), null);
  assert.equal(await readGoBuildInfo(bytesAdapter(inlineImage('', framed(MODTEXT)))), null);
  assert.equal(await readGoBuildInfo(bytesAdapter(inlineImage('go1.23', framed(MODTEXT)), { dataRegions: [] })), null);
});

test('readGoBuildInfo() throws FormatError with offset when an inline length runs past the region', async () => {
  const bytes = inlineImage('go1.23', framed(MODTEXT));
  const lenAt = 48 + 32;
  bytes[lenAt] = 0xff;
  bytes[lenAt + 1] = 0xff;
  bytes[lenAt + 2] = 0x7f;
  await assert.rejects(readGoBuildInfo(bytesAdapter(bytes)), (e: unknown) => e instanceof FormatError && e.offset === lenAt);
  const cut = inlineImage('go1.23', framed(MODTEXT)).subarray(0, 48 + 32 + 3);
  await assert.rejects(readGoBuildInfo(bytesAdapter(cut)), FormatError);
});

test('findGoBuildIdInText() finds and unquotes the PE/Mach-O build ID text', async () => {
  const id = 'abc/def-_/ghi/jkl';
  const text = new Uint8Array([0x90, 0xff, ...new TextEncoder().encode(` Go build ID: "${id}"\n `), 0xff, 0xcc]);
  assert.equal(findGoBuildIdInBytes(text), id);
  assert.equal(await findGoBuildIdInText(bytesAdapter(text)), id);
  assert.equal(await findGoBuildIdInText(bytesAdapter(text, { textRegions: [] })), null);
  assert.equal(findGoBuildIdInBytes(text.subarray(0, text.length - 3)), null);
  assert.equal(findGoBuildIdInBytes(new Uint8Array([0xff, 0xff, 0x20])), null);
});

test('decodeGoBuildIdNote() returns the note text without NUL padding', () => {
  assert.equal(decodeGoBuildIdNote(new TextEncoder().encode('a/b/c/d\0\0')), 'a/b/c/d');
});
