/**
 * Benchmark of `gocross verify` (issue 6): the 6-arch examples/hello-service, cold and warm, against
 * the sum of its parts measured in the same run with no gocross in the way:
 *  - the `go build` matrix alone: the same 6 builds with the exact env and flags gocross recorded
 *    in its manifest, `--jobs` at a time (cold = its own fresh GOCACHE);
 *  - the QEMU runs alone: per artifact, the smoke run (`--version`) and the service test (start
 *    on a loopback port, poll /readyz as verify does — every 200 ms as the config says, a refused
 *    connection again after REFUSED_RETRY_MS — GET the checks, SIGTERM), as many targets at once
 *    as verify runs.
 * gocross overhead = total − (build + QEMU), as a share of the total. Negative means gocross's
 * overlap of builds and runs gained more than its own work cost. The same is also given in CPU
 * time (user + system of every child process, from /proc/self/stat cutime/cstime), which a busy
 * shared machine distorts far less than wall time. Not a test: prints figures.
 *
 * The CLI measured is the shipped one, dist/cli/bin.cjs (run `npm run build` first); `--cli src`
 * measures src/cli/bin.ts under Node's type stripping instead (slower start-up), `--cli FILE`
 * another build's bin.js (before/after: the same parts, the other gocross).
 *
 * `--rounds N` repeats the warm measurement and ends with the medians (a shared machine's load
 * moves a single round by ±10 points).
 *
 *   node bench/verify.ts [--skip-cold] [--jobs N] [--cli dist|src|FILE] [--rounds N]
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { readFile, mkdtemp, rm, mkdir } from 'node:fs/promises';
import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { findQemu } from '../src/emulate/qemu/find-qemu.ts';
import { killTree, run } from '../src/process/run.ts';
import { pool } from '../src/util/pool.ts';
import { PortAllocator } from '../src/verify/ports.ts';
import { REFUSED_RETRY_MS } from '../src/verify/service.ts';
import type { VerifyReport } from '../src/verify/model.ts';
import { GO, REPO } from '../test/support/go.ts';

const { values } = parseArgs({
  options: { 'skip-cold': { type: 'boolean', default: false }, jobs: { type: 'string' }, cli: { type: 'string', default: 'dist' }, rounds: { type: 'string', default: '1' } },
});
const ROUNDS = Math.max(1, Number(values.rounds));
const CLI = values.cli === 'src' ? join(REPO, 'src/cli/bin.ts') : values.cli === 'dist' ? join(REPO, 'dist/cli/bin.cjs') : resolve(values.cli);
if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run npm run build (or pass --cli src)`);
const JOBS = Number(values.jobs ?? availableParallelism());
// What verify uses by default for its post-build stages (src/verify/verify.ts).
const PARALLEL = Math.min(8, Math.max(2, availableParallelism() * 2));
const EXAMPLE = join(REPO, 'examples/hello-service');
// What examples/hello-service/gocross.config.yaml has verify do to each running service: its four
// checks, the traced /work whose upstream call goes to a sink (the trace check), and /livez (the
// reachability check). The same requests here, so the parts do the service's work too.
const CHECKS = ['/healthz', '/healthz?verbose', '/readyz?verbose', '/metrics', '/work', '/livez'];
const RUN_ENV = { GODEBUG: 'asyncpreemptoff=1' };
if (!GO) throw new Error('Go is not installed: run scripts/setup.sh');

const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

interface Artifact {
  target: string;
  path: string;
  env: Record<string, string>;
  flags: string[];
}

/** CPU time (ms) of every child this process has waited for: cutime + cstime of /proc/self/stat. */
function childrenCpuMs(): number {
  const stat = readFileSync('/proc/self/stat', 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // After "(comm)": state is field 3, so cutime (16) and cstime (17) are at 13 and 14 here; 100 ticks/s.
  return (Number(fields[13]) + Number(fields[14])) * 10;
}

async function timed<T>(fn: () => Promise<T>): Promise<{ ms: number; cpuMs: number; value: T }> {
  const t0 = performance.now();
  const c0 = childrenCpuMs();
  const value = await fn();
  return { ms: performance.now() - t0, cpuMs: childrenCpuMs() - c0, value };
}

async function gocrossVerify(cache: string, out: string): Promise<{ ms: number; cpuMs: number; report: VerifyReport }> {
  const { ms, cpuMs, value } = await timed(() =>
    run(process.execPath, [CLI, 'verify', EXAMPLE, '-o', join(out, 'dist'), '--html', join(out, 'report'), '--json'], {
      env: { ...process.env, GOCACHE: cache, GOFLAGS: '-mod=mod', CI: 'true' },
      reject: false,
    }),
  );
  if (value.exitCode !== 0) throw new Error(`gocross verify failed (${value.exitCode}):\n${value.stderr.slice(-2000)}`);
  return { ms, cpuMs, report: JSON.parse(value.stdout) as VerifyReport };
}

async function buildAlone(artifacts: Artifact[], cache: string, out: string): Promise<{ ms: number; cpuMs: number; built: Artifact[] }> {
  const { ms, cpuMs, value } = await timed(() =>
    pool(
      artifacts,
      async (a) => {
        const path = join(out, a.target.replaceAll('/', '_'), 'hello-service');
        await run(GO!, ['build', ...a.flags, '-o', path, '.'], {
          cwd: EXAMPLE,
          env: { PATH: process.env.PATH, HOME: process.env.HOME, ...a.env, GOCACHE: cache, GOFLAGS: '-mod=mod' },
        });
        return { ...a, path };
      },
      { limit: JOBS },
    ),
  );
  const built = value.map((s) => {
    if (s.status === 'fulfilled') return s.value;
    throw s.status === 'rejected' ? s.reason : new Error('build cancelled');
  });
  return { ms, cpuMs, built };
}

const TRACEPARENT = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';

function get(port: number, path: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, timeout: 2000, headers: { traceparent: TRACEPARENT } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', reject);
    req.end();
  });
}

