/**
 * The inspect renderers are pure: BinaryInfo in, text out. Table-driven over the shapes the
 * readers produce (static/PIE/dynamic ELF, objects, PE, Mach-O, fat Mach-O); the CLI tests
 * cover the same renderers on real binaries.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { BinaryInfo } from '../../binary/types.ts';
import { detailBlock } from './detail.ts';
import { jsonDocument, jsonEntry } from './json.ts';
import { describe as describeInfo, errorLine, summaryLine } from './line.ts';
import { painter } from '../style.ts';
import { groupDigits } from './table.ts';

const goInfo = {
  version: 'go1.23.5',
  path: 'example.com/hello',
  main: { path: 'example.com/hello', version: '(devel)', sum: null, replace: null },
  deps: [{ path: 'example.com/greet', version: 'v1.2.3', sum: null, replace: { path: './greet', version: '', sum: null, replace: null } }],
  settings: { '-buildmode': 'exe', GOARCH: 'arm64', GOOS: 'linux' },
};

function elf(overrides: Partial<BinaryInfo> = {}): BinaryInfo {
  return {
    format: 'elf', goos: 'linux', goarch: 'arm64', machine: 'AArch64', bits: 64, endian: 'little', kind: 'executable', pie: false,
    linkage: 'static', interpreter: null, needed: [], rpath: [], runpath: [], versionNeeds: [], requiredGlibc: null,
    buildId: { gnu: null, go: 'abc/def' }, stripped: false, debugInfo: false,
    security: { nx: true, relro: 'none', pie: false, canary: false, rpath: false, runpath: false },
    sections: [{ name: '.text', size: 596772, offset: 0x1000, address: '0x11000', type: 'PROGBITS', flags: ['ALLOC', 'EXEC'] }],
    segments: [], go: goInfo, details: {}, warnings: [], ...overrides,
  };
}

const cgo = elf({
  pie: true, linkage: 'dynamic', interpreter: '/lib/ld-linux-aarch64.so.1', needed: ['libc.so.6'], requiredGlibc: '2.34',
  versionNeeds: [{ file: 'libc.so.6', versions: ['GLIBC_2.17', 'GLIBC_2.34'], symbols: { 'GLIBC_2.34': ['__libc_start_main'] } }],
  security: { nx: true, relro: 'full', pie: true, canary: true, rpath: false, runpath: true }, runpath: ['$ORIGIN/lib'], debugInfo: true,
});
const pe = elf({ format: 'pe', goos: 'windows', goarch: 'amd64', machine: 'x86-64', pie: true, details: { subsystem: 'windows-cui' }, security: { aslr: true, highEntropyVa: true, nx: true, cfg: false } });
const macho = (goarch: string, machine: string, bits: 32 | 64): BinaryInfo =>
  elf({ format: 'macho', goos: 'darwin', goarch, machine, bits, pie: true, details: { minOs: '11.0' }, security: { pie: true, allowStackExecution: false, noHeapExecution: false } });

describe('summary line', () => {
  const cases: Array<[string, BinaryInfo, string]> = [
    ['a static Go ELF', elf(), 'ELF 64-bit LSB executable, AArch64 (arm64), statically linked, Go go1.23.5, not stripped'],
    ['a cgo PIE', cgo, 'ELF 64-bit LSB pie executable, AArch64 (arm64), dynamically linked, interpreter /lib/ld-linux-aarch64.so.1, needs glibc >= 2.34, Go go1.23.5, with debug_info, not stripped'],
    ['a stripped big-endian static-pie', elf({ linkage: 'static-pie', pie: true, endian: 'big', goarch: 'ppc64', machine: 'PowerPC64', stripped: true, go: null, buildId: { gnu: null, go: null } }), 'ELF 64-bit MSB pie executable, PowerPC64 (ppc64), static-pie linked, stripped'],
    ['a Go binary without build info', elf({ go: null, goos: 'freebsd' }), 'ELF 64-bit LSB executable, AArch64 (arm64), for freebsd, statically linked, Go (no build info), not stripped'],
    ['an ELF object', elf({ kind: 'object', goarch: null, machine: 'SPARC v9', go: null, buildId: { gnu: null, go: null } }), 'ELF 64-bit LSB relocatable, SPARC v9, not stripped'],
    ['an ELF shared library', elf({ kind: 'shared-library', pie: false, linkage: 'dynamic', go: null, buildId: { gnu: 'ff', go: null } }), 'ELF 64-bit LSB shared object, AArch64 (arm64), dynamically linked, not stripped'],
    ['a PE console program', pe, 'PE32+ executable (console), x86-64 (amd64), for MS Windows, Go go1.23.5, not stripped'],
    ['a Mach-O executable', macho('arm64', 'AArch64', 64), 'Mach-O 64-bit executable, AArch64 (arm64), for darwin >= 11.0, Go go1.23.5, not stripped'],
  ];
  for (const [name, info, expected] of cases) {
    test(`describes ${name}`, () => assert.equal(describeInfo(info), expected));
  }

  test('describes a fat Mach-O by its slices', () => {
    const fat = { ...macho('amd64', 'x86-64', 64), format: 'macho-fat' as const, slices: [macho('386', 'i386', 32), macho('amd64', 'x86-64', 64)] };
    assert.equal(describeInfo(fat), 'Mach-O universal binary with 2 architectures: [i386 (386) go1.23.5, x86-64 (amd64) go1.23.5]');
  });

  test('prefixes the path, and colours only with a colouring painter', () => {
    assert.equal(summaryLine('app', elf()), `app: ${describeInfo(elf())}`);
    assert.match(summaryLine('app', elf(), painter(true)), /^\u001b\[1mapp\u001b\[0m: /);
    assert.doesNotMatch(summaryLine('app', elf(), painter(false)), /\u001b/);
    assert.equal(errorLine('x', 'Cannot read ELF header: too short at byte 0x10'), 'x: error: Cannot read ELF header: too short at byte 0x10');
  });
});

describe('detail block', () => {
  test('shows linkage, version needs with their symbols, checksec words and Go replacements', () => {
    const text = detailBlock('cgo', cgo);
    for (const expected of [
      'Interpreter     /lib/ld-linux-aarch64.so.1',
      'RUNPATH         $ORIGIN/lib',
      'Required glibc  >= 2.34',
      'libc.so.6: GLIBC_2.17, GLIBC_2.34',
      'GLIBC_2.34: __libc_start_main',
      'RELRO         Full RELRO',
      'Stack canary  Canary found',
      'RUNPATH       RUNPATH',
      '.text  596,772  0x11000',
      'example.com/greet v1.2.3 => ./greet',
      'GOARCH      arm64',
    ]) {
      assert.ok(text.includes(expected), `missing "${expected}" in:\n${text}`);
    }
  });

  test('uses PE and Mach-O security words', () => {
    assert.match(detailBlock('a.exe', pe), /ASLR\s+Dynamic base\n\s+High entropy VA\s+Enabled\n\s+NX \(DEP\)\s+NX compatible\n\s+CFG\s+No Control Flow Guard/);
    assert.match(detailBlock('a', macho('arm64', 'AArch64', 64)), /Stack execution\s+Not allowed\n\s+Heap execution\s+Allowed/);
  });

  test('gives each fat Mach-O slice its own block', () => {
    const fat = { ...macho('amd64', 'x86-64', 64), format: 'macho-fat' as const, slices: [macho('386', 'i386', 32), macho('amd64', 'x86-64', 64)] };
    const text = detailBlock('fat', fat);
    assert.match(text, /Slice 1 of 2: i386 \(386\)[\s\S]*Slice 2 of 2: x86-64 \(amd64\)/);
    assert.equal(text.match(/Go build info/g)?.length, 2);
  });
});

describe('JSON entries', () => {
  test('put path and ok first, then every BinaryInfo field', () => {
    const entry = jsonEntry({ path: 'app', ok: true, info: cgo });
    assert.deepEqual(Object.keys(entry).slice(0, 3), ['path', 'ok', 'format']);
    assert.deepEqual({ ...entry, path: undefined, ok: undefined }, { ...cgo, path: undefined, ok: undefined });
  });

  test('carry code, message and offset (only when known) for failures', () => {
    const doc = jsonDocument([
      { path: 'a', ok: false, error: { code: 'format-error', message: 'Cannot read…', offset: 16 } },
      { path: 'b', ok: false, error: { code: 'io-error', message: 'Cannot inspect b: no such file or directory' } },
    ]);
    assert.equal(doc.schemaVersion, 1);
    assert.deepEqual(doc.files, [
      { path: 'a', ok: false, error: { code: 'format-error', message: 'Cannot read…', offset: 16 } },
      { path: 'b', ok: false, error: { code: 'io-error', message: 'Cannot inspect b: no such file or directory' } },
    ]);
    assert.ok(!('offset' in ((doc.files[1] as { error: object }).error)));
  });
});

test('groupDigits() groups thousands as en-US toLocaleString does', () => {
  for (const n of [0, 7, 999, 1000, 12345, 123456, 1234567, 4294967296, Number.MAX_SAFE_INTEGER, -1, -1000, -987654, 1.5]) {
    assert.equal(groupDigits(n), n.toLocaleString('en-US'), String(n));
  }
});
