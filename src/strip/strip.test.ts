import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { chmod, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FIXTURES, GO, goBinary, lacks } from '../../test/support/go.ts';
import { run } from '../process/run.ts';
import { compareStrip } from './compare.ts';
import { StripRefusedError } from './errors.ts';
import { isDebugSection, STRIP_MODES } from './policy.ts';
import { stripFile } from './strip-file.ts';
import { findBinutils } from './tools.ts';

const work = await mkdtemp(join(tmpdir(), 'gocross-strip-test-'));
test.after(() => rm(work, { recursive: true, force: true }));

interface ReadelfView {
  segments: string[];
  sections: string[];
}

/** `readelf -S -l --wide`: program headers (type, offset, vaddr, memsz, flags, align) and section names. */
async function readelf(file: string): Promise<ReadelfView & { fileSizes: number[] }> {
  const { stdout } = await run('readelf', ['-S', '-l', '--wide', file]);
  const segments: string[] = [];
  const fileSizes: number[] = [];
  const sections: string[] = [];
  for (const line of stdout.split('\n')) {
    const seg = /^\s+([A-Z_]+|LOOS\+\w+|0x[0-9a-f]+)\s+(0x[0-9a-f]+) (0x[0-9a-f]+) (0x[0-9a-f]+) (0x[0-9a-f]+) (0x[0-9a-f]+) (.{3}) (0x[0-9a-f]+)/.exec(line);
    if (seg) {
      // FileSiz (seg[5]) may shrink by trailing zero padding that no section covers; see plan.ts.
      segments.push([seg[1], seg[2], seg[3], seg[4], seg[6], seg[7], seg[8]].join(' '));
      fileSizes.push(parseInt(seg[5]!, 16));
    }
    const sec = /^\s+\[\s*\d+\]\s+(\S+)/.exec(line);
    if (sec) sections.push(sec[1]!);
  }
  return { segments, sections, fileSizes };
}

function hostCanRun(goarch: string): boolean {
  return (process.arch === 'x64' && goarch === 'amd64') || (process.arch === 'arm64' && goarch === 'arm64');
}

async function runIt(goarch: string, qemu: string, file: string): Promise<{ code: number | null; out: string }> {
  const cmd = hostCanRun(goarch) ? [file] : [qemu, file];
  const r = await run(cmd[0]!, cmd.slice(1), { reject: false, timeoutMs: 60_000 });
  return { code: r.exitCode, out: r.stdout };
}

// 386 is checked for layout, build info and size only: this host's kernel cannot exec 32-bit x86, and
// qemu-i386-static 7.2 crashes the Go 1.23 runtime ("bad g in signal handler") even for the unstripped input.
const ARCHES: { goarch: string; qemu: string; env?: Record<string, string>; note: string; runs?: false }[] = [
  { goarch: 'amd64', qemu: 'qemu-x86_64-static', note: 'LE64' },
  { goarch: '386', qemu: 'qemu-i386-static', note: 'LE32', runs: false },
  { goarch: 'arm', qemu: 'qemu-arm-static', env: { GOARM: '7' }, note: 'LE32' },
  { goarch: 'arm64', qemu: 'qemu-aarch64-static', note: 'LE64' },
  { goarch: 'mips', qemu: 'qemu-mips-static', env: { GOMIPS: 'softfloat' }, note: 'BE32' },
  { goarch: 's390x', qemu: 'qemu-s390x-static', note: 'BE64' },
  { goarch: 'mips64le', qemu: 'qemu-mips64el-static', note: 'LE64' },
  { goarch: 'riscv64', qemu: 'qemu-riscv64-static', note: 'LE64' },
];

