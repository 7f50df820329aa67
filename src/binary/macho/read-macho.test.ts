import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { bytesSource, fileSource } from '../byte-source.ts';
import type { BinaryInfo, MachoSecurity } from '../types.ts';
import { run } from '../../process/run.ts';
import { GO, goBinary, lacks } from '../../../test/support/go.ts';
import { goVersionM } from '../../../test/support/go-version-m.ts';
import { readMacho } from './read-macho.ts';
import { fatFile, thinFile } from './testing.ts';

const GOROOT_TESTDATA = GO ? join(GO, '../../src/debug/macho/testdata') : '';

/** Go ships its Mach-O fixtures base64-encoded. */
async function fixture(name: string): Promise<Uint8Array> {
  return new Uint8Array(Buffer.from(await readFile(join(GOROOT_TESTDATA, `${name}.base64`), 'utf8'), 'base64'));
}

async function read(bytes: Uint8Array): Promise<BinaryInfo> {
  return readMacho(bytesSource(bytes));
}

const FIXTURES = [
  {
    file: 'gcc-386-darwin-exec',
    want: { format: 'macho', goarch: '386', bits: 32, kind: 'executable', pie: false, needed: ['/usr/lib/libgcc_s.1.dylib', '/usr/lib/libSystem.B.dylib'], rpath: [], sections: 5, debugInfo: false },
  },
  {
    file: 'gcc-amd64-darwin-exec',
    want: { format: 'macho', goarch: 'amd64', bits: 64, kind: 'executable', pie: false, needed: ['/usr/lib/libgcc_s.1.dylib', '/usr/lib/libSystem.B.dylib'], rpath: [], sections: 8, debugInfo: false },
  },
  {
    file: 'gcc-amd64-darwin-exec-with-bad-dysym',
    want: { format: 'macho', goarch: 'amd64', bits: 64, kind: 'executable', pie: false, needed: ['/usr/lib/libgcc_s.1.dylib', '/usr/lib/libSystem.B.dylib'], rpath: [], sections: 8, debugInfo: false },
  },
  {
    // A dSYM companion: zero-size text and data sections plus the __DWARF segment.
    file: 'gcc-amd64-darwin-exec-debug',
    want: { format: 'macho', goarch: 'amd64', bits: 64, kind: 'unknown', pie: false, needed: [], rpath: [], sections: 15, debugInfo: true },
  },
  {
    file: 'clang-386-darwin-exec-with-rpath',
    want: { format: 'macho', goarch: '386', bits: 32, kind: 'executable', pie: true, needed: ['/usr/lib/libSystem.B.dylib'], rpath: ['/my/rpath'], sections: 7, debugInfo: false },
  },
  {
    file: 'clang-amd64-darwin-exec-with-rpath',
    want: { format: 'macho', goarch: 'amd64', bits: 64, kind: 'executable', pie: true, needed: ['/usr/lib/libSystem.B.dylib'], rpath: ['/my/rpath'], sections: 7, debugInfo: false },
  },
  {
    file: 'clang-386-darwin.obj',
    want: { format: 'macho', goarch: '386', bits: 32, kind: 'object', pie: false, needed: [], rpath: [], sections: 2, debugInfo: false },
  },
  {
    file: 'clang-amd64-darwin.obj',
    want: { format: 'macho', goarch: 'amd64', bits: 64, kind: 'object', pie: false, needed: [], rpath: [], sections: 4, debugInfo: false },
  },
  {
    file: 'fat-gcc-386-amd64-darwin-exec',
    want: { format: 'macho-fat', goarch: '386', bits: 32, kind: 'executable', pie: false, needed: ['/usr/lib/libgcc_s.1.dylib', '/usr/lib/libSystem.B.dylib'], rpath: [], sections: 5, debugInfo: false },
  },
] as const;

