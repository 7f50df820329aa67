import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { test } from 'node:test';
import { goBinary, lacks } from '../../../test/support/go.ts';
import { findHandler, findOverlaps, ruleMatches, rulesOverlap } from './match.ts';
import { probeArches, probeElf } from './probe-binaries.ts';
import { QEMU_TARGETS, type QemuTarget } from '../../platform/lookup.ts';
import type { BinfmtEntry } from './types.ts';

const asEntry = (t: QemuTarget, enabled = true): BinfmtEntry => ({
  name: `qemu-${t.qemuArch}`,
  type: 'M',
  offset: 0,
  magic: t.magic,
  mask: t.mask,
  extension: null,
  interpreter: `/usr/bin/qemu-${t.qemuArch}-static`,
  flags: ['F'],
  enabled,
});
const TABLE = QEMU_TARGETS.map((t) => asEntry(t));
const matching = (head: Uint8Array): string[] => TABLE.filter((e) => ruleMatches(e, head)).map((e) => e.name.slice(5));

/** A minimal ET_EXEC ELF header written from the psABI facts, independent of the table. */
function elfHeader(bits: 32 | 64, le: boolean, machine: number, flags = 0): Uint8Array {
  const b = new Uint8Array(64);
  const v = new DataView(b.buffer);
  b.set([0x7f, 0x45, 0x4c, 0x46, bits === 64 ? 2 : 1, le ? 1 : 2, 1]);
  v.setUint16(16, 2, le);
  v.setUint16(18, machine, le);
  v.setUint32(20, 1, le);
  v.setUint32(bits === 64 ? 48 : 36, flags, le);
  return b;
}

// Arches Go does not build for: [qemuArch, bits, littleEndian, e_machine, e_flags]
const NON_GO: [string, 32 | 64, boolean, number, number?][] = [
  ['alpha', 64, true, 0x9026],
  ['armeb', 32, false, 40],
  ['sparc', 32, false, 2],
  ['sparc32plus', 32, false, 18],
  ['sparc64', 64, false, 43],
  ['ppc', 32, false, 20],
  ['m68k', 32, false, 4],
  ['mipsn32', 32, false, 8, 0x20],
  ['mipsn32el', 32, true, 8, 0x20],
  ['sh4', 32, true, 42],
  ['sh4eb', 32, false, 42],
  ['aarch64_be', 64, false, 183],
  ['hppa', 32, false, 15],
  ['riscv32', 32, true, 243],
  ['xtensa', 32, true, 94],
  ['xtensaeb', 32, false, 94],
  ['microblazeel', 32, true, 0xbaab],
  ['or1k', 32, false, 92],
  ['hexagon', 32, true, 164],
];

test('every table row with a Go port matches exactly one row on a real Go binary of that arch', { skip: lacks('go') }, async () => {
  for (const t of QEMU_TARGETS.filter((r) => r.goarch)) {
    const head = (await readFile(await goBinary({ goos: 'linux', goarch: t.goarch! }))).subarray(0, 256);
    assert.deepEqual(matching(head), [t.qemuArch], `linux/${t.goarch}`);
  }
});

test('every table row without a Go port matches a constructed header of that arch', () => {
  for (const [arch, bits, le, machine, flags] of NON_GO) {
    assert.deepEqual(matching(elfHeader(bits, le, machine, flags)), [arch], arch);
  }
  const covered = new Set([...NON_GO.map((n) => n[0]), ...QEMU_TARGETS.filter((t) => t.goarch).map((t) => t.qemuArch), 'microblaze']);
  assert.deepEqual(QEMU_TARGETS.filter((t) => !covered.has(t.qemuArch)), [], 'every row is tested');
});

test('the microblaze (big-endian) row does not match a real big-endian header: its e_type bytes are little-endian', () => {
  assert.deepEqual(matching(elfHeader(32, false, 0xbaab)), []);
});

test('each probe ELF is claimed by its own row only', () => {
  for (const goarch of probeArches()) {
    const row = QEMU_TARGETS.find((t) => t.goarch === goarch)!;
    assert.deepEqual(matching(probeElf(goarch)!), [row.qemuArch], goarch);
  }
});

test('no two QEMU table rows overlap (compared by magic & mask)', () => {
  assert.deepEqual(findOverlaps(TABLE), []);
});

test('rulesOverlap() compares magic & mask, not raw magic', () => {
  const arm64 = asEntry(QEMU_TARGETS.find((t) => t.qemuArch === 'aarch64')!);
  // Same masked bytes, different raw bytes in a masked-out position (EI_OSABI is masked 0x00 … byte 7).
  const variant: BinfmtEntry = { ...arm64, name: 'other', magic: `${arm64.magic!.slice(0, 14)}09${arm64.magic!.slice(16)}` };
  assert.notEqual(variant.magic, arm64.magic);
  assert.equal(rulesOverlap(arm64, variant), true);
  // A shorter, looser rule (just "\x7fELF") overlaps every ELF rule.
  const anyElf: BinfmtEntry = { ...arm64, name: 'any-elf', magic: '7f454c46', mask: null };
  assert.equal(rulesOverlap(anyElf, arm64), true);
  assert.deepEqual(findOverlaps([arm64, anyElf]), [{ older: 'qemu-aarch64', newer: 'any-elf' }]);
  // An offset rule that contradicts the ELF magic does not overlap.
  assert.equal(rulesOverlap({ ...anyElf, offset: 1 }, arm64), false);
});

test('findHandler(): the newest enabled match wins; disabled entries are skipped; E entries use the extension', () => {
  const head = probeElf('arm64')!;
  const arm64 = asEntry(QEMU_TARGETS.find((t) => t.qemuArch === 'aarch64')!);
  const newer: BinfmtEntry = { ...arm64, name: 'newer' };
  assert.equal(findHandler([arm64, newer], head)?.name, 'newer');
  assert.equal(findHandler([arm64, { ...newer, enabled: false }], head)?.name, 'qemu-aarch64');
  assert.equal(findHandler([{ ...arm64, enabled: false }], head), null);
  const jar: BinfmtEntry = { ...arm64, name: 'jar', type: 'E', magic: null, mask: null, extension: 'jar' };
  assert.equal(findHandler([jar], new Uint8Array(4), '/tmp/app.jar')?.name, 'jar');
  assert.equal(findHandler([jar], new Uint8Array(4), '/tmp/app.jar.txt'), null);
  // A short file is compared against zero padding, like the kernel's zero-filled buffer.
  const zeros: BinfmtEntry = { ...arm64, name: 'zeros', magic: '0000', mask: null, offset: 10 };
  assert.equal(ruleMatches(zeros, new Uint8Array(2)), true);
});
