/** The pure deciders, table-driven: versions, linkage, OS, arch names, e_flags words. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DF_1_PIE, EM_386, EM_AARCH64, EM_ARM, EM_LOONGARCH, EM_MIPS, EM_PPC64, EM_RISCV, EM_S390, EM_X86_64, ET_DYN, ET_EXEC, ET_REL, goArchOf, nameOf, PT_NAMES } from './constants.ts';
import { describeFlags } from './flags.ts';
import { compareVersions, requiredGlibc } from './glibc.ts';
import { elfGoos, type GoosFacts } from './goos.ts';
import { elfKind, elfLinkage, isPie, type LinkageFacts } from './linkage.ts';
import { elfSecurity } from './security.ts';

test('compareVersions() compares numerically: 2.9 < 2.17 < 2.34', () => {
  assert.ok(compareVersions('2.9', '2.17') < 0);
  assert.ok(compareVersions('2.17', '2.34') < 0);
  assert.ok(compareVersions('2.3.4', '2.3') > 0);
  assert.equal(compareVersions('2.17', '2.17.0'), 0);
});

test('requiredGlibc() is the highest GLIBC_x.y, ignoring GLIBC_PRIVATE and other libraries', () => {
  const needs = [
    { file: 'libc.so.6', versions: ['GLIBC_2.9', 'GLIBC_2.34', 'GLIBC_2.17', 'GLIBC_PRIVATE', 'GLIBC_2.3.4'], symbols: {} },
    { file: 'libstdc++.so.6', versions: ['GLIBCXX_3.4.99', 'CXXABI_1.3'], symbols: {} },
  ];
  assert.equal(requiredGlibc(needs), '2.34');
  assert.equal(requiredGlibc([{ file: 'libc.so.6', versions: ['GLIBC_2.9', 'GLIBC_2.10'], symbols: {} }]), '2.10');
  assert.equal(requiredGlibc([]), null);
});

const L = (over: Partial<LinkageFacts>): LinkageFacts => ({
  type: ET_EXEC,
  hasDynamic: false,
  hasInterp: false,
  hasDebug: false,
  neededCount: 0,
  flags1: 0,
  hasFlags1: (over.flags1 ?? 0) !== 0,
  ...over,
});

test('elfKind(), isPie() and elfLinkage() decide like file(1)', () => {
  const cases: [string, LinkageFacts, string, boolean, string][] = [
    ['static exec', L({}), 'executable', false, 'static'],
    ['dynamic exec', L({ hasDynamic: true, hasInterp: true, neededCount: 1 }), 'executable', false, 'dynamic'],
    ['pie', L({ type: ET_DYN, hasDynamic: true, hasInterp: true, neededCount: 1, flags1: DF_1_PIE }), 'executable', true, 'dynamic'],
    ['static-pie', L({ type: ET_DYN, hasDynamic: true, flags1: DF_1_PIE }), 'executable', true, 'static-pie'],
    ['old pie without DF_1_PIE', L({ type: ET_DYN, hasDynamic: true, hasInterp: true, hasDebug: true, neededCount: 1 }), 'executable', true, 'dynamic'],
    ['libc.so.6 (interp, no DT_DEBUG)', L({ type: ET_DYN, hasDynamic: true, hasInterp: true, neededCount: 1 }), 'shared-library', false, 'dynamic'],
    ['shared library', L({ type: ET_DYN, hasDynamic: true, neededCount: 1 }), 'shared-library', false, 'dynamic'],
    ['object', L({ type: ET_REL }), 'object', false, 'static'],
    ['library without dependencies, FLAGS_1=NOW (file: static-pie linked)', L({ type: ET_DYN, hasDynamic: true, flags1: 1 }), 'shared-library', false, 'static-pie'],
    ['ld.so: no dependencies, no DT_FLAGS_1 (file: dynamically linked)', L({ type: ET_DYN, hasDynamic: true }), 'shared-library', false, 'dynamic'],
  ];
  for (const [name, facts, kind, pie, linkage] of cases) {
    assert.equal(elfKind(facts), kind, name);
    assert.equal(isPie(facts), pie, name);
    assert.equal(elfLinkage(facts), linkage, name);
  }
});

test('elfSecurity() reports NX, RELRO levels and rpath like checksec', () => {
  const base = { bindNow: false, flags: 0, flags1: 0, pie: false, canary: false, rpath: [], runpath: [] };
  const stackRW = { type: 0x6474e551, flags: 6 };
  const relro = { type: 0x6474e552, flags: 4 };
  assert.deepEqual(elfSecurity({ ...base, segments: [stackRW] }), { nx: true, relro: 'none', pie: false, canary: false, rpath: false, runpath: false });
  assert.equal(elfSecurity({ ...base, segments: [{ type: 0x6474e551, flags: 7 }] }).nx, false);
  assert.equal(elfSecurity({ ...base, segments: [] }).nx, false);
  assert.equal(elfSecurity({ ...base, segments: [relro] }).relro, 'partial');
  assert.equal(elfSecurity({ ...base, segments: [relro], flags: 0x8 }).relro, 'full');
  assert.equal(elfSecurity({ ...base, segments: [relro], flags1: 0x1 }).relro, 'full');
  assert.equal(elfSecurity({ ...base, segments: [relro], bindNow: true }).relro, 'full');
  assert.equal(elfSecurity({ ...base, segments: [], runpath: ['$ORIGIN'] }).runpath, true);
});

test('elfGoos() prefers Go settings, then OSABI, notes, and interpreter paths', () => {
  const none: GoosFacts = { goSetting: null, osabi: 0, identNote: null, abiTag: null, interpreter: null };
  const cases: [Partial<GoosFacts>, string | null][] = [
    [{ goSetting: 'linux', osabi: 9 }, 'linux'],
    [{ osabi: 9 }, 'freebsd'],
    [{ osabi: 3 }, 'linux'],
    [{ identNote: 'openbsd' }, 'openbsd'],
    [{ abiTag: 'linux' }, 'linux'],
    [{ interpreter: '/lib/ld-linux-aarch64.so.1' }, 'linux'],
    [{ interpreter: '/lib64/ld64.so.2' }, 'linux'],
    [{ interpreter: '/lib/ld-musl-x86_64.so.1' }, 'linux'],
    [{ interpreter: '/libexec/ld-elf.so.1' }, 'freebsd'],
    [{ interpreter: '/usr/libexec/ld.elf_so' }, 'netbsd'],
    [{ interpreter: '/usr/lib/ld.so.1' }, 'solaris'],
    [{ interpreter: '/lib/ld.so.1' }, 'linux'],
    [{ interpreter: '/system/bin/linker64' }, 'android'],
    [{}, null],
  ];
  for (const [facts, want] of cases) assert.equal(elfGoos({ ...none, ...facts }), want, JSON.stringify(facts));
});

test('goArchOf() names Go arches, splitting EM_MIPS and EM_PPC64 by class and byte order', () => {
  const cases: [number, 32 | 64, boolean, string | null][] = [
    [EM_X86_64, 64, true, 'amd64'],
    [EM_X86_64, 32, true, null],
    [EM_386, 32, true, '386'],
    [EM_ARM, 32, true, 'arm'],
    [EM_AARCH64, 64, true, 'arm64'],
    [EM_PPC64, 64, false, 'ppc64'],
    [EM_PPC64, 64, true, 'ppc64le'],
    [EM_S390, 64, false, 's390x'],
    [EM_MIPS, 32, false, 'mips'],
    [EM_MIPS, 32, true, 'mipsle'],
    [EM_MIPS, 64, false, 'mips64'],
    [EM_MIPS, 64, true, 'mips64le'],
    [EM_RISCV, 64, true, 'riscv64'],
    [EM_RISCV, 32, true, null],
    [EM_LOONGARCH, 64, true, 'loong64'],
    [2, 32, false, null],
  ];
  for (const [machine, bits, little, want] of cases) assert.equal(goArchOf(machine, bits, little), want, `${machine}/${bits}/${little}`);
});

test('describeFlags() words ARM, MIPS, RISC-V and PowerPC64 e_flags', () => {
  assert.deepEqual(describeFlags(EM_ARM, 0x5000200), ['Version5 EABI', 'soft-float ABI']);
  assert.deepEqual(describeFlags(EM_ARM, 0x5000400), ['Version5 EABI', 'hard-float ABI']);
  assert.deepEqual(describeFlags(EM_MIPS, 0x50001004), ['cpic', 'o32', 'mips32']);
  assert.deepEqual(describeFlags(EM_MIPS, 0x70001407), ['noreorder', 'pic', 'cpic', 'nan2008', 'o32', 'mips32r2']);
  assert.deepEqual(describeFlags(EM_RISCV, 0x5), ['RVC', 'double-float ABI']);
  assert.deepEqual(describeFlags(EM_PPC64, 0x2), ['abiv2']);
  assert.deepEqual(describeFlags(EM_X86_64, 0), []);
  assert.equal(nameOf(PT_NAMES, 0x6474e551), 'GNU_STACK');
  assert.equal(nameOf(PT_NAMES, 0x12345), '0x12345');
});
