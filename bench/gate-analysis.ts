/**
 * gocross gate analysis overhead (issue 13 §Benchmark): 50 rules over 1 hour of backfilled series
 * at 15 s resolution, against the same queries issued with `curl` in a loop in the same run (the
 * raw HTTP round-trips); plus the statistics code on 10,000-sample Mann-Whitney tests.
 *   node bench/gate-analysis.ts [--rounds 5]
 * Prints figures and ratios; asserts nothing.
 */
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { runAnalysis } from '../src/gate/analysis/run.ts';
import { createPrometheusClient } from '../src/gate/analysis/prometheus/client.ts';
import { buildAnalysisSpec } from '../src/gate/analysis/spec.ts';
import type { RawMetric } from '../src/gate/analysis/config.ts';
import { hodgesLehmann } from '../src/gate/stats/hodges-lehmann.ts';
import { mannWhitneyU } from '../src/gate/stats/mann-whitney.ts';
import { run } from '../src/process/run.ts';
import { canarySeries, T0 } from '../test/support/canary-series.ts';
import { CACHE } from '../test/support/go.ts';
import { startPrometheus } from '../test/support/prometheus.ts';

const rounds = Number(process.argv[process.argv.indexOf('--rounds') + 1] || 5) || 5;
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

await mkdir(CACHE, { recursive: true });
const tmp = await mkdtemp(join(CACHE, 'bench-gate-'));
const prometheus = await startPrometheus(canarySeries(), tmp);
try {
  // 50 rules: instant threshold checks over the hour before T0, one measurement each (a 50-rule
  // gate evaluated once), over the three versions and a few shapes of query.
  const shapes = [
    (v: string) => `sum(rate(http_requests_total{job="hello",version="${v}",code="500"}[5m])) / sum(rate(http_requests_total{job="hello",version="${v}"}[5m]))`,
    (v: string) => `avg_over_time(request_latency_seconds{job="hello",version="${v}"}[1h])`,
    (v: string) => `max(rate(go_gc_duration_seconds_sum{job="hello",version="${v}"}[5m]))`,
    (v: string) => `quantile_over_time(0.99, request_latency_seconds{job="hello",version="${v}"}[1h])`,
    (v: string) => `sum(increase(http_requests_total{job="hello",version="${v}"}[1h]))`,
  ];
  const versions = ['stable', 'canary-good', 'canary-bad'];
  const metrics: RawMetric[] = Array.from({ length: 50 }, (_, i) => ({ name: `rule-${i}`, query: shapes[i % shapes.length]!(versions[i % versions.length]!), threshold: { max: 1e12 } }));
  const spec = buildAnalysisSpec({ metrics });
  const client = createPrometheusClient({ url: prometheus.url });

  const curlLoop = async (): Promise<number> => {
    const start = performance.now();
    for (const m of spec.metrics) {
      await run('curl', ['-sS', '--fail', '-o', '/dev/null', '--data-urlencode', `query=${m.query}`, '--data-urlencode', `time=${T0}`, `${prometheus.url}/api/v1/query`]);
    }
    return performance.now() - start;
  };
  const gocrossSequential = async (): Promise<number> => {
    const start = performance.now();
    // One metric at a time, like the curl loop: the same round-trips, plus gocross's parsing and judging.
    for (const m of spec.metrics) await runAnalysis({ metrics: [m] }, { client, at: T0 });
    return performance.now() - start;
  };
  const gocrossConcurrent = async (): Promise<number> => {
    const start = performance.now();
    const result = await runAnalysis(spec, { client, at: T0 });
    if (result.verdict !== 'pass') throw new Error(`bench analysis did not pass: ${result.verdict}`);
    return performance.now() - start;
  };
  await curlLoop();
  await gocrossSequential();
  const curl: number[] = [];
  const sequential: number[] = [];
  const concurrent: number[] = [];
  for (let r = 0; r < rounds; r++) {
    curl.push(await curlLoop());
    sequential.push(await gocrossSequential());
    concurrent.push(await gocrossConcurrent());
  }
  const c = median(curl);
  console.log(`50 rules over 1 h of 15 s series, median of ${rounds} rounds:`);
  console.log(`  curl loop (one process per query)      ${c.toFixed(0)} ms`);
  console.log(`  gocross, one rule at a time            ${median(sequential).toFixed(0)} ms  (${(median(sequential) / c).toFixed(2)}× curl)`);
  console.log(`  gocross, rules side by side (default)  ${median(concurrent).toFixed(0)} ms  (${(median(concurrent) / c).toFixed(2)}× curl)`);

  // Statistics: 10,000 samples a side.
  const sample = (seed: number, shift: number): Float64Array => {
    let s = seed;
    return Float64Array.from({ length: 10_000 }, () => {
      s = (s * 1103515245 + 12345) % 2147483648;
      return Math.round(((s / 2147483648) * 100 + shift) * 10) / 10;
    });
  };
  const x = sample(1, 1);
  const y = sample(2, 0);
  const times = { mwu: [] as number[], hl: [] as number[] };
  for (let r = 0; r < rounds; r++) {
    let t = performance.now();
    mannWhitneyU(x, y, { alternative: 'greater' });
    times.mwu.push(performance.now() - t);
    t = performance.now();
    hodgesLehmann(x, y);
    times.hl.push(performance.now() - t);
  }
  console.log('statistics, 10,000 vs 10,000 samples (with ties), median:');
  console.log(`  Mann-Whitney U (ranks, tie correction, p)   ${median(times.mwu).toFixed(1)} ms`);
  console.log(`  Hodges–Lehmann (median of 10^8 differences) ${median(times.hl).toFixed(1)} ms`);
} finally {
  await prometheus.stop();
  await rm(tmp, { recursive: true, force: true });
}
