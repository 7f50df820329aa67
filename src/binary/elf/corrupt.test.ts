/**
 * Negative cases from real bytes: truncation at every header boundary and corrupted offsets,
 * counts, links and string indexes. Broken loader tables → FormatError naming the offset;
 * broken optional tables → a result with a warning. Never a raw exception.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { bytesSource } from '../byte-source.ts';
import { BinaryError, FormatError, UnrecognizedFormatError } from '../errors.ts';
import type { BinaryInfo } from '../types.ts';
import { lacks } from '../../../test/support/go.ts';
import { DT_NEEDED, DT_VERNEED, PT_DYNAMIC, SHT_DYNSYM } from './constants.ts';
import { readDynamic } from './dynamic.ts';
import { readElf, readElfLayout, virtualToFile } from './read-elf.ts';
import { CGO_ARM64, ELF_CORPUS, build } from './testing/corpus.ts';

type Outcome = { ok: true; info: BinaryInfo } | { ok: false; error: BinaryError };

async function attempt(bytes: Uint8Array): Promise<Outcome> {
  try {
    return { ok: true, info: await readElf(bytesSource(bytes)) };
  } catch (error) {
    assert.ok(error instanceof BinaryError, `raw exception escaped: ${(error as Error)?.stack ?? String(error)}`);
    return { ok: false, error };
  }
}

/** The layout facts of a pristine binary the cases corrupt. */
async function layoutOf(bytes: Uint8Array) {
  const source = bytesSource(bytes);
  const { header, sections, segments } = await readElfLayout(source);
  const dynamic = await readDynamic(source, header, segments, sections, []);
  return { header, sections, segments, dynamic };
}

const skip = lacks('go', 'aarch64-linux-gnu-gcc');

test('readElf() fails with FormatError at every truncation of a cgo arm64 binary before its section table ends', { skip }, async () => {
  const pristine = new Uint8Array(await readFile(await build(CGO_ARM64)));
  const { header, sections, segments } = await layoutOf(pristine);
  const cuts = new Set<number>([0, 1, 4, 15, 16, 20, 40, 63, 64]);
  for (let i = 0; i <= header.phnum; i++) cuts.add(header.phoff + i * header.phentsize);
  for (let i = 0; i <= header.shnum; i++) cuts.add(header.shoff + i * header.shentsize);
  for (const s of sections) cuts.add(s.offset).add(s.offset + Math.floor(s.size / 2));
  for (const p of segments) cuts.add(p.offset).add(p.offset + p.filesz);
  const tableEnd = header.shoff + header.shnum * header.shentsize;
  assert.ok(cuts.size > 100);
  for (const cut of [...cuts].filter((c) => c < pristine.length).sort((a, b) => a - b)) {
    const outcome = await attempt(pristine.subarray(0, cut));
    if (cut < 4) {
      assert.ok(!outcome.ok && outcome.error instanceof UnrecognizedFormatError, `cut at ${cut}`);
    } else if (cut < tableEnd) {
      assert.ok(!outcome.ok && outcome.error instanceof FormatError, `cut at ${cut} must be a FormatError`);
      assert.ok(typeof outcome.error.offset === 'number' && outcome.error.offset <= pristine.length, `offset of cut ${cut}`);
      assert.match(outcome.error.message, /^Cannot /);
    }
  }
});

test('readElf() gives a result or a typed error at every truncation of 32-bit big-endian MIPS', { skip: lacks('go') }, async () => {
  const pristine = new Uint8Array(await readFile(await build(ELF_CORPUS.find((e) => e.label === 'linux/mips')!)));
  const { header, sections } = await layoutOf(pristine);
  // Go's MIPS linker puts the section table right after the program headers.
  const tableEnd = header.shoff + header.shnum * header.shentsize;
  const cuts = [16, 52, header.phoff + header.phentsize, header.shoff + 40, tableEnd - 1, ...sections.filter((s) => s.offset >= 16).map((s) => s.offset + 1), pristine.length - 1];
  let reported = 0;
  for (const cut of cuts) {
    const outcome = await attempt(pristine.subarray(0, cut));
    if (cut < tableEnd) assert.ok(!outcome.ok && outcome.error instanceof FormatError, `cut at ${cut}`);
    if (!outcome.ok || outcome.info.warnings.length > 0) reported++;
  }
  // Past the section table, cutting into the section data still breaks a table readElf reads:
  // fatal for loader tables, a warning for the section names, notes and Go build info.
  assert.ok(reported > cuts.length / 2, `${reported} errors or warnings of ${cuts.length} cuts`);
});

