import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Fields } from './endian.ts';
import { FormatError } from './errors.ts';

function fieldsOf(value: bigint, little: boolean): Fields {
  const bytes = new Uint8Array(12);
  new DataView(bytes.buffer).setBigUint64(4, value, little);
  return new Fields(bytes, little ? 'little' : 'big', 0x100);
}

test('Fields.u64() reads every value up to 2^53 - 1 exactly, in both byte orders', () => {
  for (const little of [true, false]) {
    for (const value of [0n, 1n, 0xffffffffn, 0x100000000n, 0x123456789abcn, 0x1fffff00000000n, BigInt(Number.MAX_SAFE_INTEGER)]) {
      assert.equal(fieldsOf(value, little).u64(4, 'sh_size'), Number(value), `${value} ${little ? 'LE' : 'BE'}`);
    }
  }
});

test('Fields.u64() refuses a value above 2^53 - 1 with its hex value and file offset', () => {
  for (const little of [true, false]) {
    for (const value of [BigInt(Number.MAX_SAFE_INTEGER) + 1n, 0xffffffffffffffffn, 0x0020000000000000n]) {
      assert.throws(
        () => fieldsOf(value, little).u64(4, 'sh_size'),
        (e: unknown) => e instanceof FormatError && e.offset === 0x104 && e.message.startsWith(`Cannot read sh_size: value 0x${value.toString(16)} is out of range`),
      );
    }
  }
});