for (const arch of ARCHES) {
  test(`stripFile() on linux/${arch.goarch} (${arch.note}): every mode still runs, keeps segments and build info, drops debug sections, is no larger than binutils`, { skip: lacks('go', 'readelf', ...(arch.runs === false ? [] : [arch.qemu])) }, async () => {
    const original = await goBinary({ goos: 'linux', goarch: arch.goarch, env: arch.env });
    const before = await readelf(original);
    assert.ok(before.sections.some(isDebugSection), 'the test binary carries DWARF');
    const expected = arch.runs === false ? null : await runIt(arch.goarch, arch.qemu, original);
    if (expected) assert.equal(expected.code, 0);
    const originalBytes = await readFile(original);
    const binutilsStrip = await findBinutils('strip', original, arch.goarch);
    for (const mode of STRIP_MODES) {
      const out = join(work, `${arch.goarch}-${mode}`);
      const r = await stripFile(original, { mode, output: out });
      assert.equal(r.unchanged, false);
      const after = await readelf(out);
      assert.deepEqual(after.segments, before.segments, `${mode}: same program headers`);
      after.fileSizes.forEach((size, i) => assert.ok(size <= before.fileSizes[i]!, `${mode}: segment ${i} file size did not grow`));
      assert.deepEqual(after.sections.filter(isDebugSection), [], `${mode}: no debug sections`);
      assert.equal(after.sections.includes('.symtab'), mode === 'debug', `${mode}: .symtab kept only by debug`);
      if (expected) assert.deepEqual(await runIt(arch.goarch, arch.qemu, out), expected, `${mode}: same exit code and output`);
      const version = await run(GO!, ['version', '-m', out]);
      assert.match(version.stdout, /path\texample\.com\/hello/, `${mode}: go version -m reads it`);
      assert.deepEqual(await readFile(original), originalBytes, 'the input is untouched');
      if (binutilsStrip) {
        const ref = join(work, `${arch.goarch}-${mode}-binutils`);
        const flag = mode === 'debug' ? '--strip-debug' : mode === 'unneeded' ? '--strip-unneeded' : '--strip-all';
        await run(binutilsStrip, [flag, '-o', ref, original]);
        const theirs = (await readFile(ref)).length;
        assert.ok(r.sizeAfter <= theirs, `${mode}: ${r.sizeAfter} bytes <= binutils ${theirs}`);
      }
      // Stripping the result again changes nothing.
      const again = join(work, `${arch.goarch}-${mode}-again`);
      const r2 = await stripFile(out, { mode, output: again });
      assert.equal(r2.unchanged, true);
      assert.deepEqual(await readFile(again), await readFile(out));
    }
  });
}

test('stripFile() on a malformed ELF fails with a typed error and leaves no output file', { skip: lacks('go') }, async () => {
  const original = await readFile(await goBinary({ goos: 'linux', goarch: 'arm64' }));
  const dir = await mkdtemp(join(work, 'bad-'));
  const cases: [string, Uint8Array][] = [
    ['truncated', original.subarray(0, 100_000)],
    ['section table past end', (() => {
      const b = Buffer.from(original);
      b.writeBigUInt64LE(BigInt(b.length + 10), 0x28); // e_shoff
      return b;
    })()],
    ['bad class', (() => {
      const b = Buffer.from(original);
      b[4] = 9;
      return b;
    })()],
    ['empty', new Uint8Array(0)],
  ];
  for (const [name, bytes] of cases) {
    const input = join(dir, name.replace(/ /g, '-'));
    await writeFile(input, bytes);
    const out = join(dir, `${name.replace(/ /g, '-')}.out`);
    await assert.rejects(stripFile(input, { output: out }), (e: Error) => e instanceof StripRefusedError || e.name.endsWith('Error'), name);
    assert.equal(existsSync(out), false, `${name}: no output`);
  }
  assert.deepEqual((await readdir(dir)).filter((f) => f.includes('.tmp')), [], 'no temp files left');
});

test('stripFile() refuses PE and Mach-O and points at -ldflags="-s -w"', { skip: lacks('go') }, async () => {
  for (const goos of ['windows', 'darwin']) {
    const input = await goBinary({ goos, goarch: 'amd64' });
    const out = join(work, `${goos}.out`);
    await assert.rejects(stripFile(input, { output: out }), (e: Error) => e instanceof StripRefusedError && /-ldflags="-s -w"/.test(e.message) && /(PE|Mach-O)/.test(e.message));
    assert.equal(existsSync(out), false);
  }
});

