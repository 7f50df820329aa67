/**
 * Deterministic series for the gate analysis tests and bench: 2 h 10 min at 15 s before and after
 * T0 for a stable version and two canaries of job "hello". canary-good behaves like stable;
 * canary-bad answers 5% errors and 30% slower from T0 − 30 min on. Plus a NaN gauge, GC pause
 * counters, and nothing for `absent_metric`.
 */
import type { Sample } from './prometheus.ts';

/** 2023-11-14T22:13:20Z: a fixed moment in the past, so Prometheus answers without waiting. */
export const T0 = 1_700_000_000;
export const STEP = 15;
const START = T0 - 2 * 3600;
const END = T0 + 600;
export const BAD_FROM = T0 - 1800;

function lcg(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s / 2147483648;
  };
}

export function canarySeries(): Sample[] {
  const samples: Sample[] = [];
  const versions = [
    { version: 'stable', seed: 11 },
    { version: 'canary-good', seed: 23 },
    { version: 'canary-bad', seed: 37 },
  ];
  for (const { version, seed } of versions) {
    const random = lcg(seed);
    let ok = 0;
    let errors = 0;
    let gc = 0;
    for (let t = START; t <= END; t += STEP) {
      const bad = version === 'canary-bad' && t >= BAD_FROM;
      // 10 requests a second; 0.1% errors when healthy, 5% when bad.
      const errorShare = bad ? 0.05 : 0.001;
      ok += STEP * 10 * (1 - errorShare);
      errors += STEP * 10 * errorShare;
      gc += STEP * 0.002;
      const labels = `job="hello",version="${version}"`;
      samples.push({ series: `http_requests_total{${labels},code="200"}`, t, v: Math.round(ok * 1000) / 1000 });
      samples.push({ series: `http_requests_total{${labels},code="500"}`, t, v: Math.round(errors * 1000) / 1000 });
      // Latency around 100 ms ± 20 ms, 30% higher when bad.
      const latency = (0.08 + random() * 0.04) * (bad ? 1.3 : 1);
      samples.push({ series: `request_latency_seconds{${labels}}`, t, v: Math.round(latency * 1e6) / 1e6 });
      samples.push({ series: `go_gc_duration_seconds_sum{${labels},instance="${version}:8080"}`, t, v: Math.round(gc * 1e6) / 1e6 });
    }
  }
  for (let t = START; t <= END; t += STEP) samples.push({ series: 'nan_ratio{job="hello"}', t, v: Number.NaN });
  return samples;
}
