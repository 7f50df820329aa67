import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { BuildEvent } from '../../gobuild/events.ts';
import type { ArtifactResult, BuildResult } from '../../gobuild/result.ts';
import { jsonBuildRenderer } from './json.ts';
import { plainBuildRenderer } from './plain.ts';
import { formatSummary } from './summary.ts';
import { ttyBuildRenderer } from './tty.ts';

const events: BuildEvent[] = [
  { type: 'start', targets: ['linux/amd64', 'linux/mips'], toolchain: 'go1.23.5', jobs: 2, outputDir: '/p/dist' },
  { type: 'target-start', target: 'linux/amd64' },
  { type: 'target-start', target: 'linux/mips' },
  { type: 'target-failed', target: 'linux/mips', errorLines: ['# example.com/hello', './x.go:1:2: boom'], durationMs: 10 },
  { type: 'target-done', target: 'linux/amd64', path: '/p/dist/a/hello', size: 2_200_000, sha256: 'f'.repeat(64), durationMs: 1500, reused: false },
  { type: 'finish', ok: false, built: 1, failed: 1, cancelled: 0, durationMs: 1600, manifestPath: '/p/dist/manifest.json' },
];

function capture(): { out: { write: (t: string) => void; isTTY: boolean; color: boolean }; text: () => string } {
  let text = '';
  return { out: { write: (t) => void (text += t), isTTY: false, color: false }, text: () => text };
}

test('plain renderer writes one line per step, the failure with the compiler line', () => {
  const c = capture();
  const r = plainBuildRenderer(c.out);
  for (const e of events) r.onEvent(e);
  r.close();
  assert.match(c.text(), /^building 2 target\(s\) with go1\.23\.5, 2 at a time/);
  assert.match(c.text(), /failed {3}linux\/mips: \.\/x\.go:1:2: boom\n/);
  assert.match(c.text(), /done {5}linux\/amd64 2\.1 MiB in 1\.5s\n/);
});

test('tty renderer redraws one line per target in place', () => {
  const c = capture();
  const r = ttyBuildRenderer({ ...c.out, isTTY: true });
  for (const e of events) r.onEvent(e);
  r.close();
  const last = c.text().split('\u001b[2F').pop()!;
  assert.match(last, /✓ linux\/amd64 +2\.1 MiB {2}1\.5s/);
  assert.match(last, /✗ linux\/mips +\.\/x\.go:1:2: boom/);
});

test('json renderer emits one parseable event per line with schemaVersion', () => {
  const lines: string[] = [];
  const r = jsonBuildRenderer((l) => lines.push(l));
  for (const e of events) r.onEvent(e);
  assert.equal(lines.length, events.length);
  assert.deepEqual(lines.map((l) => (JSON.parse(l) as { schemaVersion: number; type: string }).type), events.map((e) => e.type));
  assert.ok(lines.every((l) => l.endsWith('\n') && (JSON.parse(l) as { schemaVersion: number }).schemaVersion === 1));
});

test('formatSummary() names each failure with its error lines', () => {
  const base = { env: {}, flags: [], cc: null, facts: null, inputKey: null, reused: false, extraFiles: [] };
  const results: ArtifactResult[] = [
    { ...base, target: { goos: 'linux', goarch: 'amd64', id: 'linux/amd64' }, ok: true, status: 'done', artifactPath: '/p/dist/a/hello', relativePath: 'a/hello', size: 1024, sha256: 'f'.repeat(64), durationMs: 900, errorLines: [] },
    { ...base, target: { goos: 'linux', goarch: 'mips', id: 'linux/mips' }, ok: false, status: 'failed', artifactPath: null, relativePath: null, size: 0, sha256: null, durationMs: 5, errorLines: ['./x.go:1:2: boom'] },
  ];
  const result = { ok: false, cancelled: false, outputDir: '/p/dist', results, durationMs: 1000 } as unknown as BuildResult;
  const text = formatSummary(result, false, '/p');
  assert.match(text, /Built 1 of 2 targets in 1\.0s → dist\//);
  assert.match(text, /linux\/mips failed:\n {4}\.\/x\.go:1:2: boom/);
});