interface Case {
  name: string;
  corrupt(bytes: Uint8Array, view: DataView, l: Awaited<ReturnType<typeof layoutOf>>): number | void;
  /** 'error': FormatError whose offset is the returned number (or any, when none is returned); RegExp: a warning. */
  expect: 'error' | RegExp;
}

const le = true;
const CASES: Case[] = [
  { name: 'e_shoff past end of file', expect: 'error', corrupt: (_b, v) => v.setBigUint64(0x28, 0x7fff0000n, le) },
  { name: 'e_phoff past end of file', expect: 'error', corrupt: (_b, v) => v.setBigUint64(0x20, 0x7fff0000n, le) },
  { name: 'e_shnum too large for the file', expect: 'error', corrupt: (_b, v) => v.setUint16(0x3c, 0xfffe, le) },
  { name: 'e_phnum too large for the file', expect: 'error', corrupt: (_b, v) => v.setUint16(0x38, 0xfffe, le) },
  { name: 'e_shstrndx beyond the section count', expect: /e_shstrndx 28672 is not below the section count/, corrupt: (_b, v) => v.setUint16(0x3e, 0x7000, le) },
  { name: 'e_shentsize smaller than a section header', expect: 'error', corrupt: (_b, v) => v.setUint16(0x3a, 8, le) },
  { name: 'ELF class byte unknown', expect: 'error', corrupt: (b) => ((b[4] = 7), 4) },
  {
    name: 'sh_name past the string table',
    expect: /sh_name 0xffffff is past the end of the string table/,
    corrupt: (_b, v, l) => {
      const s = l.sections[3]!;
      v.setUint32(s.headerOffset, 0xffffff, le);
      return s.headerOffset;
    },
  },
  {
    name: 'sh_offset of the section name table past end of file',
    expect: /section name string table/,
    corrupt: (_b, v, l) => {
      const s = l.sections[l.header.shstrndx]!;
      v.setBigUint64(s.headerOffset + 24, 0x7fff0000n, le);
      return s.headerOffset;
    },
  },
  {
    name: 'PT_DYNAMIC p_filesz past end of file',
    expect: 'error',
    corrupt: (_b, v, l) => {
      const p = l.segments.find((s) => s.type === PT_DYNAMIC)!;
      v.setBigUint64(p.headerOffset + 32, 0x7fff0000n, le);
      return p.headerOffset;
    },
  },
  {
    name: 'DT_NEEDED string index past the dynamic string table',
    expect: 'error',
    corrupt: (_b, v, l) => {
      const e = l.dynamic.entries.find((d) => d.tag === DT_NEEDED)!;
      v.setBigUint64(e.offset + 8, 0xfffffffn, le);
      return e.offset;
    },
  },
  {
    name: 'DT_VERNEED pointing outside every segment and no section fallback',
    expect: 'error',
    corrupt: (_b, v, l) => {
      const e = l.dynamic.entries.find((d) => d.tag === DT_VERNEED)!;
      v.setBigUint64(e.offset + 8, 0x7000_0000_0000n, le);
      // Make the .gnu.version_r section point past the file too.
      const s = l.sections.find((x) => x.name === '.gnu.version_r')!;
      v.setBigUint64(s.headerOffset + 24, 0x7fff0000n, le);
    },
  },
  {
    name: 'vn_cnt far larger than the auxiliary entries',
    expect: 'error',
    corrupt: (_b, v, l) => {
      const e = l.dynamic.entries.find((d) => d.tag === DT_VERNEED)!;
      const at = virtualToFile(l.segments, v.byteLength, e.value)!.offset;
      // Last aux's vna_next (0) becomes a step past the end of the file.
      v.setUint16(at + 2, 0xffff, le);
      const lastAux = at + 16 + 2 * 16;
      v.setUint32(lastAux + 12, 0x7fff0000, le);
    },
  },
  {
    name: 'vn_version not 1',
    expect: 'error',
    corrupt: (_b, v, l) => {
      const e = l.dynamic.entries.find((d) => d.tag === DT_VERNEED)!;
      const at = virtualToFile(l.segments, v.byteLength, e.value)!.offset;
      v.setUint16(at, 9, le);
      return at;
    },
  },
  {
    name: 'vna_name past the dynamic string table',
    expect: 'error',
    corrupt: (_b, v, l) => {
      const e = l.dynamic.entries.find((d) => d.tag === DT_VERNEED)!;
      const at = virtualToFile(l.segments, v.byteLength, e.value)!.offset;
      v.setUint32(at + 16 + 8, 0xfffffff, le);
      return at + 16 + 8;
    },
  },
  {
    name: '.dynsym sh_link not a string table',
    expect: /not a string table/,
    corrupt: (_b, v, l) => {
      const s = l.sections.find((x) => x.type === SHT_DYNSYM)!;
      v.setUint32(s.headerOffset + 40, 0, le);
    },
  },
  {
    name: '.dynstr section header pointing past end of file (DT_STRTAB still maps)',
    expect: /string table/,
    corrupt: (_b, v, l) => {
      const s = l.sections.find((x) => x.type === SHT_DYNSYM)!;
      const strs = l.sections[s.link]!;
      v.setBigUint64(strs.headerOffset + 24, 0x7fff0000n, le);
    },
  },
  {
    name: 'note n_descsz past its note area',
    expect: /ELF note/,
    corrupt: (_b, v, l) => {
      const s = l.sections.find((x) => x.name === '.note.gnu.build-id')!;
      v.setUint32(s.offset + 4, 0xffff, le);
    },
  },
  {
    name: 'Go build info inline length past its section',
    expect: /Go build info/,
    corrupt: (b, _v, l) => {
      const s = l.sections.find((x) => x.name === '.go.buildinfo')!;
      b.set([0xff, 0xff, 0xff, 0x0f], s.offset + 32);
    },
  },
];