/** `file -b` for a thin Mach-O, e.g. "Mach-O 64-bit x86_64 executable, flags:<|DYLDLINK|PIE>". */
function parseFile(out: string): { bits: 32 | 64; arch: string; kind: string; flags: string[] } {
  const m = /Mach-O (64-bit )?(\S+) (executable|object|dSYM companion file)(?:, flags:<([^>]*)>)?/.exec(out);
  assert.ok(m, `unexpected file(1) output: ${out}`);
  return { bits: m[1] ? 64 : 32, arch: m[2]!, kind: m[3]!, flags: (m[4] ?? '').split('|').filter(Boolean) };
}

const FILE_KIND: Record<string, string> = { executable: 'MH_EXECUTE', object: 'MH_OBJECT', 'dSYM companion file': 'MH_DSYM' };

function assertMatchesFile(info: BinaryInfo, out: string): void {
  const want = parseFile(out);
  assert.equal(info.bits, want.bits);
  assert.equal(info.details.arch, want.arch);
  assert.equal(info.details.fileType, FILE_KIND[want.kind]);
  assert.deepEqual(String(info.details.flags).split(' ').filter(Boolean), want.flags);
}

describe('readMacho() on Go debug/macho fixtures', { skip: lacks('go') }, () => {
  for (const { file, want } of FIXTURES) {
    it(`reads ${file}`, async () => {
      const info = await read(await fixture(file));
      assert.deepEqual(
        {
          format: info.format,
          goarch: info.goarch,
          bits: info.bits,
          kind: info.kind,
          pie: info.pie,
          needed: info.needed,
          rpath: info.rpath,
          sections: info.sections.length,
          debugInfo: info.debugInfo,
        },
        want,
      );
      assert.equal(info.goos, 'darwin');
      assert.equal(info.endian, 'little');
      assert.equal(info.interpreter, want.needed.length > 0 ? '/usr/lib/dyld' : null);
      assert.equal(info.linkage, want.needed.length > 0 ? 'dynamic' : 'static');
      assert.equal(info.go, null);
    });

    it(`matches file(1) on ${file}`, { skip: lacks('file') }, async (t) => {
      const dir = await mkdtemp(join(tmpdir(), 'gocross-macho-'));
      t.after(() => rm(dir, { recursive: true, force: true }));
      const bytes = await fixture(file);
      await writeFile(join(dir, file), bytes);
      const out = (await run('file', ['-b', join(dir, file)])).stdout;
      const info = await read(bytes);
      if (info.slices) {
        // "Mach-O universal binary with 2 architectures: [i386:\012- Mach-O i386 executable, …] […]"
        assert.match(out, new RegExp(`universal binary with ${info.slices.length} architectures`));
        const parts = out.split(/\] \[/);
        info.slices.forEach((slice, i) => assertMatchesFile(slice, parts[i]!));
      } else {
        assertMatchesFile(info, out);
      }
    });
  }

  it('reads the UUID and minimum OS of clang-amd64-darwin-exec-with-rpath', async () => {
    const info = await read(await fixture('clang-amd64-darwin-exec-with-rpath'));
    assert.equal(info.details.uuid, '7F2C2EFA-311A-3BD2-8C49-A9C95D4DFA49');
    assert.equal(info.details.platform, 'macos');
    assert.equal(info.details.minOs, '10.12');
    assert.deepEqual(info.security, { pie: true, allowStackExecution: false, noHeapExecution: false } satisfies MachoSecurity);
  });

  it('reports both slices of fat-gcc-386-amd64-darwin-exec', async () => {
    const info = await read(await fixture('fat-gcc-386-amd64-darwin-exec'));
    assert.deepEqual(
      info.slices?.map((s) => [s.format, s.goarch, s.bits]),
      [
        ['macho', '386', 32],
        ['macho', 'amd64', 64],
      ],
    );
    assert.equal(info.details.arches, 'i386,x86_64');
  });
});

const DARWIN = [
  { goarch: 'amd64', machine: 'x86-64', arch: 'x86_64' },
  { goarch: 'arm64', machine: 'AArch64', arch: 'arm64' },
] as const;