test('stripFile() refuses relocatable objects', { skip: lacks('gcc') }, async () => {
  const src = join(work, 'obj.c');
  await writeFile(src, 'int answer(void) { return 42; }\n');
  const obj = join(work, 'obj.o');
  await run('gcc', ['-g', '-c', src, '-o', obj]);
  await assert.rejects(stripFile(obj, { output: `${obj}.out` }), /relocatable object/);
});

test('stripFile() --in-place replaces the file atomically and keeps its mode', { skip: lacks('go', 'readelf') }, async () => {
  const copy = join(work, 'inplace');
  await writeFile(copy, await readFile(await goBinary({ goos: 'linux', goarch: 'amd64' })));
  await chmod(copy, 0o751);
  const r = await stripFile(copy, { inPlace: true, mode: 'debug' });
  assert.equal(r.output, copy);
  assert.equal((await readFile(copy)).length, r.sizeAfter);
  const { stdout } = await run('stat', ['-c', '%a', copy]);
  assert.equal(stdout.trim(), '751');
  assert.deepEqual((await readdir(work)).filter((f) => f.includes('.tmp')), []);
});

test('isDebugSection() follows BFD debugging section names', () => {
  const cases: [string, boolean][] = [
    ['.debug_info', true], ['.zdebug_line', true], ['.debug_gdb_scripts', true], ['.stab', true], ['.stabstr', true],
    ['.line', true], ['.gdb_index', true], ['.gnu.debuglto_.debug_info', true], ['.gnu.linkonce.wi.foo', true],
    ['.text', false], ['.gopclntab', false], ['.symtab', false], ['.note.go.buildid', false], ['.comment', false],
  ];
  for (const [name, want] of cases) assert.equal(isDebugSection(name), want, name);
});

test('gocross strip CLI: strips to -o, reports, and exits 1 with a message on a non-ELF file', { skip: lacks('go') }, async () => {
  const input = await goBinary({ goos: 'linux', goarch: 'amd64' });
  const out = join(work, 'cli-out');
  const ok = await run(process.execPath, ['src/cli/bin.ts', 'strip', input, '-o', out, '--json'], { reject: false });
  assert.equal(ok.exitCode, 0, ok.stderr);
  const json = JSON.parse(ok.stdout) as { schemaVersion: number; sizeAfter: number; removed: string[] };
  assert.equal(json.schemaVersion, 1);
  assert.ok(json.removed.includes('.symtab'));
  const text = join(work, 'not-elf');
  await writeFile(text, 'hello\n');
  const bad = await run(process.execPath, ['src/cli/bin.ts', 'strip', text, '-o', `${text}.out`], { reject: false });
  assert.equal(bad.exitCode, 1);
  assert.match(bad.stderr, /Cannot strip .*not-elf/);
  assert.equal(existsSync(`${text}.out`), false);
  const usage = await run(process.execPath, ['src/cli/bin.ts', 'strip', input, '--mode', 'bogus'], { reject: false });
  assert.equal(usage.exitCode, 2);
});


test('compareStrip() tabulates gocross modes, binutils and a -ldflags="-s -w" rebuild, each still running with build info', { skip: lacks('go', 'qemu-aarch64-static') }, async () => {
  const file = await goBinary({ goos: 'linux', goarch: 'arm64' });
  const rows = await compareStrip(file, { source: FIXTURES + '/hello', go: GO! });
  const labels = rows.map((r) => r.label);
  assert.deepEqual(labels.slice(0, 4), ['original', 'gocross strip --mode debug', 'gocross strip --mode unneeded', 'gocross strip --mode all']);
  assert.ok(labels.includes('go build -ldflags="-s -w"'));
  for (const r of rows) {
    assert.equal(r.error, undefined, `${r.label}: ${r.error}`);
    assert.equal(r.runs, true, `${r.label} runs`);
    assert.equal(r.hasBuildInfo, true, `${r.label} has build info`);
  }
  const original = rows[0]!.size!;
  for (const r of rows.slice(1)) assert.ok(r.size! < original && r.reduction! > 0, r.label);
  if (await findBinutils('strip', file, 'arm64')) {
    const theirs = rows.find((r) => r.label === 'strip --strip-unneeded')!;
    assert.ok(rows.find((r) => r.label === 'gocross strip --mode unneeded')!.size! <= theirs.size!);
  }
});
