/**
 * Benchmark of `gocross strip` (issue 7): gocross against binutils strip on the same ≥ 20 Go ELF
 * binaries (13 arches, PIE, already-stripped, cgo, a large-dependency program), in one run, for
 * each mode. Reports the time ratio (gocross as a library in-process, and the CLI spawned with
 * Node's start-up) and the size ratio (gocross output / binutils output). Not a test: it prints.
 *
 *   node bench/strip.ts [--runs N]
 */
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { CGO_AMD64, CGO_ARM64, ELF_CORPUS, type CorpusEntry } from '../src/binary/elf/testing/corpus.ts';
import { run } from '../src/process/run.ts';
import { STRIP_MODES, type StripMode } from '../src/strip/policy.ts';
import { stripFile } from '../src/strip/strip-file.ts';
import { findBinutils } from '../src/strip/tools.ts';
import { FIXTURES, goBinary, lacks } from '../test/support/go.ts';
import { CLI } from './cli.ts';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '3' } } });
const RUNS = Math.max(1, Number(values.runs));
const log = (line: string): void => void process.stderr.write(`[bench] ${line}\n`);
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
const BINUTILS_FLAG: Record<StripMode, string> = { debug: '--strip-debug', unneeded: '--strip-unneeded', all: '--strip-all' };

const bigdep = (goarch: string): CorpusEntry => ({ label: `linux/${goarch} bigdep`, spec: { goos: 'linux', goarch, dir: join(FIXTURES, 'bigdep'), name: `sizeapp-${goarch}` }, goarch, goos: 'linux' });
const entries = [...ELF_CORPUS, ...(lacks('aarch64-linux-gnu-gcc') ? [] : [CGO_ARM64]), ...(lacks('gcc') ? [] : [CGO_AMD64]), bigdep('amd64'), bigdep('arm64'), bigdep('mips')];

interface Row {
  label: string;
  /** gocross found nothing to remove and left the file byte-identical (by design). */
  unchanged: boolean;
  mode: StripMode;
  size: number;
  ours: number;
  theirs: number;
  libMs: number;
  cliMs: number;
  binutilsMs: number;
}

const work = await mkdtemp(join(tmpdir(), 'gocross-bench-strip-'));
try {
  log(`building ${entries.length} binaries (cached in .cache/test-bin)`);
  const files: { label: string; path: string; goarch: string; strip: string }[] = [];
  for (const e of entries) {
    const path = await goBinary(e.spec);
    const strip = await findBinutils('strip', path, e.goarch);
    if (!strip) {
      log(`skip ${e.label}: no binutils strip for it (install binutils-multiarch)`);
      continue;
    }
    files.push({ label: e.label, path, goarch: e.goarch, strip });
  }
  const rows: Row[] = [];
  for (const f of files) {
    const size = (await stat(f.path)).size;
    for (const mode of STRIP_MODES) {
      const oursOut = join(work, 'ours');
      const cliOut = join(work, 'cli');
      const theirsOut = join(work, 'theirs');
      let unchanged = false;
      const lib: number[] = [];
      const cli: number[] = [];
      const bin: number[] = [];
      // One warm-up each, then RUNS timed rounds, interleaved so both see the same cache state.
      for (let i = 0; i <= RUNS; i++) {
        let t = performance.now();
        unchanged = (await stripFile(f.path, { mode, output: oursOut })).unchanged;
        if (i > 0) lib.push(performance.now() - t);
        t = performance.now();
        await run(process.execPath, [CLI, 'strip', '--mode', mode, '-o', cliOut, f.path]);
        if (i > 0) cli.push(performance.now() - t);
        t = performance.now();
        await run(f.strip, [BINUTILS_FLAG[mode], '-o', theirsOut, f.path]);
        if (i > 0) bin.push(performance.now() - t);
      }
      rows.push({ label: f.label, unchanged, mode, size, ours: (await stat(oursOut)).size, theirs: (await stat(theirsOut)).size, libMs: median(lib), cliMs: median(cli), binutilsMs: median(bin) });
    }
    log(`${f.label} done`);
  }

  const out: string[] = [];
  out.push(`gocross strip vs binutils strip: ${files.length} binaries x ${STRIP_MODES.length} modes, median of ${RUNS} runs each`);
  out.push('');
  out.push('binary                      mode      original   gocross  binutils  size ratio  lib ms  cli ms  binutils ms');
  for (const r of rows) {
    out.push(
      `${r.label.padEnd(27)} ${r.mode.padEnd(9)} ${String(r.size).padStart(9)} ${String(r.ours).padStart(9)} ${String(r.theirs).padStart(9)}  ${(r.ours / r.theirs).toFixed(5).padStart(10)}  ${r.libMs.toFixed(1).padStart(6)}  ${r.cliMs.toFixed(1).padStart(6)}  ${r.binutilsMs.toFixed(1).padStart(11)}${r.unchanged ? '  (already stripped: left identical)' : ''}`,
    );
  }
  out.push('');
  out.push(`already-stripped inputs (left identical, not counted as larger): ${[...new Set(rows.filter((r) => r.unchanged).map((r) => r.label))].join(', ') || 'none'}`);
  out.push('per mode                     size ratio (sum)  max size ratio  larger than binutils  time ratio lib  time ratio cli');
  let pass = true;
  for (const mode of STRIP_MODES) {
    const rs = rows.filter((r) => r.mode === mode);
    const stripped = rs.filter((r) => !r.unchanged);
    const sizeRatio = stripped.reduce((s, r) => s + r.ours, 0) / stripped.reduce((s, r) => s + r.theirs, 0);
    const maxRatio = Math.max(...stripped.map((r) => r.ours / r.theirs));
    // Already-stripped inputs are left byte-identical by design, even where binutils still trims
    // the linker's segment padding; they are counted apart.
    const larger = rs.filter((r) => !r.unchanged && r.ours > r.theirs).length;
    const binMs = rs.reduce((s, r) => s + r.binutilsMs, 0);
    const libRatio = rs.reduce((s, r) => s + r.libMs, 0) / binMs;
    const cliRatio = rs.reduce((s, r) => s + r.cliMs, 0) / binMs;
    pass &&= larger === 0 && libRatio <= 2;
    out.push(`${mode.padEnd(28)} ${sizeRatio.toFixed(5).padStart(16)}  ${maxRatio.toFixed(5).padStart(14)}  ${String(larger).padStart(20)}  ${libRatio.toFixed(2).padStart(14)}  ${cliRatio.toFixed(2).padStart(14)}`);
  }
  out.push('');
  out.push(`Target (no output larger than binutils'; time within 2x, library): ${pass ? 'PASS' : 'FAIL'}`);
  out.push('The CLI time includes Node start-up and TypeScript loading (about 100-200 ms per call); binutils strip is one native process.');
  process.stdout.write(`${out.join('\n')}\n`);
} finally {
  await rm(work, { recursive: true, force: true });
}
