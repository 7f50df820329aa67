/**
 * Benchmark of the build matrix (issue 3): the same 8 targets of examples/hello, cold and warm,
 * three ways in one run — `gocross build`, a shell loop of `go build` one after another, and
 * `xargs -P <cores>` of `go build` — with the same flags and environment. Cold = a fresh, empty
 * GOCACHE per measurement; warm = the same cache again with nothing changed. Also one warm
 * `go build` of a single target, the yardstick for gocross's warm no-change rebuild.
 * Not a test: it prints figures and whether they meet the targets.
 *
 *   node bench/build.ts [--cold-runs N] [--warm-runs N] [--jobs N]
 * (--cold-runs 0 measures warm only, on the shared test cache .cache/go-build.)
 */
import { cp, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { run } from '../src/process/run.ts';
import { sha256File } from '../src/gobuild/checksums.ts';
import { CACHE, GO, REPO } from '../test/support/go.ts';
import { CLI } from './cli.ts';

const { values } = parseArgs({
  options: { 'cold-runs': { type: 'string', default: '1' }, 'warm-runs': { type: 'string', default: '3' }, jobs: { type: 'string' } },
});
const COLD_RUNS = Number(values['cold-runs']);
const WARM_RUNS = Number(values['warm-runs']);
const JOBS = Number(values.jobs ?? availableParallelism());
const TARGETS = ['linux/amd64', 'linux/arm64', 'linux/arm/7', 'linux/386', 'linux/riscv64', 'linux/ppc64le', 'windows/amd64', 'darwin/arm64'];
// gocross stamps these (the copy is not a git checkout); the shell variants get the same flags.
const LDFLAGS = '-X main.version=dev -X main.commit=none -X main.date=unknown';
const FLAGS = ['-trimpath', '-buildvcs=false', `-ldflags=${LDFLAGS}`];

if (!GO) throw new Error('Go is not installed: run scripts/setup.sh');
const go = GO;
const work = await mkdtemp(join(tmpdir(), 'gocross-bench-build-'));
const src = join(work, 'hello');
await cp(join(REPO, 'examples/hello'), src, { recursive: true });

function env(cache: string): NodeJS.ProcessEnv {
  return { PATH: `${join(go, '..')}:${process.env.PATH}`, HOME: process.env.HOME, GOCACHE: cache, GOENV: 'off', GOTOOLCHAIN: 'local', GOFLAGS: '', GOPROXY: 'off', CGO_ENABLED: '0' };
}

/** One shell command per target, identical to what gocross runs. */
function shellCommands(outDir: string): string[] {
  const variantVar: Record<string, string> = { arm: 'GOARM', amd64: 'GOAMD64' };
  return TARGETS.map((t) => {
    const [goos = '', goarch = '', variant] = t.split('/');
    const vars = [`GOOS=${goos}`, `GOARCH=${goarch}`, ...(variant ? [`${variantVar[goarch]}=${variant}`] : [])].join(' ');
    const out = join(outDir, t.replace(/\//g, '_'), goos === 'windows' ? 'hello.exe' : 'hello');
    return `mkdir -p ${join(out, '..')} && ${vars} ${go} build ${FLAGS.slice(0, 2).join(' ')} '-ldflags=${LDFLAGS}' -o ${out} .`;
  });
}

/** Writes one script per target (xargs would mangle quotes in its input lines); returns their paths. */
async function scripts(outDir: string, tag: string): Promise<string[]> {
  return Promise.all(
    shellCommands(outDir).map(async (command, i) => {
      const path = join(work, `build-${tag}-${i}.sh`);
      await writeFile(path, `set -e\ncd ${src}\n${command}\n`);
      return path;
    }),
  );
}

type Way = 'gocross' | 'loop' | 'xargs';

async function timeIt(fn: () => Promise<unknown>): Promise<number> {
  const t0 = performance.now();
  await fn();
  return performance.now() - t0;
}

async function buildWith(way: Way, cache: string, outDir: string, extra: string[] = []): Promise<number> {
  if (way === 'gocross') {
    return timeIt(() =>
      run(process.execPath, [CLI, 'build', '-t', TARGETS.join(','), '-j', String(JOBS), '-o', outDir, '--cache', cache, ...extra], { cwd: src, env: env(cache) }),
    );
  }
  const files = await scripts(outDir, way);
  if (way === 'loop') return timeIt(() => run('sh', ['-ec', files.map((f) => `sh ${f}`).join('\n')], { cwd: src, env: env(cache) }));
  return timeIt(() => run('xargs', ['-P', String(JOBS), '-n', '1', 'sh'], { cwd: src, env: env(cache), input: `${files.join('\n')}\n` }));
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
const s = (ms: number): string => `${(ms / 1000).toFixed(2)} s`;

const ways: Way[] = ['xargs', 'gocross', 'loop'];
const cold: Record<Way, number[]> = { gocross: [], loop: [], xargs: [] };
const caches: Record<Way, string> = { gocross: '', loop: '', xargs: '' };
const outs: Record<Way, string> = { gocross: join(work, 'out-gocross'), loop: join(work, 'out-loop'), xargs: join(work, 'out-xargs') };
for (const w of ways) await mkdir(outs[w], { recursive: true });

console.log(`build matrix benchmark: ${TARGETS.length} targets of examples/hello, ${go}, -j ${JOBS} (cores: ${availableParallelism()})`);
for (let i = 0; i < COLD_RUNS; i++) {
  for (const w of ways) {
    const cache = join(work, `cache-${w}-${i}`);
    if (caches[w]) await rm(caches[w], { recursive: true, force: true });
    caches[w] = cache;
    const ms = await buildWith(w, cache, outs[w], w === 'gocross' ? ['--force'] : []);
    cold[w].push(ms);
    console.log(`  cold  ${w.padEnd(8)} ${s(ms)}`);
  }
}

if (COLD_RUNS === 0) {
  for (const w of ways) caches[w] = join(CACHE, 'go-build');
  for (const w of ways) await buildWith(w, caches[w], outs[w]); // warm it for these exact builds
}

const warm: Record<Way | 'gocross --force', number[]> = { gocross: [], 'gocross --force': [], loop: [], xargs: [] };
const single: number[] = [];
for (let i = 0; i < WARM_RUNS; i++) {
  for (const w of ways) warm[w].push(await buildWith(w, caches[w], outs[w]));
  warm['gocross --force'].push(await buildWith('gocross', caches.gocross, outs.gocross, ['--force']));
  single.push(
    await timeIt(() => run(go, ['build', ...FLAGS, '-o', join(work, 'single', 'hello'), '.'], { cwd: src, env: { ...env(caches.xargs), GOOS: 'linux', GOARCH: 'amd64' } })),
  );
}

// Same flags and env should mean the same bytes, whichever way they were built.
let identical = 0;
for (const t of TARGETS) {
  const [goos = ''] = t.split('/');
  const file = goos === 'windows' ? 'hello.exe' : 'hello';
  const a = await sha256File(join(outs.gocross, `hello_${t.replace(/\//g, '_')}`, file));
  const b = await sha256File(join(outs.xargs, t.replace(/\//g, '_'), file));
  if (a === b) identical++;
}

const coldG = median(cold.gocross);
if (COLD_RUNS === 0) console.log('(cold not measured: --cold-runs 0)');
const coldX = median(cold.xargs);
const warmNoChange = median(warm.gocross);
const oneWarm = median(single);
console.log('\nmedians');
console.log(`  ${'way'.padEnd(18)} ${'cold'.padStart(9)} ${'warm'.padStart(9)}`);
for (const w of ['gocross', 'gocross --force', 'xargs', 'loop'] as const) {
  const c = w === 'gocross --force' ? NaN : median(cold[w]);
  console.log(`  ${w.padEnd(18)} ${Number.isNaN(c) ? '—'.padStart(9) : s(c).padStart(9)} ${s(median(warm[w])).padStart(9)}`);
}
console.log(`  one warm go build (linux/amd64): ${s(oneWarm)}`);
if (COLD_RUNS > 0) console.log(`\ngocross / xargs cold: ${(coldG / coldX).toFixed(3)} (${s(coldG - coldX)} difference) — target: within 5% or 1 s: ${coldG <= coldX * 1.05 || coldG - coldX <= 1000 ? 'met' : 'NOT met'}`);
console.log(`gocross / xargs warm (--force relink): ${(median(warm['gocross --force']) / median(warm.xargs)).toFixed(3)}`);
console.log(`gocross warm no-change rebuild of ${TARGETS.length} targets: ${s(warmNoChange)} = ${(warmNoChange / oneWarm).toFixed(2)} × one warm go build — target: under 2×: ${warmNoChange < 2 * oneWarm ? 'met' : 'NOT met'}`);
console.log(`artifacts identical between gocross and xargs: ${identical}/${TARGETS.length}`);
await rm(work, { recursive: true, force: true });
