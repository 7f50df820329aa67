/**
 * The shipped CLI against the native tools, process start-up included (issue 16): in one run,
 * alternating round by round,
 *  (a) `gocross inspect --json` against `go version -m` over a small mixed set (78 files: Go cross
 *      builds of several arches and OSes, Go tools, C binaries from /usr/bin);
 *  (b) the same over 500+ files;
 *  (c) a 50-iteration shell loop of single-file `gocross inspect` against `readelf -d -V` and
 *      `node -e 0` (Node's own start-up, the floor).
 * Also, in the same rounds: (a) and (b) in-process only (GOCROSS_INSPECT_THREADS=1) to show what
 * the worker threads give, the compile cache off (NODE_DISABLE_COMPILE_CACHE=1), and with
 * `--before BIN` another build of the CLI (e.g. the commit before) for before/after figures.
 * Not a test: prints medians, ratios and the targets they meet.
 *
 *   npm run build && node bench/inspect-vs-go.ts [--rounds 5] [--small 78] [--large 520] [--loop 50] [--before /path/to/dist/cli/bin.cjs]
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { GO, goEnv } from '../test/support/go.ts';
import { buildCorpus, type CorpusFile } from './corpus.ts';
import { CLI } from './cli.ts';

const { values } = parseArgs({
  options: {
    rounds: { type: 'string', default: '5' },
    small: { type: 'string', default: '78' },
    large: { type: 'string', default: '520' },
    loop: { type: 'string', default: '50' },
    before: { type: 'string' },
  },
});

const log = (line: string): void => void process.stderr.write(`[bench] ${line}\n`);
const median = (xs: readonly number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

interface Case {
  name: string;
  argv: string[];
  env?: NodeJS.ProcessEnv;
}

/** CPU time (ms) of every child this process has waited for: cutime + cstime of /proc/self/stat. */
function childrenCpuMs(): number {
  const stat = readFileSync('/proc/self/stat', 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // After "(comm)": cutime and cstime are at 13 and 14 here; 100 ticks/s.
  return (Number(fields[13]) + Number(fields[14])) * 10;
}

/**
 * Wall and CPU time (user + system, the process and its children) of one process, output
 * discarded (as a shell pipeline to /dev/null would). CPU time is what a busy shared machine
 * distorts least; it is coarse (10 ms ticks), so the loop cases say more than one short run.
 */
function timeOnce(c: Case): { ms: number; cpuMs: number } {
  const cpuBefore = childrenCpuMs();
  const started = performance.now();
  const r = spawnSync(c.argv[0] as string, c.argv.slice(1), { stdio: ['ignore', 'ignore', 'ignore'], env: { ...process.env, ...c.env } });
  const ms = performance.now() - started;
  if (r.error) throw r.error;
  return { ms, cpuMs: childrenCpuMs() - cpuBefore };
}

/** Picks `n` files, spread over the groups so every kind is in the set. */
function spread(files: readonly CorpusFile[], n: number): CorpusFile[] {
  const groups = (['go-build', 'go-tool', 'usr-bin'] as const).map((g) => files.filter((f) => f.group === g));
  const picked: CorpusFile[] = [];
  for (let i = 0; picked.length < n && groups.some((g) => i < g.length); i++) {
    for (const g of groups) if (i < g.length && picked.length < n) picked.push(g[i] as CorpusFile);
  }
  return picked;
}

function shellLoop(times: number, command: string[]): string[] {
  const quoted = command.map((a) => `'${a.replaceAll("'", "'\\''")}'`).join(' ');
  return ['/bin/sh', '-c', `i=0; while [ $i -lt ${times} ]; do ${quoted} >/dev/null 2>&1; i=$((i+1)); done`];
}

async function main(): Promise<void> {
  if (!GO) throw new Error('Go is not installed: run scripts/setup.sh');
  const rounds = Math.max(1, Number(values.rounds));
  const loop = Math.max(1, Number(values.loop));
  const all = await buildCorpus({ usrBinLimit: Number(values.large), log });
  const small = spread(all, Number(values.small));
  const large = spread(all, Number(values.large));
  const single = all.find((f) => f.path.endsWith('/hello-linux-amd64')) ?? (all[0] as CorpusFile);
  const node = process.execPath;
  const go = GO;
  const goVersionEnv = goEnv();
  const paths = (files: readonly CorpusFile[]): string[] => files.map((f) => f.path);

  const clis: [label: string, bin: string][] = [['gocross', CLI]];
  if (values.before) clis.push(['before', values.before]);
  const cases: Case[] = [];
  for (const [set, files] of [['a', small], ['b', large]] as const) {
    cases.push({ name: `${set}: go version -m`, argv: [go, 'version', '-m', ...paths(files)], env: goVersionEnv });
    for (const [label, bin] of clis) cases.push({ name: `${set}: ${label} inspect --json`, argv: [node, bin, 'inspect', '--json', ...paths(files)] });
    cases.push({ name: `${set}: gocross inspect --json, in-process`, argv: [node, CLI, 'inspect', '--json', ...paths(files)], env: { GOCROSS_INSPECT_THREADS: '1' } });
    cases.push({ name: `${set}: gocross inspect --json, no compile cache`, argv: [node, CLI, 'inspect', '--json', ...paths(files)], env: { NODE_DISABLE_COMPILE_CACHE: '1' } });
  }
  cases.push({ name: `c: node -e 0 x${loop}`, argv: shellLoop(loop, [node, '-e', '0']) });
  cases.push({ name: `c: readelf -d -V x${loop}`, argv: shellLoop(loop, ['readelf', '-d', '-V', single.path]) });
  for (const [label, bin] of clis) cases.push({ name: `c: ${label} inspect x${loop}`, argv: shellLoop(loop, [node, bin, 'inspect', single.path]) });
  cases.push({ name: `c: gocross --version x${loop}`, argv: shellLoop(loop, [node, CLI, '--version']) });

  log(`(a) ${small.length} files, (b) ${large.length} files, (c) ${loop} x ${single.path}; CLI ${CLI}${values.before ? `, before ${values.before}` : ''}`);
  log('warm-up (page cache, compile cache)…');
  for (const c of cases) timeOnce(c);
  const times = new Map<string, number[]>(cases.map((c) => [c.name, []]));
  const cpu = new Map<string, number[]>(cases.map((c) => [c.name, []]));
  for (let r = 0; r < rounds; r++) {
    log(`round ${r + 1}/${rounds}…`);
    for (const c of cases) {
      const t = timeOnce(c);
      times.get(c.name)!.push(t.ms);
      cpu.get(c.name)!.push(t.cpuMs);
    }
  }
  const med = (name: string): number => median(times.get(name) ?? [NaN]);
  const medCpu = (name: string): number => median(cpu.get(name) ?? [NaN]);

  const out: string[] = [];
  const load = execFileSync('cat', ['/proc/loadavg'], { encoding: 'utf8' }).trim().split(' ').slice(0, 3).join(' ');
  out.push(`node ${process.version}, ${go}; ${rounds} alternating rounds, medians; load average ${load}`);
  out.push(`(a) ${small.length} files (${['go-build', 'go-tool', 'usr-bin'].map((g) => `${small.filter((f) => f.group === g).length} ${g}`).join(', ')}); (b) ${large.length} files; (c) ${single.path.split('/').pop()}`);
  const width = Math.max(...cases.map((c) => c.name.length));
  out.push(`  ${''.padEnd(width)}  ${'wall'.padStart(9)}  ${'ratio'.padEnd(30)}  ${'cpu'.padStart(9)}  cpu ratio`);
  for (const c of cases) {
    const baseName = c.name.startsWith('c:') ? `c: node -e 0 x${loop}` : `${c.name.slice(0, 2)} go version -m`;
    const ratio = (m: (name: string) => number): string =>
      c.name.startsWith('c:') ? `${((m(c.name) - m(baseName)) / loop).toFixed(1).padStart(6)} ms/run above node -e 0` : `${(m(c.name) / m(baseName)).toFixed(2).padStart(6)}x go version -m`;
    out.push(`  ${c.name.padEnd(width)}  ${med(c.name).toFixed(0).padStart(6)} ms  ${ratio(med).padEnd(30)}  ${medCpu(c.name).toFixed(0).padStart(6)} ms  ${ratio(medCpu)}`);
  }
  out.push('', 'targets (wall; cpu in brackets):');
  for (const [label, m] of [['wall', med], ['cpu', medCpu]] as const) {
    const a = m('a: gocross inspect --json') / m('a: go version -m');
    const b = m('b: gocross inspect --json') / m('b: go version -m');
    const perRun = (m(`c: gocross inspect x${loop}`) - m(`c: node -e 0 x${loop}`)) / loop;
    out.push(`  ${label}: ${a <= 1.5 ? 'PASS' : 'FAIL'} (a) <= 1.5x go version -m: ${a.toFixed(2)}x;  ${b < 1 ? 'PASS' : 'FAIL'} (b) faster than go version -m: ${b.toFixed(2)}x;  ${perRun <= 40 ? 'PASS' : 'FAIL'} (c) single-file <= 40 ms above node -e 0: ${perRun.toFixed(1)} ms`);
  }
  process.stdout.write(`${out.join('\n')}\n`);
}

await main();