describe('readMacho() on Go darwin cross builds', { skip: lacks('go') }, () => {
  const paths = new Map<string, string>();
  let dir = '';
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'gocross-fat-'));
    for (const { goarch } of DARWIN) {
      for (const stripped of [false, true]) {
        paths.set(`${goarch}${stripped ? '-s' : ''}`, await goBinary({ goos: 'darwin', goarch, flags: stripped ? ['-ldflags=-s -w'] : [] }));
      }
    }
  });
  after(() => rm(dir, { recursive: true, force: true }));

  for (const target of DARWIN) {
    for (const stripped of [false, true]) {
      const label = `darwin/${target.goarch}${stripped ? ' -ldflags=-s -w' : ''}`;
      it(`reads ${label} like go version -m and file(1) do`, async () => {
        const path = paths.get(`${target.goarch}${stripped ? '-s' : ''}`)!;
        const source = await fileSource(path);
        const info = await readMacho(source).finally(() => source.close());
        assert.equal(info.format, 'macho');
        assert.equal(info.goos, 'darwin');
        assert.equal(info.goarch, target.goarch);
        assert.equal(info.machine, target.machine);
        assert.equal(info.bits, 64);
        assert.equal(info.kind, 'executable');
        assert.equal(info.pie, true);
        assert.equal(info.linkage, 'dynamic');
        assert.equal(info.interpreter, '/usr/lib/dyld');
        assert.ok(info.needed.includes('/usr/lib/libSystem.B.dylib'), info.needed.join(' '));
        assert.equal(info.stripped, stripped);
        assert.equal(info.debugInfo, !stripped);
        assert.equal(info.details.platform, 'macos');
        assert.match(String(info.details.minOs), /^\d+\.\d+/);
        assert.match(info.buildId.go ?? '', /^[\w-]{20}\/[\w-]{20}\/[\w-]{20}\/[\w-]{20}$/);
        assert.deepEqual(info.warnings, []);
        assert.deepEqual(info.go, await goVersionM(path));
        if (!lacks('file')) assertMatchesFile(info, (await run('file', ['-b', path])).stdout);
      });
    }
  }

  for (const wide of [false, true]) {
    it(`reports both slices of a ${wide ? '64-bit (0xcafebabf)' : '32-bit (0xcafebabe)'} fat file built from the darwin builds`, async () => {
      const thins = await Promise.all(DARWIN.map(({ goarch }) => readFile(paths.get(goarch)!)));
      const fatPath = join(dir, wide ? 'hello-fat64' : 'hello-fat');
      await writeFile(fatPath, fatFile(thins.map((b) => new Uint8Array(b)), { wide }));
      const source = await fileSource(fatPath);
      const info = await readMacho(source).finally(() => source.close());
      assert.equal(info.format, 'macho-fat');
      assert.deepEqual(
        info.slices?.map((s) => [s.format, s.goarch, s.machine, s.go?.settings.GOARCH]),
        DARWIN.map((d) => ['macho', d.goarch, d.machine, d.goarch]),
      );
      // The top level is the first slice, as `go version -m` reads it.
      assert.equal(info.goarch, 'amd64');
      assert.equal(info.details.arches, 'x86_64,arm64');
      assert.equal(info.buildId.go, info.slices?.[0]?.buildId.go);
      assert.notEqual(info.slices?.[0]?.buildId.go, info.slices?.[1]?.buildId.go);
      // Each slice reads exactly what the thin file reads.
      for (const [i, { goarch }] of DARWIN.entries()) {
        const thin = await read(new Uint8Array(thins[i]!));
        assert.deepEqual(info.slices?.[i], thin, `slice ${goarch}`);
      }
      if (!wide) assert.deepEqual(info.go, await goVersionM(fatPath));
      if (!wide && !lacks('file')) {
        const out = (await run('file', ['-b', fatPath])).stdout;
        assert.match(out, /universal binary with 2 architectures/);
        out.split(/\] \[/).forEach((part, i) => assertMatchesFile(info.slices![i]!, part));
      }
    });
  }
});

