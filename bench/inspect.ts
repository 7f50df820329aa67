/**
 * Benchmark of the reader (issue 2 §5): batch-inspect ≥ 200 real binaries in one process against
 * `go version -m` over the same files, in the same run; bytes read per file; peak RSS on a 200 MB
 * binary (measured in a child process). Not a test: it prints figures and the targets they meet.
 *
 *   node bench/inspect.ts [--usr-bin N] [--runs N] [--big-mb N]
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { inspectFileWithStats } from '../src/binary/inspect.ts';
import { run } from '../src/process/run.ts';
import { pool } from '../src/util/pool.ts';
import { CACHE, GO, REPO, goEnv } from '../test/support/go.ts';
import { bigBinary, buildCorpus, type CorpusFile } from './corpus.ts';
import { CLI } from './cli.ts';

const { values } = parseArgs({
  options: {
    'usr-bin': { type: 'string', default: '300' },
    runs: { type: 'string', default: '3' },
    'big-mb': { type: 'string', default: '200' },
    'rss-child': { type: 'string' },
  },
});

/** Child mode: inspect one file, print peak RSS before and after, as JSON. */
if (values['rss-child']) {
  const baselineKb = process.resourceUsage().maxRSS;
  const result = await inspectFileWithStats(values['rss-child']);
  process.stdout.write(`${JSON.stringify({ baselineKb, maxRssKb: process.resourceUsage().maxRSS, size: result.size, bytesRead: result.bytesRead, go: result.info.go?.version ?? null })}\n`);
  process.exit(0);
}

const log = (line: string): void => void process.stderr.write(`[bench] ${line}\n`);
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
const mib = (n: number): string => `${(n / 1048576).toFixed(2)} MiB`;
const kib = (n: number): string => `${(n / 1024).toFixed(1)} KiB`;
const pct = (a: number, b: number): string => `${((100 * a) / b).toFixed(2)}%`;

interface Pass {
  ms: number;
  ok: number;
  bytesRead: number[];
}

async function gocrossPass(files: readonly CorpusFile[]): Promise<Pass> {
  const started = performance.now();
  // One file at a time, as the CLI reads them in-process (src/inspect-pool/pool.ts): the reads are synchronous.
  const settled = await pool(files, (f) => inspectFileWithStats(f.path), { limit: 1 });
  const ms = performance.now() - started;
  const bytesRead = settled.map((s) => (s.status === 'fulfilled' ? s.value.bytesRead : 0));
  return { ms, ok: settled.filter((s) => s.status === 'fulfilled').length, bytesRead };
}

async function goVersionOnce(files: readonly CorpusFile[]): Promise<{ ms: number; goFiles: number }> {
  const started = performance.now();
  const r = await run(GO as string, ['version', '-m', ...files.map((f) => f.path)], { env: goEnv(), reject: false, maxBuffer: 256 << 20 });
  const ms = performance.now() - started;
  return { ms, goFiles: r.stdout.split('\n').filter((l) => /^\S.*: go\d/.test(l)).length };
}

async function goVersionPerFile(files: readonly CorpusFile[]): Promise<number> {
  const started = performance.now();
  for (const f of files) await run(GO as string, ['version', '-m', f.path], { env: goEnv(), reject: false });
  return performance.now() - started;
}

async function cliOnce(files: readonly CorpusFile[]): Promise<number> {
  const started = performance.now();
  await run(process.execPath, [CLI, 'inspect', '--json', ...files.map((f) => f.path)], { reject: false, maxBuffer: 512 << 20 });
  return performance.now() - started;
}

function row(cells: string[], widths: number[]): string {
  return cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join('  ');
}

