import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it, before } from 'node:test';
import { fileSource } from '../byte-source.ts';
import { UnrecognizedFormatError } from '../errors.ts';
import type { BinaryInfo, PeSecurity, Section } from '../types.ts';
import { run } from '../../process/run.ts';
import { GO, goBinary, lacks } from '../../../test/support/go.ts';
import { goVersionM } from '../../../test/support/go-version-m.ts';
import { readPe } from './read-pe.ts';

const GOROOT_TESTDATA = GO ? join(GO, '../../src/debug/pe/testdata') : '';

async function readPath(path: string): Promise<BinaryInfo> {
  const source = await fileSource(path);
  try {
    return await readPe(source);
  } finally {
    await source.close();
  }
}

/** Go's own PE fixtures, with facts checked against debug/pe's file_test.go, `file` and `objdump`. */
const FIXTURES = [
  {
    file: 'gcc-386-mingw-exec',
    want: { goarch: '386', machine: 'i386', bits: 32, kind: 'executable', stripped: false, debugInfo: true, sections: 15, needed: ['KERNEL32.dll', 'msvcrt.dll'], peFormat: 'PE32' },
  },
  {
    file: 'gcc-386-mingw-no-symbols-exec',
    want: { goarch: '386', machine: 'i386', bits: 32, kind: 'executable', stripped: true, debugInfo: false, sections: 8, needed: ['KERNEL32.dll', 'msvcrt.dll'], peFormat: 'PE32' },
  },
  {
    file: 'gcc-amd64-mingw-exec',
    want: { goarch: 'amd64', machine: 'x86-64', bits: 64, kind: 'executable', stripped: false, debugInfo: true, sections: 17, needed: ['KERNEL32.dll', 'msvcrt.dll'], peFormat: 'PE32+' },
  },
  {
    file: 'gcc-386-mingw-obj',
    want: { goarch: '386', machine: 'i386', bits: 32, kind: 'object', stripped: false, debugInfo: true, sections: 12, needed: [], peFormat: 'COFF object' },
  },
  {
    file: 'gcc-amd64-mingw-obj',
    want: { goarch: 'amd64', machine: 'x86-64', bits: 64, kind: 'object', stripped: false, debugInfo: false, sections: 6, needed: [], peFormat: 'COFF object' },
  },
  {
    file: 'llvm-mingw-20211002-msvcrt-x86_64-crt2',
    want: { goarch: 'amd64', machine: 'x86-64', bits: 64, kind: 'object', stripped: false, debugInfo: true, sections: 33, needed: [], peFormat: 'COFF object' },
  },
  {
    // A trimmed Linux EFI stub: sections point past the end of the 474-byte file, which is fine.
    file: 'vmlinuz-4.15.0-47-generic',
    want: { goarch: 'amd64', machine: 'x86-64', bits: 64, kind: 'executable', stripped: true, debugInfo: false, sections: 4, needed: [], peFormat: 'PE32+' },
  },
] as const;

describe('readPe() on Go debug/pe fixtures', { skip: lacks('go') }, () => {
  for (const { file, want } of FIXTURES) {
    it(`reads ${file}`, async () => {
      const info = await readPath(join(GOROOT_TESTDATA, file));
      assert.equal(info.format, 'pe');
      assert.equal(info.endian, 'little');
      assert.deepEqual(
        {
          goarch: info.goarch,
          machine: info.machine,
          bits: info.bits,
          kind: info.kind,
          stripped: info.stripped,
          debugInfo: info.debugInfo,
          sections: info.sections.length,
          needed: info.needed,
          peFormat: info.details.peFormat,
        },
        want,
      );
      assert.equal(info.linkage, want.needed.length > 0 ? 'dynamic' : 'static');
      assert.equal(info.go, null);
      assert.equal(info.buildId.go, null);
    });
  }

  it('resolves long section names through the COFF string table', async () => {
    const info = await readPath(join(GOROOT_TESTDATA, 'gcc-amd64-mingw-exec'));
    assert.ok(info.sections.some((s) => s.name === '.debug_info'), info.sections.map((s) => s.name).join(' '));
    assert.ok(!info.sections.some((s) => s.name.startsWith('/')));
  });

  it('reports an EFI application as no Windows program', async () => {
    const info = await readPath(join(GOROOT_TESTDATA, 'vmlinuz-4.15.0-47-generic'));
    assert.equal(info.details.subsystem, 'efi-application');
    assert.equal(info.goos, null);
    // The fixture is trimmed to its headers: its sections' data is gone, which is worth a warning.
    assert.ok(info.warnings.some((w) => w.startsWith('section .text ')), info.warnings.join('\n'));
  });

  it('rejects a file that is neither MZ nor a COFF object', async () => {
    await assert.rejects(readPath(join(GOROOT_TESTDATA, 'hello.c')), UnrecognizedFormatError);
  });
});

/** What `file` says about a PE image, e.g. "PE32+ executable (console) x86-64, for MS Windows, 8 sections". */
function parseFile(out: string): { peFormat: string; subsystem: string; machine: string; sections: number } {
  const m = /(PE32\+?) executable \(([^)]+)\) ([^,]+?)(?: \(stripped to external PDB\))?, for MS Windows, (\d+) sections/.exec(out);
  assert.ok(m, `unexpected file(1) output: ${out}`);
  return { peFormat: m[1]!, subsystem: m[2]!, machine: m[3]!, sections: Number(m[4]) };
}

