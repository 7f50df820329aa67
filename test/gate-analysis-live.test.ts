/**
 * The example service as a canary under a real Prometheus: its /metrics passes `promtool check
 * metrics`; a baseline (native), a healthy canary (arm64 under QEMU, through verify's emulator) and
 * a canary with 5% injected errors (native) are scraped every second while the test sends a few
 * seconds of traffic; `gocross gate analysis` with the shipped http-5xx-jump template (baseline:
 * the stable instance) passes the healthy canary and fails the bad one, naming the numbers.
 */
/* eslint-disable @typescript-eslint/no-explicit-any -- the JSON read back from the CLI is checked field by field */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { inspectFile } from '../src/binary/inspect.ts';
import { run } from '../src/process/run.ts';
import { qemuEmulator } from '../src/verify/adapters/emulate.ts';
import type { LaunchedService } from '../src/verify/service.ts';
import { CACHE, goBinary, lacks, REPO } from './support/go.ts';
import { freePort, startPrometheus, type RunningPrometheus } from './support/prometheus.ts';

const missing = lacks('go', 'prometheus', 'promtool', 'qemu-aarch64-static');
const EXAMPLE = join(REPO, 'examples/hello-service');
const hostArch = process.arch === 'x64' ? 'amd64' : process.arch;
await mkdir(CACHE, { recursive: true });
const tmp = await mkdtemp(join(CACHE, 'gate-live-'));
process.on('exit', () => rmSync(tmp, { recursive: true, force: true }));

interface Instance {
  version: string;
  port: number;
  service: LaunchedService;
}

async function start(goarch: string, version: string, env: Record<string, string>): Promise<Instance> {
  const path = await goBinary({ goos: 'linux', goarch, dir: EXAMPLE, name: `hello-service-${goarch}` });
  const port = await freePort();
  const service = await qemuEmulator().launcher(path, await inspectFile(path))([], { PORT: String(port), GODEBUG: 'asyncpreemptoff=1', ...env });
  for (let i = 0; i < 300; i++) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/readyz`)).ok) return { version, port, service };
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  await service.stop(1000);
  throw new Error(`${version} did not become ready:\n${service.output()}`);
}

let instances: Instance[] = [];
/** /work requests sent per version. */
const sent = new Map<string, number>();
let prometheus: RunningPrometheus | undefined;
before(async () => {
  if (missing) return;
  instances = await Promise.all([
    start(hostArch, 'stable', {}),
    start('arm64', 'canary-good', {}),
    start(hostArch, 'canary-bad', { HELLO_ERROR_RATE: '0.05' }),
  ]);
  const targets = instances.map((i) => `      - targets: ['127.0.0.1:${i.port}']\n        labels: { version: ${i.version} }`).join('\n');
  prometheus = await startPrometheus([], tmp, { scrape: `global:\n  scrape_interval: 1s\n  scrape_timeout: 1s\nscrape_configs:\n  - job_name: hello\n    static_configs:\n${targets}\n` });
  // Six seconds of traffic to every instance at once, paced so that each scrape sees the counters
  // grow (a series whose whole increase falls before its first scrape has no rate).
  const until = Date.now() + 6000;
  await Promise.all(
    instances.map(async (i) => {
      while (Date.now() < until) {
        await Promise.all([0, 1].map(() => fetch(`http://127.0.0.1:${i.port}/work`).then((r) => r.arrayBuffer())));
        sent.set(i.version, (sent.get(i.version) ?? 0) + 2);
        await new Promise((r) => setTimeout(r, 20));
      }
    }),
  );
  // Two more scrapes after the last request.
  await new Promise((r) => setTimeout(r, 2500));
});
after(async () => {
  await prometheus?.stop();
  await Promise.all(instances.map((i) => i.service.stop(2000)));
});

