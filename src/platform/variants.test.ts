import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkVariant, describeVariantValues } from './variants.ts';

const cases: Array<[goarch: string, value: string, goVersion: string, ok: boolean, mention?: string]> = [
  ['arm', '5', 'go1.21.0', true],
  ['arm', '7', 'go1.23.5', true],
  ['arm', '8', 'go1.23.5', false, '5, 6, 7'],
  ['arm', '7,softfloat', 'go1.22.0', true],
  ['arm', '7,hardfloat', 'go1.23.5', true],
  ['arm', '7,softfloat', 'go1.21.9', false, 'needs Go 1.22'],
  ['arm', '7,softfloat,hardfloat', 'go1.23.5', false, 'at most one'],
  ['arm', '7,lse', 'go1.23.5', false, 'unknown'],
  ['amd64', 'v1', 'go1.18', true],
  ['amd64', 'v4', 'go1.23.5', true],
  ['amd64', 'v5', 'go1.23.5', false, 'v1, v2, v3, v4'],
  ['amd64', 'v3', 'go1.17.13', false, 'needs Go 1.18'],
  ['arm64', 'v8.0', 'go1.23.0', true],
  ['arm64', 'v9.5', 'go1.23.5', true],
  ['arm64', 'v8.2,lse,crypto', 'go1.23.5', true],
  ['arm64', 'v8.2,lse,lse', 'go1.23.5', false, 'repeated'],
  ['arm64', 'v8.2', 'go1.22.10', false, 'needs Go 1.23'],
  ['arm64', 'v9.6', 'go1.23.5', false, 'not a valid value'],
  ['386', 'sse2', 'go1.23.5', true],
  ['386', 'softfloat', 'go1.23.5', true],
  ['386', '387', 'go1.23.5', false, 'sse2, softfloat'],
  ['mips', 'softfloat', 'go1.23.5', true],
  ['mipsle', 'hardfloat', 'go1.23.5', true],
  ['mips64le', 'softfloat', 'go1.23.5', true],
  ['mips64', 'soft', 'go1.23.5', false, 'hardfloat, softfloat'],
  ['ppc64le', 'power10', 'go1.23.5', true],
  ['ppc64', 'power10', 'go1.19.13', false, 'needs Go 1.20'],
  ['ppc64le', 'power7', 'go1.23.5', false, 'power8'],
  ['riscv64', 'rva22u64', 'go1.23.5', true],
  ['riscv64', 'rva23u64', 'go1.23.5', false, 'needs Go 1.25'],
  ['riscv64', 'rva23u64', 'go1.25.0', true],
  ['riscv64', 'rva20u64', 'go1.22.0', false, 'needs Go 1.23'],
  ['s390x', 'z15', 'go1.23.5', false, 'has no sub-setting'],
];

for (const [goarch, value, goVersion, ok, mention] of cases) {
  test(`checkVariant(${goarch}, ${value}) with ${goVersion} is ${ok ? 'valid' : 'rejected'}`, () => {
    const r = checkVariant(goarch, value, goVersion);
    assert.equal(r.ok, ok, JSON.stringify(r));
    if (!r.ok && mention) assert.match(r.reason, new RegExp(mention.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
  });
}

test('describeVariantValues() names the suffixes a release allows', () => {
  assert.equal(describeVariantValues('arm', 'go1.23.5'), '5, 6, 7 (each may add ,softfloat or ,hardfloat)');
  assert.equal(describeVariantValues('arm', 'go1.21.0'), '5, 6, 7');
  assert.match(describeVariantValues('arm64', 'go1.23.5'), /,lse and\/or ,crypto/);
});