const FILE_MACHINE: Record<string, string> = { 'Intel 80386': 'i386', 'x86-64': 'x86-64', Aarch64: 'AArch64' };
const FILE_SUBSYSTEM: Record<string, string> = { console: 'windows-cui', GUI: 'windows-gui', 'EFI application': 'efi-application' };

const TARGETS = [
  { goarch: 'amd64', machine: 'x86-64', bits: 64, highEntropyVa: true, objdump: true },
  { goarch: '386', machine: 'i386', bits: 32, highEntropyVa: false, objdump: true },
  { goarch: 'arm64', machine: 'AArch64', bits: 64, highEntropyVa: true, objdump: false },
] as const;

describe('readPe() on Go windows cross builds', { skip: lacks('go') }, () => {
  for (const target of TARGETS) {
    for (const stripped of [false, true]) {
      const label = `windows/${target.goarch}${stripped ? ' -ldflags=-s -w' : ''}`;
      let path = '';
      let info: BinaryInfo;
      before(async () => {
        path = await goBinary({ goos: 'windows', goarch: target.goarch, flags: stripped ? ['-ldflags=-s -w'] : [] });
        info = await readPath(path);
      });

      it(`reports target, security and symbols of ${label}`, () => {
        assert.equal(info.format, 'pe');
        assert.equal(info.goos, 'windows');
        assert.equal(info.goarch, target.goarch);
        assert.equal(info.machine, target.machine);
        assert.equal(info.bits, target.bits);
        assert.equal(info.kind, 'executable');
        assert.equal(info.linkage, 'dynamic');
        assert.deepEqual(info.needed, ['kernel32.dll']);
        // Go's linker sets DYNAMIC_BASE, NX_COMPAT and (64-bit) HIGH_ENTROPY_VA; no CFG.
        assert.deepEqual(info.security, { aslr: true, highEntropyVa: target.highEntropyVa, nx: true, cfg: false } satisfies PeSecurity);
        assert.equal(info.pie, true);
        assert.equal(info.stripped, stripped);
        assert.equal(info.debugInfo, !stripped);
        assert.match(info.buildId.go ?? '', /^[\w-]{20}\/[\w-]{20}\/[\w-]{20}\/[\w-]{20}$/);
        assert.deepEqual(info.warnings, []);
      });

      it(`matches go version -m on ${label}`, async () => {
        assert.deepEqual(info.go, await goVersionM(path));
        assert.equal(info.go?.settings.GOOS, 'windows');
        assert.equal(info.go?.settings.GOARCH, target.goarch);
      });

      it(`matches file(1) on ${label}`, { skip: lacks('file') }, async () => {
        const want = parseFile((await run('file', ['-b', path])).stdout);
        assert.equal(info.details.peFormat, want.peFormat);
        assert.equal(info.details.subsystem, FILE_SUBSYSTEM[want.subsystem]);
        assert.equal(info.machine, FILE_MACHINE[want.machine]);
        assert.equal(info.sections.length, want.sections);
      });

      it(`matches objdump -p and -h on ${label}`, { skip: !target.objdump ? 'binutils reads only pei-i386/pei-x86-64 here' : lacks('objdump') }, async () => {
        const p = (await run('objdump', ['-p', path])).stdout;
        const field = (name: string): string => new RegExp(`^${name}\\s+(\\S+)`, 'm').exec(p)?.[1] ?? `(no ${name})`;
        assert.equal(Number.parseInt(field('DllCharacteristics'), 16), Number(info.details.dllCharacteristics));
        assert.equal(BigInt(`0x${field('ImageBase')}`), BigInt(info.details.imageBase as string));
        assert.equal(BigInt(`0x${field('ImageBase')}`) + BigInt(`0x${field('AddressOfEntryPoint')}`), BigInt(info.details.entry as string));
        assert.equal(`${field('MajorLinkerVersion')}.${field('MinorLinkerVersion')}`, info.details.linkerVersion);
        assert.equal(field('Magic'), target.bits === 64 ? '020b' : '010b');
        // BFD decompresses Go's .zdebug_* sections and takes their inflated sizes as section sizes;
        // they then overlap .idata and objdump reads the import table from the wrong section.
        const compressedDwarf = info.sections.some((s) => s.name.startsWith('.zdebug_'));
        if (!compressedDwarf) assert.deepEqual([...p.matchAll(/DLL Name: (\S+)/g)].map((m) => m[1]), info.needed);
        const h = (await run('objdump', ['-h', path])).stdout;
        const rows = [...h.matchAll(/^\s*\d+ (\S+)\s+([0-9a-f]+)\s+([0-9a-f]+)\s+[0-9a-f]+\s+([0-9a-f]+)/gm)];
        // BFD's size of a PE image section: VirtualSize, capped by SizeOfRawData when there is raw data.
        const bfdSize = (s: Section): number | null =>
          s.name.startsWith('.zdebug_') ? null : s.size === 0 ? (s.memSize ?? 0) : Math.min(s.memSize ?? s.size, s.size);
        assert.deepEqual(
          info.sections.map((s) => ({ name: s.name, vma: BigInt(s.address), size: bfdSize(s), offset: s.offset ?? 0 })),
          rows.map((r) => ({
            name: r[1]!,
            vma: BigInt(`0x${r[3]}`),
            size: r[1]!.startsWith('.zdebug_') ? null : Number.parseInt(r[2]!, 16),
            offset: Number.parseInt(r[4]!, 16),
          })),
        );
      });
    }
  }
});