test('the example\'s /metrics passes promtool check metrics and has the client_golang names', { skip: missing }, async () => {
  const text = await (await fetch(`http://127.0.0.1:${instances[2]!.port}/metrics`)).text();
  const check = await run('promtool', ['check', 'metrics'], { input: text, reject: false });
  assert.equal(check.exitCode, 0, check.stdout + check.stderr);
  assert.equal((check.stdout + check.stderr).trim(), '', 'no lint problem');
  const n = sent.get('canary-bad')!;
  const errors = Math.floor(n * 0.05);
  assert.ok(errors >= 5, `${n} requests sent`);
  for (const name of [
    `http_requests_total{code="500",method="GET",path="/work"} ${errors}\n`,
    `http_requests_total{code="200",method="GET",path="/work"} ${n - errors}\n`,
    `http_request_duration_seconds_bucket{path="/work",le="+Inf"} ${n}\n`,
    'go_goroutines ', 'go_gc_duration_seconds{quantile="0.5"} ', 'go_memstats_heap_alloc_bytes ', 'process_start_time_seconds ']) {
    assert.ok(text.includes(name), `${name} in\n${text}`);
  }
});

test('Prometheus scraped all three instances, the arm64 one under QEMU', { skip: missing }, async () => {
  const r = (await (await fetch(`${prometheus!.url}/api/v1/query?query=${encodeURIComponent('up{job="hello"}')}`)).json()) as any;
  assert.deepEqual(r.data.result.map((s: any) => `${s.metric.version}=${s.value[1]}`).sort(), ['canary-bad=1', 'canary-good=1', 'stable=1']);
  const goarch = (await (await fetch(`http://127.0.0.1:${instances[1]!.port}/`)).text()).trim();
  assert.equal(goarch, 'hello from linux/arm64');
});

async function gate(version: string): Promise<{ exitCode: number | null; json: any; stderr: string }> {
  const selector = (v: string): string => `job="hello",version="${v}"`;
  const file = join(tmp, `${version}.yaml`);
  await writeFile(
    file,
    `gate:
  analysis:
    metrics:
      - name: errors-jump
        template: http-5xx-jump
        args: { selector: '${selector(version)}', rateWindow: 1m }
        relative:
          baseline: { query: '(sum(rate(http_requests_total{${selector('stable')},code=~"5.."}[1m])) or vector(0)) / sum(rate(http_requests_total{${selector('stable')}}[1m]))' }
          maxIncrease: 0.5
          floor: 0.01
`,
  );
  const r = await run(process.execPath, [join(REPO, 'src/cli/bin.ts'), 'gate', 'analysis', '--config', file, '--prometheus', prometheus!.url, '--json', '--quiet'], {
    cwd: REPO,
    env: { ...process.env, NO_COLOR: '1' },
    reject: false,
    timeoutMs: 120_000,
  });
  return { exitCode: r.exitCode, json: JSON.parse(r.stdout), stderr: r.stderr };
}

test('gate analysis passes the healthy arm64 canary against the stable baseline', { skip: missing }, async () => {
  const r = await gate('canary-good');
  assert.equal(r.exitCode, 0, JSON.stringify(r.json, null, 2) + r.stderr);
  assert.equal(r.json.verdict, 'pass');
});

test('gate analysis fails the canary with 5% injected errors, naming the numbers', { skip: missing }, async () => {
  const r = await gate('canary-bad');
  assert.equal(r.exitCode, 1, JSON.stringify(r.json, null, 2) + r.stderr);
  assert.equal(r.json.verdict, 'fail');
  const m = r.json.metrics[0].measurements[0];
  assert.equal(m.phase, 'failed');
  // The service fails exactly 5 of every 100 requests, but rate() over a 1m window extrapolates to
  // the window's edges and the 500 series starts a scrape late: the ratio lands near 5%, on either side.
  assert.ok(m.values[0] > 0.02 && m.values[0] < 0.1, `error share ${m.values[0]}`);
  assert.match(m.message, /^0\.0\d+ vs baseline 0 \(/);
});