for (const c of CASES) {
  test(`readElf() with ${c.name}: ${c.expect === 'error' ? 'FormatError with offset' : 'result with a warning'}`, { skip }, async () => {
    const bytes = new Uint8Array(await readFile(await build(CGO_ARM64)));
    const layout = await layoutOf(bytes);
    const offset = c.corrupt(bytes, new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength), layout);
    const outcome = await attempt(bytes);
    if (c.expect === 'error') {
      assert.ok(!outcome.ok, `expected a FormatError, got a result with warnings ${outcome.ok && JSON.stringify(outcome.info.warnings)}`);
      assert.ok(outcome.error instanceof FormatError, `${outcome.error.name}: ${outcome.error.message}`);
      assert.match(outcome.error.message, /^Cannot .* at byte 0x[0-9a-f]+$/);
      if (typeof offset === 'number') assert.equal(outcome.error.offset, offset, outcome.error.message);
    } else {
      assert.ok(outcome.ok, `expected a result, got ${!outcome.ok && outcome.error.message}`);
      assert.ok(outcome.info.warnings.some((w) => c.expect instanceof RegExp && c.expect.test(w)), `warnings: ${JSON.stringify(outcome.info.warnings)}`);
    }
  });
}

test('readElf() resolves extended section and segment numbering through section header 0', { skip }, async () => {
  const bytes = new Uint8Array(await readFile(await build(CGO_ARM64)));
  const before = await readElf(bytesSource(bytes));
  const { header } = await layoutOf(bytes);
  const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // e_shnum = 0, e_shstrndx = SHN_XINDEX, e_phnum = PN_XNUM; the real values go to sh_size, sh_link, sh_info of section 0.
  v.setUint16(0x3c, 0, le);
  v.setUint16(0x3e, 0xffff, le);
  v.setUint16(0x38, 0xffff, le);
  v.setBigUint64(header.shoff + 32, BigInt(header.shnum), le);
  v.setUint32(header.shoff + 40, header.shstrndx, le);
  v.setUint32(header.shoff + 44, header.phnum, le);
  const after = await readElf(bytesSource(bytes));
  assert.deepEqual(after.sections, before.sections);
  assert.deepEqual(after.segments, before.segments);
  assert.equal(after.requiredGlibc, '2.34');
});

test('readElf() of a non-ELF is UnrecognizedFormatError; of a bare ELF magic a FormatError', async () => {
  await assert.rejects(readElf(bytesSource(new TextEncoder().encode('#!/bin/sh\necho hi\n'))), UnrecognizedFormatError);
  await assert.rejects(readElf(bytesSource(new Uint8Array([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1]))), FormatError);
});

test('readElf() with e_shstrndx out of range reports it, leaves names blank and still reads the loader tables', { skip }, async () => {
  const bytes = new Uint8Array(await readFile(await build(CGO_ARM64)));
  new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).setUint16(0x3e, 0x7000, le);
  const info = await readElf(bytesSource(bytes));
  assert.deepEqual(info.warnings.filter((w) => /e_shstrndx/.test(w)), [`Cannot name sections: e_shstrndx 28672 is not below the section count ${info.sections.length + 1} at byte 0x3e`]);
  assert.ok(info.sections.length > 20 && info.sections.every((s) => s.name === ''));
  assert.deepEqual(info.needed, ['libc.so.6']);
  assert.equal(info.requiredGlibc, '2.34');
  await assert.rejects(readElfLayout(bytesSource(bytes)), FormatError);
});
