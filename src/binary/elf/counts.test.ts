/**
 * Counts over presence: a version table whose count (DT_VERNEEDNUM, .gnu.version_r sh_info) is
 * zero is empty, whatever bytes sit where it would start. Go's own linker writes PIE binaries
 * with a present, zero-entry .gnu.version_r, which readelf and `go version -m` read fine.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { bytesSource } from '../byte-source.ts';
import { lacks } from '../../../test/support/go.ts';
import { DT_VERNEED, DT_VERNEEDNUM, SHT_GNU_VERNEED } from './constants.ts';
import { readDynamic } from './dynamic.ts';
import { readElf, readElfLayout, virtualToFile } from './read-elf.ts';
import { CGO_ARM64, build } from './testing/corpus.ts';

const le = true;
/** A tag readElf ignores, to make an entry disappear without ending the dynamic array. */
const DT_IGNORED = 0x6ffffdf5;

async function cgoArm64() {
  const bytes = new Uint8Array(await readFile(await build(CGO_ARM64)));
  const source = bytesSource(bytes);
  const { header, sections, segments } = await readElfLayout(source);
  const dynamic = await readDynamic(source, header, segments, sections, []);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const entry = (tag: number) => dynamic.entries.find((e) => e.tag === tag)!;
  const verneedSection = sections.find((s) => s.type === SHT_GNU_VERNEED)!;
  const tableAt = virtualToFile(segments, bytes.length, entry(DT_VERNEED).value)!.offset;
  return { bytes, view, entry, verneedSection, tableAt, shInfoAt: verneedSection.headerOffset + 44 };
}

const skip = lacks('go', 'aarch64-linux-gnu-gcc');

test('readElf() reads a zero DT_VERNEEDNUM and zero sh_info as no version needs, even over zeroed bytes', { skip }, async () => {
  const f = await cgoArm64();
  f.view.setBigUint64(f.entry(DT_VERNEEDNUM).offset + 8, 0n, le);
  f.view.setUint32(f.shInfoAt, 0, le);
  // What sits where the table would start is not a Verneed (vn_version 0): it must not be read.
  f.bytes.fill(0, f.tableAt, f.tableAt + 16);
  const info = await readElf(bytesSource(f.bytes));
  assert.deepEqual(info.versionNeeds, []);
  assert.equal(info.requiredGlibc, null);
  assert.deepEqual(info.needed, ['libc.so.6']);
  assert.ok(!info.warnings.some((w) => /version/i.test(w)), JSON.stringify(info.warnings));
});

test('readElf() reads a zero-entry .gnu.version_r with no DT_VERNEED as no version needs', { skip }, async () => {
  const f = await cgoArm64();
  f.view.setBigUint64(f.entry(DT_VERNEED).offset, BigInt(DT_IGNORED), le);
  f.view.setBigUint64(f.entry(DT_VERNEEDNUM).offset, BigInt(DT_IGNORED), le);
  f.view.setUint32(f.shInfoAt, 0, le);
  f.bytes.fill(0, f.verneedSection.offset, f.verneedSection.offset + 16);
  const info = await readElf(bytesSource(f.bytes));
  assert.deepEqual(info.versionNeeds, []);
});

test('readElf() counts DT_VERNEED entries by the section sh_info when DT_VERNEEDNUM is missing', { skip }, async () => {
  const f = await cgoArm64();
  const pristine = await readElf(bytesSource(f.bytes.slice()));
  f.view.setBigUint64(f.entry(DT_VERNEEDNUM).offset, BigInt(DT_IGNORED), le);
  const info = await readElf(bytesSource(f.bytes));
  assert.equal(pristine.requiredGlibc, '2.34');
  assert.deepEqual(info.versionNeeds, pristine.versionNeeds);
});

test('readElf() warns and reports no version needs when DT_VERNEED has neither DT_VERNEEDNUM nor a section to count it', { skip }, async () => {
  const f = await cgoArm64();
  f.view.setBigUint64(f.entry(DT_VERNEEDNUM).offset, BigInt(DT_IGNORED), le);
  f.view.setUint32(f.verneedSection.headerOffset + 4, 1, le); // sh_type SHT_PROGBITS
  const info = await readElf(bytesSource(f.bytes));
  assert.deepEqual(info.versionNeeds, []);
  assert.ok(info.warnings.some((w) => /DT_VERNEEDNUM/.test(w)), JSON.stringify(info.warnings));
});
