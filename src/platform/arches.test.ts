/** Every row of the platform table agrees with itself and with Go (go tool dist list, go help environment). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { ARCHES } from './arches.ts';
import { QEMU_ONLY_ARCHES } from './qemu-only.ts';
import { archByElf, archByMachineName, archByNodeArch, archByQemuName, archOf, hostGoarch, QEMU_TARGETS, resolveQemuTarget } from './lookup.ts';
import type { ElfFacts, QemuFacts } from './types.ts';

const GO = '/usr/lib/go-1.23/bin/go';
const goRuns = existsSync(GO);

/** e_ident class/data and e_machine as the magic spells them, under the row's own endianness. */
function assertMagicMatchesElf(name: string, elf: ElfFacts, qemu: QemuFacts): void {
  const magic = Buffer.from(qemu.magic, 'hex');
  const mask = Buffer.from(qemu.mask, 'hex');
  assert.equal(mask.length, magic.length, `${name}: mask length`);
  assert.equal(magic.subarray(0, 4).toString('latin1'), '\x7fELF', `${name}: ELF magic`);
  assert.equal(magic[4], elf.bits === 64 ? 2 : 1, `${name}: EI_CLASS`);
  assert.equal(magic[5], elf.endian === 'little' ? 1 : 2, `${name}: EI_DATA`);
  const machine = elf.endian === 'little' ? magic.readUInt16LE(18) : magic.readUInt16BE(18);
  assert.equal(machine, elf.machine, `${name}: e_machine`);
}

test('each QEMU magic spells the row\'s ELF class, byte order and machine', () => {
  for (const a of ARCHES) if (a.qemu) assertMagicMatchesElf(a.goarch, a.elf, a.qemu);
  for (const a of QEMU_ONLY_ARCHES) assertMagicMatchesElf(a.qemu.name, a.elf, a.qemu);
});

test('names are unique where a lookup depends on it', () => {
  const unique = (values: Array<string | undefined>, what: string) => {
    const present = values.filter((v): v is string => v !== undefined);
    assert.equal(new Set(present).size, present.length, `${what} repeats: ${present.join(' ')}`);
  };
  unique(ARCHES.map((a) => a.goarch), 'GOARCH');
  unique(QEMU_TARGETS.map((t) => t.qemuArch), 'QEMU name');
  unique(ARCHES.map((a) => a.nodeArch), 'Node arch');
  unique(ARCHES.map((a) => a.debian), 'Debian arch');
  unique(ARCHES.map((a) => a.rpm), 'RPM arch');
  unique(ARCHES.map((a) => `${a.elf.machine}/${a.elf.bits}/${a.elf.endian}`), 'ELF machine/class/data');
});

test('every lookup finds the row it was derived from', () => {
  for (const a of ARCHES) {
    assert.equal(archOf(a.goarch), a);
    assert.equal(archByElf(a.elf.machine, a.elf.bits, a.elf.endian), a);
    for (const name of a.machineNames) assert.equal(archByMachineName(name.toUpperCase(), a.elf.bits, a.elf.endian), a, `${a.goarch}: ${name}`);
    if (a.qemu) {
      assert.equal(archByQemuName(a.qemu.name), a);
      assert.equal(resolveQemuTarget(a.goarch)?.qemuArch, a.qemu.name);
      assert.equal(resolveQemuTarget(a.qemu.name)?.goarch, a.goarch);
    }
    if (a.nodeArch) {
      assert.equal(archByNodeArch(a.nodeArch), a);
      assert.equal(hostGoarch(a.nodeArch), a.goarch);
    }
  }
  assert.equal(archByMachineName('MIPS', 64, 'little')?.goarch, 'mips64le');
  assert.equal(archByMachineName('IBM S/390', 32, 'big'), undefined, '31-bit s390 has no Go port');
  assert.equal(hostGoarch('x64'), 'amd64');
});

test('cross toolchains name packages after their triplet', () => {
  for (const a of ARCHES) {
    const cc = a.linuxCc;
    if (!cc) continue;
    for (const t of [cc.debian, cc.debianSoftFloat]) {
      if (!t) continue;
      assert.equal(t.packages[0], `gcc-${t.triplet.replace(/_/g, '-')}`, `${a.goarch}: ${t.triplet}`);
      assert.match(t.packages[1] ?? '', /^libc6-dev-[a-z0-9]+-cross$/, a.goarch);
    }
    if (cc.debian) assert.equal(cc.debian.packages[1], `libc6-dev-${a.debian}-cross`, a.goarch);
    if (cc.debianSoftFloat) assert.equal(cc.debianSoftFloat.packages[1], `libc6-dev-${a.debianSoftFloat}-cross`, a.goarch);
    if (cc.fedora) assert.deepEqual(cc.fedora.packages, [`gcc-${cc.fedora.triplet}`, `binutils-${cc.fedora.triplet}`], a.goarch);
    assert.match(cc.zig, /-linux-gnu/, a.goarch);
  }
});

test('every linux GOARCH of go tool dist list has a row', { skip: !goRuns && `${GO} not installed` }, () => {
  const linux = execFileSync(GO, ['tool', 'dist', 'list'], { encoding: 'utf8' }).split('\n').filter((l) => l.startsWith('linux/')).map((l) => l.slice('linux/'.length));
  assert.ok(linux.length > 10, linux.join(' '));
  assert.deepEqual(linux.filter((g) => !archOf(g)), []);
});

test('every variant setting and value is one go help environment documents', { skip: !goRuns && `${GO} not installed` }, () => {
  const help = execFileSync(GO, ['help', 'environment'], { encoding: 'utf8' });
  for (const a of ARCHES) {
    if (!a.variant) continue;
    // The paragraph after the setting's name, up to the next blank line.
    const start = help.indexOf(`\n\t${a.variant.name}\n`);
    assert.ok(start >= 0, `${a.variant.name} is documented`);
    const text = help.slice(start, help.indexOf('\n\n', start + 1));
    for (const [value, since] of a.variant.values) {
      if (since > 23) continue; // documented from a newer release than this toolchain
      const spelled = a.variant.name === 'GOARM64' ? value.replace(/^(v\d)\.\d$/, '$1.') : value;
      assert.ok(text.includes(spelled), `${a.variant.name}=${value} in: ${text}`);
    }
  }
});