async function main(): Promise<void> {
  if (!GO) throw new Error('Go is not installed: run scripts/setup.sh');
  const runs = Math.max(1, Number(values.runs));
  const files = await buildCorpus({ usrBinLimit: Number(values['usr-bin']), log });
  const goOnly = files.filter((f) => f.group !== 'usr-bin');
  const total = files.reduce((s, f) => s + f.size, 0);
  const count = (g: CorpusFile['group']): number => files.filter((f) => f.group === g).length;
  log(`corpus: ${files.length} files (${count('go-build')} Go cross builds, ${count('go-tool')} Go tools, ${count('usr-bin')} /usr/bin ELF), ${mib(total)}`);

  log('warm-up (page cache, JIT)…');
  await gocrossPass(files);
  await goVersionOnce(files);

  const lib: Pass[] = [];
  const goOnce: number[] = [];
  const libGo: number[] = [];
  const goOnceGo: number[] = [];
  const cli: number[] = [];
  let goFiles = 0;
  for (let i = 0; i < runs; i++) {
    log(`run ${i + 1}/${runs}…`);
    lib.push(await gocrossPass(files));
    const g = await goVersionOnce(files);
    goOnce.push(g.ms);
    goFiles = g.goFiles;
    libGo.push((await gocrossPass(goOnly)).ms);
    goOnceGo.push((await goVersionOnce(goOnly)).ms);
    cli.push(await cliOnce(files));
  }
  log('go version -m, one process per file…');
  const perFile = await goVersionPerFile(files);

  const libMs = median(lib.map((p) => p.ms));
  const rate = (n: number, ms: number): number => (n * 1000) / ms;
  const baseline = rate(files.length, median(goOnce));
  const lines: string[][] = [
    ['method (same corpus, same run; median of ' + runs + ')', 'files', 'time', 'files/s', 'vs go -m'],
    ['gocross library, 1 process (inspectFileWithStats)', String(files.length), `${libMs.toFixed(0)} ms`, rate(files.length, libMs).toFixed(0), `${(rate(files.length, libMs) / baseline).toFixed(2)}x`],
    ['gocross CLI --json, spawned (incl. node start)', String(files.length), `${median(cli).toFixed(0)} ms`, rate(files.length, median(cli)).toFixed(0), `${(rate(files.length, median(cli)) / baseline).toFixed(2)}x`],
    ['go version -m, 1 invocation (BASELINE)', String(files.length), `${median(goOnce).toFixed(0)} ms`, baseline.toFixed(0), '1.00x'],
    ['go version -m, 1 invocation per file', String(files.length), `${perFile.toFixed(0)} ms`, rate(files.length, perFile).toFixed(0), `${(rate(files.length, perFile) / baseline).toFixed(2)}x`],
    ['gocross library, Go binaries only', String(goOnly.length), `${median(libGo).toFixed(0)} ms`, rate(goOnly.length, median(libGo)).toFixed(0), `${(median(goOnceGo) / median(libGo)).toFixed(2)}x`],
    ['go version -m, 1 invocation, Go binaries only', String(goOnly.length), `${median(goOnceGo).toFixed(0)} ms`, rate(goOnly.length, median(goOnceGo)).toFixed(0), '1.00x'],
  ];
  const widths = lines[0]!.map((_, i) => Math.max(...lines.map((l) => (l[i] ?? '').length)));
  const out: string[] = [];
  out.push(`corpus: ${files.length} files (${count('go-build')} Go cross builds, ${count('go-tool')} Go tools, ${count('usr-bin')} /usr/bin ELF), ${mib(total)} in all; go version -m recognised ${goFiles} Go binaries; gocross read ${lib[0]!.ok}/${files.length}`);
  out.push('', ...lines.map((l) => row(l, widths)));

  // Bytes read (from the first timed pass; every pass reads the same ranges).
  const read = lib[0]!.bytesRead;
  const meanRead = read.reduce((a, b) => a + b, 0) / read.length;
  const meanFraction = read.reduce((a, b, i) => a + b / (files[i]!.size || 1), 0) / read.length;
  const goBuilds = files.map((f, i) => ({ f, read: read[i]! })).filter((x) => x.f.group === 'go-build');
  const typical = goBuilds.find((x) => x.f.path.endsWith('/hello-linux-amd64')) ?? goBuilds[0];
  const goFractions = goBuilds.map((x) => x.read / x.f.size);
  out.push('', 'bytes read per file (inspectFileWithStats):');
  out.push(`  whole corpus: mean ${kib(meanRead)} read per file of mean ${mib(total / files.length)} (mean ratio ${(100 * meanFraction).toFixed(2)}%)`);
  out.push(`  Go cross builds: median ratio ${(100 * median(goFractions)).toFixed(2)}%, max ${(100 * Math.max(...goFractions)).toFixed(2)}%`);
  if (typical) out.push(`  typical Go binary (${typical.f.path.split('/').pop()}): ${kib(typical.read)} of ${mib(typical.f.size)} = ${pct(typical.read, typical.f.size)}`);

  // Peak RSS on a ~200 MB binary, in a fresh child process.
  const dir = join(CACHE, 'bench');
  await mkdir(dir, { recursive: true });
  const big = await bigBinary(dir, Number(values['big-mb']));
  let rssOk = false;
  if (big) {
    const child = await run(process.execPath, [join(REPO, 'bench/inspect.ts'), '--rss-child', big], { reject: false });
    if (child.exitCode === 0) {
      const r = JSON.parse(child.stdout) as { baselineKb: number; maxRssKb: number; size: number; bytesRead: number; go: string | null };
      rssOk = r.maxRssKb * 1024 < 100e6;
      out.push('', `peak RSS inspecting ${big.split('/').pop()} (${mib(r.size)}): ${(r.maxRssKb / 1024).toFixed(1)} MiB (node with gocross loaded, before reading: ${(r.baselineKb / 1024).toFixed(1)} MiB); read ${kib(r.bytesRead)} = ${pct(r.bytesRead, r.size)}; Go ${r.go}`);
    } else out.push('', `peak RSS: child failed: ${child.stderr.trim()}`);
  } else out.push('', 'peak RSS: skipped (objcopy not installed)');

  const typicalFraction = typical ? typical.read / typical.f.size : 1;
  out.push('', 'targets:');
  out.push(`  ${rate(files.length, libMs) >= baseline ? 'PASS' : 'FAIL'} at least as fast as go version -m (1 invocation): ${(rate(files.length, libMs) / baseline).toFixed(2)}x`);
  out.push(`  ${typicalFraction <= 0.02 ? 'PASS' : 'FAIL'} <= 2% of a typical Go binary read: ${(100 * typicalFraction).toFixed(2)}%`);
  out.push(`  ${rssOk ? 'PASS' : 'FAIL'} peak RSS < 100 MB on a 200 MB binary`);
  process.stdout.write(`${out.join('\n')}\n`);
}

await main();
