/**
 * String tables on synthetic bytes: the whole-table and block paths agree, the short-ASCII lookup
 * FORTIFY uses skips long and non-ASCII names, and the prefix scan (the canary check) finds names
 * that straddle its 1 MiB chunks in a table too big to be read whole.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { bytesSource } from '../byte-source.ts';
import { FormatError } from '../errors.ts';
import { StringTable, nameFilter, stringTableHasPrefix } from './strtab.ts';

const encode = (text: string): Uint8Array => new TextEncoder().encode(text);

test('StringTable.get() decodes ASCII, UTF-8 and suffix-shared names; an index past the end is a FormatError naming the field', async () => {
  const bytes = encode('\0printf\0__printf_chk\0café\0\xff\0');
  const table = new StringTable(bytesSource(bytes), 0, bytes.length, 'dynamic string table');
  assert.equal(await table.get(1, 0), 'printf');
  assert.equal(await table.get(3, 0), 'intf');
  assert.equal(await table.get(8, 0), '__printf_chk');
  assert.equal(await table.get(21, 0), 'café');
  assert.equal(await table.get(27, 0), '\xff');
  assert.equal(await table.get(0, 0), '');
  await assert.rejects(table.get(bytes.length, 0x40), (e: unknown) => e instanceof FormatError && e.offset === 0x40 && /index 0x1e is past its end/.test(e.message));
});

test('StringTable.shortAsciiAt() returns short ASCII names only, and needs load()', async () => {
  const bytes = encode('\0memcpy\0_ZN2v88internal4Heap7CollectEv\0caf\u00e9\0');
  const table = new StringTable(bytesSource(bytes), 0, bytes.length, 'dynamic string table');
  assert.throws(() => table.shortAsciiAt(1, 0, 20), /before load/);
  assert.equal(await table.load(), true);
  assert.equal(table.shortAsciiAt(1, 0, 20), 'memcpy');
  assert.equal(table.shortAsciiAt(1, 0, 6), 'memcpy');
  assert.equal(table.shortAsciiAt(1, 0, 5), null);
  assert.equal(table.shortAsciiAt(8, 0, 20), null);
  assert.equal(table.shortAsciiAt(39, 0, 20), null);
  assert.equal(table.shortAsciiAt(0, 0, 20), '');
  assert.throws(() => table.shortAsciiAt(bytes.length, 0x10, 20), FormatError);
});

test('StringTable.shortAsciiAt() with a nameFilter() decodes only names of a wanted start, first byte and length', async () => {
  const bytes = encode('\0memcpy\0_ZN2v84HeapEv\0memset\0mem\0__memcpy_chk\0m\0');
  const table = new StringTable(bytesSource(bytes), 0, bytes.length, 'dynamic string table');
  assert.equal(await table.load(), true);
  const filter = nameFilter(['memcpy', '__memcpy_chk']);
  const at = (name: string): number => Buffer.from(bytes).indexOf(`\0${name}\0`) + 1;
  assert.equal(table.shortAsciiAt(at('memcpy'), 0, 20, filter), 'memcpy');
  assert.equal(table.shortAsciiAt(at('__memcpy_chk'), 0, 20, filter), '__memcpy_chk');
  assert.equal(table.shortAsciiAt(at('memset'), 0, 20, filter), 'memset', 'same start, first byte and length: decoded, the caller decides');
  assert.equal(table.shortAsciiAt(at('mem'), 0, 20, filter), null, 'a wanted start but no wanted length');
  assert.equal(table.shortAsciiAt(at('_ZN2v84HeapEv'), 0, 20, filter), null, 'no wanted name starts "_Z"');
  assert.equal(table.shortAsciiAt(at('m'), 0, 20, filter), null, 'one byte, then the NUL');
  assert.equal(table.shortAsciiAt(0, 0, 20, filter), null, 'the empty name');
  assert.equal(table.shortAsciiAt(bytes.length - 1, 0, 20, filter), null, 'the last byte of the table');
  assert.throws(() => table.shortAsciiAt(bytes.length, 0x10, 20, filter), FormatError);
});

test('a table too big to read whole is read in blocks and names the same strings, also across a block boundary', async () => {
  const bytes = new Uint8Array(17 << 20);
  bytes.set(encode('libc.so.6'), 1);
  bytes.set(encode('GLIBC_2.34'), 16 * 1024 - 4);
  bytes.set(encode('caf\u00e9'), 40000);
  const table = new StringTable(bytesSource(bytes), 0, bytes.length, 'dynamic string table');
  assert.equal(await table.load(), false);
  assert.equal(await table.get(1, 0), 'libc.so.6');
  assert.equal(await table.get(16 * 1024 - 4, 0), 'GLIBC_2.34');
  assert.equal(await table.get(40000, 0), 'caf\u00e9');
});

test('stringTableHasPrefix() finds a prefix only at the start of a string, also across 1 MiB chunks of a table too big to read whole', async () => {
  const small = encode('abc\0x__stack_chk_fail\0__stack_chk_fail_local\0');
  assert.equal(await stringTableHasPrefix(bytesSource(small), 0, small.length, '__stack_chk_fail', 't'), true);
  const notAtStart = encode('\0x__stack_chk_fail\0');
  assert.equal(await stringTableHasPrefix(bytesSource(notAtStart), 0, notAtStart.length, '__stack_chk_fail', 't'), false);
  const atZero = encode('__stack_chk_fail\0');
  assert.equal(await stringTableHasPrefix(bytesSource(atZero), 0, atZero.length, '__stack_chk_fail', 't'), true);

  const MiB = 1 << 20;
  const size = 17 * MiB;
  const needle = encode('__stack_chk_fail');
  // The name starts 1..needle.length bytes before a chunk boundary, or right at it (NUL just before).
  for (const before of [0, 1, 5, needle.length - 1, needle.length]) {
    const big = new Uint8Array(size).fill(0x41);
    const at = 3 * MiB - before;
    big[at - 1] = 0;
    big.set(needle, at);
    assert.equal(await stringTableHasPrefix(bytesSource(big), 0, size, '__stack_chk_fail', 't'), true, `name ${before} bytes before a chunk boundary`);
    big[at - 1] = 0x41; // no NUL before it: not the start of a string
    assert.equal(await stringTableHasPrefix(bytesSource(big), 0, size, '__stack_chk_fail', 't'), false, `no NUL, ${before} bytes before a boundary`);
  }
});