/** The upstream the traced /work calls (verify runs one for its trace check): answers 200. */
async function upstreamSink(): Promise<{ url: string; close: () => void }> {
  const server = createServer((req, res) => {
    req.resume();
    res.end('ok');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, close: () => server.close() };
}

async function qemuRuns(built: Artifact[]): Promise<{ ms: number; cpuMs: number }> {
  const ports = new PortAllocator();
  const sink = await upstreamSink();
  const serviceEnv = { ...process.env, ...RUN_ENV, HELLO_UPSTREAM: sink.url };
  const commands = await Promise.all(
    built.map(async (a) => {
      const goarch = a.target.split('/')[1]!;
      if (goarch === 'amd64') return (args: string[]): [string, string[]] => [a.path, args];
      const q = await findQemu(goarch);
      if (!q) throw new Error(`no QEMU for ${goarch}`);
      return (args: string[]): [string, string[]] => [q.path, [a.path, ...args]];
    }),
  );
  return timed(() =>
    pool(
      built,
      async (_a, i) => {
        const cmd = commands[i]!;
        const [c1, a1] = cmd(['--version']);
        await run(c1, a1, { env: { ...process.env, ...RUN_ENV } });
        const port = await ports.next();
        const [c2, a2] = cmd(['--addr', `127.0.0.1:${port}`]);
        const child = spawn(c2, a2, { env: serviceEnv, detached: true, stdio: 'ignore' });
        const exited = new Promise((r) => child.on('close', r));
        for (;;) {
          const status = await get(port, '/readyz').catch((error: NodeJS.ErrnoException) => error.code ?? 'error');
          if (status === 200) break;
          // As verify polls (src/verify/service.ts waitReady): a refused connection again soon, an answer after the interval.
          await sleep(status === 'ECONNREFUSED' ? REFUSED_RETRY_MS : 200);
        }
        for (const path of CHECKS) await get(port, path);
        killTree(child.pid, 'SIGTERM');
        await exited;
      },
      { limit: PARALLEL },
    ).finally(() => sink.close()),
  );
}

/** Overhead of one measurement, as shares of gocross's total (wall and CPU). */
interface Shares {
  wall: number;
  cpu: number;
}

async function measure(label: string, caches: { gocross: string; plain: string }, work: string, round = 0): Promise<Shares> {
  // Every round builds into folders of its own: a previous round's dist would let gocross keep its artifacts.
  const dir = `${label}-${round}`;
  const v = await gocrossVerify(caches.gocross, join(work, `${dir}-gocross`));
  const manifest = JSON.parse(await readFile(join(work, `${dir}-gocross`, 'dist', 'manifest.json'), 'utf8')) as { artifacts: Artifact[] };
  const artifacts = manifest.artifacts.map((a) => ({ target: a.target, path: '', env: a.env, flags: a.flags }));
  const b = await buildAlone(artifacts, caches.plain, join(work, `${dir}-plain`));
  const q = await qemuRuns(b.built);
  const parts = b.ms + q.ms;
  const overhead = v.ms - parts;
  const cpuParts = b.cpuMs + q.cpuMs;
  const cpuOverhead = v.cpuMs - cpuParts;
  const stages = v.report.summary.stages;
  const pct = (x: number, of: number): string => `${((x / of) * 100).toFixed(1).padStart(5)}%`;
  console.log(
    `${label.padEnd(5)} wall: gocross verify ${seconds(v.ms).padStart(8)} | go build matrix ${seconds(b.ms).padStart(8)} + QEMU runs ${seconds(q.ms).padStart(6)} = ${seconds(parts).padStart(8)}` +
      ` | overhead ${seconds(overhead).padStart(7)} = ${pct(overhead, v.ms)} of total ${overhead / v.ms < 0.1 ? 'PASS (< 10%)' : 'FAIL (>= 10%)'}` +
      `  [${stages.passed} stages passed, ${stages.failed} failed, ${stages.skipped} skipped]`,
  );
  console.log(
    `${''.padEnd(5)} cpu:  gocross verify ${seconds(v.cpuMs).padStart(8)} | go build matrix ${seconds(b.cpuMs).padStart(8)} + QEMU runs ${seconds(q.cpuMs).padStart(6)} = ${seconds(cpuParts).padStart(8)}` +
      ` | overhead ${seconds(cpuOverhead).padStart(7)} = ${pct(cpuOverhead, v.cpuMs)} of total  (load average ${loadavg()[0]!.toFixed(1)} on ${availableParallelism()} cores)`,
  );
  return { wall: overhead / v.ms, cpu: cpuOverhead / v.cpuMs };
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

const work = await mkdtemp(join(tmpdir(), 'gocross-bench-verify-'));
try {
  await mkdir(work, { recursive: true });
  console.log(`bench/verify: ${CLI.replace(`${REPO}/`, '')} verify ${EXAMPLE.replace(`${REPO}/`, '')}, 6 targets, go build -j ${JOBS}, QEMU ${PARALLEL} targets at once, ${availableParallelism()} cores`);
  const caches = { gocross: join(work, 'cache-gocross'), plain: join(work, 'cache-plain') };
  if (values['skip-cold']) {
    // Warm both caches first (not measured).
    caches.gocross = caches.plain = join(REPO, '.cache/go-build');
  } else {
    await measure('cold', caches, work);
  }
  const warm: Shares[] = [];
  for (let round = 0; round < ROUNDS; round++) warm.push(await measure('warm', caches, work, round));
  if (ROUNDS > 1) {
    const wall = median(warm.map((w) => w.wall));
    console.log(
      `warm, median of ${ROUNDS} rounds: overhead ${(wall * 100).toFixed(1)}% of wall ${wall < 0.1 ? 'PASS (< 10%)' : 'FAIL (>= 10%)'}, ${(median(warm.map((w) => w.cpu)) * 100).toFixed(1)}% of CPU  (load average ${loadavg()[0]!.toFixed(1)})`,
    );
  }
} finally {
  await rm(work, { recursive: true, force: true });
}
