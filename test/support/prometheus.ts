/**
 * Test support: a real Prometheus (Debian's `prometheus` 2.42) on a loopback port, serving series
 * backfilled with `promtool tsdb create-blocks-from openmetrics`. Deterministic: the same
 * generator always writes the same samples. Stop it with `stop()` (kills the pid it started).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { run } from '../../src/process/run.ts';

export interface Sample {
  /** Metric name with labels, e.g. http_requests_total{code="200"}. */
  series: string;
  /** Unix seconds. */
  t: number;
  v: number;
}

export interface RunningPrometheus {
  url: string;
  port: number;
  dir: string;
  stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

function formatValue(v: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (!Number.isFinite(v)) return v > 0 ? '+Inf' : '-Inf';
  return String(v);
}

/** OpenMetrics text: families contiguous, each series in time order, `# EOF` last. */
export function toOpenMetrics(samples: readonly Sample[]): string {
  const bySeries = new Map<string, Sample[]>();
  for (const s of samples) {
    const list = bySeries.get(s.series) ?? [];
    list.push(s);
    bySeries.set(s.series, list);
  }
  const family = (series: string): string => series.replace(/\{.*$/, '');
  const names = [...bySeries.keys()].sort((a, b) => family(a).localeCompare(family(b)) || a.localeCompare(b));
  const lines: string[] = [];
  for (const name of names) {
    for (const s of bySeries.get(name)!.sort((a, b) => a.t - b.t)) lines.push(`${s.series} ${formatValue(s.v)} ${s.t}`);
  }
  lines.push('# EOF', '');
  return lines.join('\n');
}

/**
 * `scrape` (optional) is the YAML of a live setup instead of the default config: e.g. a 1 s
 * global scrape_interval and scrape_configs for services a test runs. No samples: nothing is backfilled.
 */
export async function startPrometheus(samples: readonly Sample[], parent: string, options: { webConfig?: string; scrape?: string } = {}): Promise<RunningPrometheus> {
  const dir = await mkdtemp(join(parent, 'prometheus-'));
  const data = join(dir, 'data.om');
  const tsdb = join(dir, 'tsdb');
  if (samples.length) {
    await writeFile(data, toOpenMetrics(samples));
    const created = await run('promtool', ['tsdb', 'create-blocks-from', 'openmetrics', data, tsdb], { timeoutMs: 120_000 });
    if (created.exitCode !== 0) throw new Error(`promtool create-blocks failed: ${created.stderr}${created.stdout}`);
  }
  await writeFile(join(dir, 'prometheus.yml'), options.scrape ?? 'global:\n  scrape_interval: 15s\n');
  const args = [
    `--config.file=${join(dir, 'prometheus.yml')}`,
    `--storage.tsdb.path=${tsdb}`,
    '--storage.tsdb.retention.time=100y',
  ];
  if (options.webConfig) {
    await writeFile(join(dir, 'web.yml'), options.webConfig);
    args.push(`--web.config.file=${join(dir, 'web.yml')}`);
  }
  let child: ChildProcess | undefined;
  let port = 0;
  let log = '';
  for (let attempt = 0; attempt < 3 && !child; attempt++) {
    port = await freePort();
    const candidate = spawn('prometheus', [...args, `--web.listen-address=127.0.0.1:${port}`], { stdio: ['ignore', 'ignore', 'pipe'] });
    candidate.stderr?.on('data', (chunk: Buffer) => {
      log = (log + chunk.toString()).slice(-4000);
    });
    if (await ready(`http://127.0.0.1:${port}`, candidate)) child = candidate;
    else candidate.kill('SIGKILL');
  }
  if (!child) throw new Error(`prometheus did not become ready:\n${log}`);
  const started = child;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    dir,
    async stop() {
      if (started.exitCode === null) {
        const exited = new Promise((resolve) => started.once('exit', resolve));
        started.kill('SIGTERM');
        await exited;
      }
      await rm(dir, { recursive: true, force: true });
    },
  };
}

async function ready(url: string, child: ChildProcess): Promise<boolean> {
  for (let i = 0; i < 300; i++) {
    if (child.exitCode !== null) return false;
    try {
      const r = await fetch(`${url}/-/ready`);
      // With basic auth configured, /-/ready answers 401 once the server is up.
      if (r.ok || r.status === 401) return true;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return false;
}
