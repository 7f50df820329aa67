/**
 * Differential comparisons of readElf() with readelf, file(1) and `go version -m`, shared by the
 * ELF tests. Each asserts on every fact both sides report.
 */
import assert from 'node:assert/strict';
import { fileSource } from '../../byte-source.ts';
import type { BinaryInfo, ElfSecurity } from '../../types.ts';
import { EM_NAMES } from '../constants.ts';
import { readElf } from '../read-elf.ts';
import { fileDescription, goVersionM, readelf } from './oracles.ts';

export async function inspect(path: string): Promise<BinaryInfo> {
  const source = await fileSource(path);
  try {
    return await readElf(source);
  } finally {
    await source.close();
  }
}

/** Everything readelf prints that readElf() also reports. */
export async function compareWithReadelf(path: string, info: BinaryInfo): Promise<void> {
  const r = await readelf(path);
  assert.equal(info.bits, r.header.Class === 'ELF64' ? 64 : 32, 'class');
  assert.equal(info.endian, /little endian/.test(r.header.Data!) ? 'little' : 'big', 'data');
  assert.equal(EM_NAMES.get(info.details.machineCode as number), r.header.Machine, 'machine');
  assert.equal(info.details.osabi, r.header['OS/ABI'], 'osabi');
  assert.equal(info.details.entry, r.header['Entry point address'], 'entry');
  assert.equal(info.details.flags, r.header.Flags!.split(',')[0], 'e_flags');
  assert.equal(r.header.Type!.split(' ')[0], info.details.type, 'type');
  // readelf words the same flags; ours must be among its words (it also prints '<unknown>' for Go's ARM).
  if (typeof info.details.flagsText === 'string') {
    for (const word of info.details.flagsText.split(', ')) assert.ok(r.header.Flags!.includes(word), `flag word ${word} not in ${r.header.Flags}`);
  }

  assert.deepEqual(
    info.sections.map((s) => [s.name, s.memSize ?? s.size, s.address]),
    r.sections.map((s) => [s.name, s.size, `0x${s.address.toString(16)}`]),
    'sections',
  );
  assert.deepEqual(
    info.segments.map((s) => [s.offset, s.fileSize, s.memSize, s.vaddr, s.flags]),
    r.segments.map((s) => [s.offset, s.filesz, s.memsz, `0x${s.vaddr.toString(16)}`, rwx(s.flags)]),
    'segments',
  );
  for (const [i, seg] of r.segments.entries()) {
    if (/^(LOAD|DYNAMIC|INTERP|NOTE|PHDR|TLS|GNU_STACK|GNU_RELRO|GNU_EH_FRAME)$/.test(seg.type)) assert.equal(info.segments[i]!.type, seg.type, `segment ${i} type`);
  }
  assert.equal(info.interpreter, r.interpreter, 'interpreter');
  assert.deepEqual(info.needed, r.needed, 'needed');
  assert.deepEqual(info.rpath, r.rpath, 'rpath');
  assert.deepEqual(info.runpath, r.runpath, 'runpath');
  assert.deepEqual(
    info.versionNeeds.map((v) => ({ file: v.file, versions: v.versions })),
    r.verneed.map((v) => ({ file: v.file, versions: v.versions })),
    'version needs',
  );
  for (const [i, need] of info.versionNeeds.entries()) {
    for (const [j, version] of need.versions.entries()) {
      const index = r.verneed[i]!.indexes[j]!;
      assert.deepEqual(new Set(need.symbols[version] ?? []), r.versionSymbols.get(index) ?? new Set(), `symbols of ${need.file} ${version}`);
    }
  }
  assert.equal(info.buildId.gnu, r.gnuBuildId, 'GNU build ID');
  assert.equal(info.buildId.go, r.goBuildId, 'Go build ID');
  if (r.abiTag) assert.match(String(info.details.abiTag), new RegExp(`${r.abiTag.split(' ')[1]!.replaceAll('.', '\\.')}$`), 'ABI tag');

  const sec = info.security as ElfSecurity;
  const relro = r.segments.some((s) => s.type === 'GNU_RELRO');
  const now = r.dynamicFlags.some((f) => f === 'BIND_NOW' || f === 'NOW');
  assert.equal(sec.relro, relro ? (now ? 'full' : 'partial') : 'none', 'relro');
  const stack = r.segments.find((s) => s.type === 'GNU_STACK');
  assert.equal(sec.nx, stack !== undefined && !stack.flags.includes('E'), 'nx');
  assert.equal(sec.canary, r.canary, 'canary');
  assert.equal(info.stripped, !r.sections.some((s) => s.type === 'SYMTAB'), 'stripped');
}

/** readelf's "R E" → our "r-x". */
function rwx(readelfFlags: string): string {
  return `${readelfFlags.includes('R') ? 'r' : '-'}${readelfFlags.includes('W') ? 'w' : '-'}${readelfFlags.includes('E') ? 'x' : '-'}`;
}

/** file(1)'s verdicts on kind, linkage, PIE, stripping, debug info and build IDs. */
export async function compareWithFile(path: string, info: BinaryInfo): Promise<void> {
  const d = await fileDescription(path);
  const linkage = /static-pie linked/.test(d) ? 'static-pie' : /statically linked/.test(d) ? 'static' : /dynamically linked/.test(d) ? 'dynamic' : null;
  if (linkage) assert.equal(info.linkage, linkage, `linkage (file: ${d})`);
  if (/pie executable/.test(d)) assert.ok(info.kind === 'executable' && info.pie, `pie (file: ${d})`);
  else if (/shared object/.test(d)) assert.equal(info.kind, 'shared-library', `kind (file: ${d})`);
  else if (/executable/.test(d)) assert.ok(info.kind === 'executable' && !info.pie, `exec (file: ${d})`);
  if (/, stripped/.test(d)) assert.equal(info.stripped, true, 'stripped');
  if (/not stripped/.test(d)) assert.equal(info.stripped, false, 'not stripped');
  // file(1) looks for .debug_info only; we also count compressed .zdebug_* sections.
  if (/with debug_info/.test(d)) assert.equal(info.debugInfo, true, `debug info (file: ${d})`);
  else assert.ok(!info.sections.some((s) => s.name === '.debug_info'), `no .debug_info (file: ${d})`);
  const gnu = /BuildID\[sha1\]=([0-9a-f]+)/.exec(d);
  if (gnu) assert.equal(info.buildId.gnu, gnu[1], 'file GNU build ID');
  const go = /Go BuildID=(\S+?),/.exec(d);
  if (go) assert.equal(info.buildId.go, go[1], 'file Go build ID');
}

export async function compareWithGoVersion(path: string, info: BinaryInfo): Promise<void> {
  const g = await goVersionM(path);
  assert.ok(info.go, 'Go build info');
  assert.equal(info.go.version, g.version);
  assert.equal(info.go.path, g.path);
  const fields = (m: { path: string; version: string; sum: string | null }): string[] => [m.path, m.version, ...(m.sum !== null ? [m.sum] : [])];
  assert.deepEqual(info.go.main && fields(info.go.main), g.mod && g.mod.filter((f, i) => i < 2 || f !== ''));
  assert.deepEqual(
    info.go.deps.map((d) => ({ fields: fields(d), replace: d.replace && fields(d.replace) })),
    g.deps.map((d) => ({ fields: d.fields.filter((f, i) => i < 2 || f !== ''), replace: d.replace && d.replace.filter((f, i) => i < 2 || f !== '') })),
  );
  assert.deepEqual(Object.entries(info.go.settings), g.settings);
}