const LC_LOAD_DYLINKER = 0xe;
const LC_LOAD_DYLIB = 0xc;
const LC_RPATH = 0x8000001c;
const LC_BUILD_VERSION = 0x32;
const LC_VERSION_MIN_MACOSX = 0x24;

describe('readMacho() on synthetic files of other widths, byte orders and platforms', () => {
  const text = { name: '__text', segment: '__TEXT', addr: 0x1000, size: 0x10, offset: 0x200, flags: 0x80000400 };
  const cases = [
    {
      what: 'big-endian 32-bit PowerPC',
      file: { endian: 'big', bits: 32, cputype: 18, commands: [{ kind: 'raw', cmd: LC_VERSION_MIN_MACOSX, words: [0x000a0500, 0x000a0500] }] },
      want: { endian: 'big', bits: 32, machine: 'PowerPC', goarch: null, goos: 'darwin', minOs: '10.5' },
    },
    {
      what: 'big-endian 64-bit PowerPC',
      file: { endian: 'big', bits: 64, cputype: 0x01000012, commands: [] },
      want: { endian: 'big', bits: 64, machine: 'PowerPC64', goarch: 'ppc64', goos: 'darwin', minOs: null },
    },
    {
      what: '32-bit ARM for iOS (LC_BUILD_VERSION platform 2)',
      file: { endian: 'little', bits: 32, cputype: 12, commands: [{ kind: 'raw', cmd: LC_BUILD_VERSION, words: [2, 0x000c0000, 0x000d0000, 0] }] },
      want: { endian: 'little', bits: 32, machine: 'ARM', goarch: 'arm', goos: 'ios', minOs: '12.0' },
    },
    {
      what: 'arm64 for the iOS simulator',
      file: { endian: 'little', bits: 64, cputype: 0x0100000c, commands: [{ kind: 'raw', cmd: LC_BUILD_VERSION, words: [7, 0x000e0100, 0x000e0100, 0] }] },
      want: { endian: 'little', bits: 64, machine: 'AArch64', goarch: 'arm64', goos: 'ios', minOs: '14.1' },
    },
  ] as const;
  for (const c of cases) {
    it(`reads ${c.what}`, async () => {
      const info = await read(
        thinFile({
          ...c.file,
          size: 0x400,
          commands: [
            { kind: 'segment', name: '__TEXT', vmaddr: 0x1000, vmsize: 0x1000, fileoff: 0, filesize: 0x400, prot: 5, sections: [text] },
            { kind: 'string', cmd: LC_LOAD_DYLINKER, value: '/usr/lib/dyld', fixed: 12 },
            { kind: 'string', cmd: LC_LOAD_DYLIB, value: '/usr/lib/libSystem.B.dylib', fixed: 24 },
            { kind: 'string', cmd: LC_RPATH, value: '@loader_path/../lib', fixed: 12 },
            ...c.file.commands,
          ],
        }),
      );
      assert.deepEqual(
        { endian: info.endian, bits: info.bits, machine: info.machine, goarch: info.goarch, goos: info.goos, minOs: info.details.minOs },
        c.want,
      );
      assert.equal(info.interpreter, '/usr/lib/dyld');
      assert.deepEqual(info.needed, ['/usr/lib/libSystem.B.dylib']);
      assert.deepEqual(info.rpath, ['@loader_path/../lib']);
      assert.deepEqual(
        info.sections.map((s) => [s.name, s.size, s.offset, s.type, s.flags]),
        [['__TEXT,__text', 0x10, 0x200, 'S_REGULAR', ['PURE_INSTRUCTIONS', 'SOME_INSTRUCTIONS']]],
      );
      assert.deepEqual(info.segments, [{ type: '__TEXT', offset: 0, fileSize: 0x400, memSize: 0x1000, vaddr: '0x1000', flags: 'r-x' }]);
      // No LC_SYMTAB at all: stripped.
      assert.equal(info.stripped, true);
    });
  }
});
