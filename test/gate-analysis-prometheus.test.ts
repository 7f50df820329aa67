/**
 * End to end: `gocross gate analysis` against a real Prometheus (Debian's 2.42) serving backfilled,
 * deterministic series (test/support/canary-series.ts). A healthy canary passes; one with 5%
 * errors and 30% more latency fails the 5xx-jump rule, the threshold and the Mann-Whitney judge
 * with the numbers named (and SciPy agrees with the p-value); empty and NaN results follow
 * onEmpty / onNaN; the Argo limits stop early; unreachable and refused credentials are errors.
 */
/* eslint-disable @typescript-eslint/no-explicit-any -- the JSON read back from the CLI is checked field by field */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { run, type RunResult } from '../src/process/run.ts';
import { canarySeries, T0 } from './support/canary-series.ts';
import { CACHE, lacks, REPO } from './support/go.ts';
import { freePort, startPrometheus, type RunningPrometheus } from './support/prometheus.ts';
import { parseXml } from './support/xml.ts';

const missing = lacks('prometheus', 'promtool');
await mkdir(CACHE, { recursive: true });
const tmp = await mkdtemp(join(CACHE, 'gate-analysis-'));
process.on('exit', () => rmSync(tmp, { recursive: true, force: true }));

let prometheus: RunningPrometheus | undefined;
before(async () => {
  if (!missing) prometheus = await startPrometheus(canarySeries(), tmp);
});
after(async () => {
  await prometheus?.stop();
});

let configs = 0;
async function analysis(yaml: string, extra: string[] = [], env: NodeJS.ProcessEnv = {}): Promise<RunResult & { json?: Record<string, any> }> {
  const file = join(tmp, `config-${++configs}.yaml`);
  await writeFile(file, yaml);
  const args = [join(REPO, 'src/cli/bin.ts'), 'gate', 'analysis', '--config', file, '--at', String(T0), '--json', '--quiet'];
  if (!extra.includes('--prometheus')) args.push('--prometheus', prometheus!.url);
  const result = await run(process.execPath, [...args, ...extra], { cwd: REPO, env: { ...process.env, NO_COLOR: '1', ...env }, timeoutMs: 120_000, reject: false });
  let json: Record<string, any> | undefined;
  try {
    json = JSON.parse(result.stdout) as Record<string, any>;
  } catch {
    json = undefined;
  }
  return { ...result, json };
}

const release = (version: string): string => `gate:
  analysis:
    metrics:
      - name: errors-jump
        template: http-5xx-jump
        args: { selector: 'job="hello",version="${version}"' }
      - name: error-ratio
        query: sum(rate(http_requests_total{job="hello",version="${version}",code=~"5.."}[5m])) / sum(rate(http_requests_total{job="hello",version="${version}"}[5m]))
        threshold: { max: 0.01 }
      - name: latency
        query: request_latency_seconds{job="hello",version="${version}"}
        mannWhitney:
          baseline: { query: 'request_latency_seconds{job="hello",version="stable"}' }
          window: 20m
          step: 15s
          minSamples: 20
      - name: gc
        template: go-gc-time-share
        args: { selector: 'job="hello",version="${version}"' }
`;

const metric = (result: { json?: Record<string, any> }, name: string): Record<string, any> => {
  const found = (result.json?.metrics as Record<string, any>[] | undefined)?.find((m) => m.name === name);
  assert.ok(found, `metric ${name} in ${JSON.stringify(result.json)}`);
  return found;
};

test('a healthy canary passes every rule: exit 0, verdict pass', { skip: missing }, async () => {
  const r = await analysis(release('canary-good'));
  assert.equal(r.exitCode, 0, r.stderr + r.stdout);
  assert.equal(r.json?.schemaVersion, 1);
  assert.equal(r.json?.verdict, 'pass');
  for (const name of ['errors-jump', 'error-ratio', 'latency', 'gc']) assert.equal(metric(r, name).phase, 'successful', `${name}: ${JSON.stringify(metric(r, name).measurements)}`);
  assert.equal(metric(r, 'latency').measurements[0].values.length, 81, '20 min at 15 s: 81 samples');
});

test('a canary with 5% errors and 30% more latency fails the 5xx jump, the threshold and Mann-Whitney, naming the numbers', { skip: missing }, async () => {
  const junit = join(tmp, 'bad.junit.xml');
  const r = await analysis(release('canary-bad'), ['--junit', junit]);
  assert.equal(r.exitCode, 1, r.stderr);
  assert.equal(r.json?.verdict, 'fail');
  const jump = metric(r, 'errors-jump').measurements[0];
  assert.equal(jump.phase, 'failed');
  assert.match(jump.message, /^0\.05 vs baseline 0\.001 \(\+4900\.0%\) rose more than \+50\.0%/);
  assert.equal(jump.statistic.name, 'change');
  assert.ok(Math.abs(jump.statistic.value - 49) < 1e-6, String(jump.statistic.value));
  assert.match(metric(r, 'error-ratio').measurements[0].message, /^value 0\.05\d* outside ≤ 0\.01$/);
  const latency = metric(r, 'latency').measurements[0];
  assert.equal(latency.phase, 'failed');
  assert.match(latency.message, /canary median 0\.1\d+ vs baseline 0\.0\d+|canary median 0\.1\d+ vs baseline 0\.1\d+/);
  assert.match(latency.message, /p = [0-9.e-]+ \(n = 81\/81\): significant at α = 0\.05 and beyond the 5\.0% tolerance/);
  assert.equal(metric(r, 'gc').phase, 'successful');
  // The judge's p-value is SciPy's for the very samples it printed.
  if (!lacks('python3')) {
    const scipy = await run('python3', ['-c', 'import json,sys\nfrom scipy.stats import mannwhitneyu\nd=json.load(sys.stdin)\nr=mannwhitneyu(d[0],d[1],alternative="greater")\nprint(json.dumps([float(r.statistic),float(r.pvalue)]))'], {
      input: JSON.stringify([latency.values, latency.baselineValues]),
    });
    const [u, p] = JSON.parse(scipy.stdout) as [number, number];
    assert.equal(latency.statistic.details.U, u);
    assert.ok(Math.abs(latency.statistic.value - p) <= 1e-9 * Math.max(p, 1e-300), `p ${latency.statistic.value} vs SciPy ${p}`);
  }
  const suites = parseXml(await readFile(junit, 'utf8'));
  const cases = suites.children[0]!.children;
  assert.equal(cases.length, 4);
  assert.deepEqual(cases.map((c) => c.children[0]?.name), ['failure', 'failure', 'failure', 'system-out']);
  assert.match(cases[0]!.children[0]!.text, /change = 49/);
});

test('--html DIR/ writes DIR/index.html with a chart per metric: canary and baseline of every sample, the threshold line', { skip: missing }, async () => {
  const dir = join(tmp, 'html-report');
  const r = await analysis(release('canary-bad'), ['--html', `${dir}/`]);
  assert.equal(r.exitCode, 1, r.stderr);
  const html = await readFile(join(dir, 'index.html'), 'utf8');
  assert.doesNotMatch(html, /<script|<link|src="http/);
  const sectionOf = (name: string): string => {
    const start = html.indexOf(`data-metric="${name}"`);
    assert.ok(start >= 0, name);
    return html.slice(start, html.indexOf('</section>', start));
  };
  assert.equal([...html.matchAll(/<svg [^>]*class="line-chart"/g)].length, 4);
  const latency = sectionOf('latency');
  const polylines = [...latency.matchAll(/<polyline points="([^"]*)" class="series (\w+)"/g)].map((m) => [m[2], m[1]!.split(' ').length]);
  assert.deepEqual(polylines, [['canary', 81], ['baseline', 81]]);
  // 5xx jump: 0.05 against a 0.001 baseline; +50% allows 0.0015 but the floor 0.01 always passes, so the line is at 0.01.
  assert.match(sectionOf('errors-jump'), /<title>upper threshold: 0\.01<\/title>/);
  assert.match(sectionOf('error-ratio'), /<title>upper threshold: 0\.01<\/title>/);
  assert.match(latency, /<span class="phase failed">failed<\/span>/);
});

test('the terminal output names the query, the samples, the statistic and the threshold', { skip: missing }, async () => {
  const file = join(tmp, 'terminal.yaml');
  await writeFile(file, release('canary-bad'));
  const r = await run(process.execPath, [join(REPO, 'src/cli/bin.ts'), 'gate', 'analysis', '--config', file, '--at', String(T0), '--prometheus', prometheus!.url, '--metric', 'errors-jump'], {
    cwd: REPO,
    env: { ...process.env, NO_COLOR: '1' },
    reject: false,
  });
  assert.equal(r.exitCode, 1, r.stderr);
  assert.match(r.stdout, /✗ errors-jump \(template http-5xx-jump\): failed — 1 failed measurement \(limit 0\)/);
  assert.match(r.stdout, /query: \(sum\(rate\(http_requests_total\{job="hello",version="canary-bad",code=~"5\.\."\}\[5m\]\)\) or vector\(0\)\)/);
  assert.match(r.stdout, /rule: {2}relative to the same query 1h earlier: change ≤ \+50\.0%, values ≤ 0\.01 always pass/);
  assert.match(r.stdout, /samples \[0\.05\d*\] {2}baseline \[0\.001\d*\]/);
  assert.match(r.stdout, /change = 49 {2}threshold: change ≤ \+50\.0%/);
  assert.match(r.stdout, /\nFAIL 0 successful, 1 failed, 0 inconclusive, 0 errored/);
});

for (const [policy, exitCode, verdict] of [['fail', 1, 'fail'], ['inconclusive', 3, 'inconclusive'], ['pass', 0, 'pass'], [undefined, 3, 'inconclusive']] as const) {
  test(`an empty result follows onEmpty: ${policy ?? 'default (inconclusive)'} → exit ${exitCode}`, { skip: missing }, async () => {
    const r = await analysis(`gate:\n  analysis:\n    metrics:\n      - name: absent\n        query: absent_metric{job="hello"}\n        threshold: { max: 1 }\n${policy ? `        onEmpty: ${policy}\n` : ''}`);
    assert.equal(r.exitCode, exitCode, r.stderr);
    assert.equal(r.json?.verdict, verdict);
    assert.equal(metric(r, 'absent').measurements[0].message, `the query returned no data (onEmpty: ${policy ?? 'inconclusive'})`);
  });
  test(`a NaN follows onNaN: ${policy ?? 'default (inconclusive)'} → exit ${exitCode}`, { skip: missing }, async () => {
    const r = await analysis(`gate:\n  analysis:\n    metrics:\n      - name: ratio\n        query: nan_ratio{job="hello"}\n        successCondition: result[0] < 0.01\n${policy ? `        onNaN: ${policy}\n` : ''}`);
    assert.equal(r.exitCode, exitCode, r.stderr);
    assert.equal(r.json?.verdict, verdict);
    assert.equal(metric(r, 'ratio').measurements[0].message, `the query returned NaN (onNaN: ${policy ?? 'inconclusive'})`);
    assert.equal(metric(r, 'ratio').measurements[0].values[0], 'NaN', 'JSON keeps the NaN');
  });
}

test('failureLimit stops the metric at the measurement that exceeds it; consecutiveSuccessLimit ends it early as successful', { skip: missing }, async () => {
  const ratio = (v: string): string => `sum(rate(http_requests_total{job="hello",version="${v}",code=~"5.."}[5m])) / sum(rate(http_requests_total{job="hello",version="${v}"}[5m]))`;
  const r = await analysis(
    `gate:\n  analysis:\n    metrics:\n      - name: bad\n        query: '${ratio('canary-bad')}'\n        successCondition: result[0] < 0.01\n        interval: 1m\n        count: 5\n        failureLimit: 1\n` +
      `      - name: good\n        query: '${ratio('canary-good')}'\n        successCondition: result[0] < 0.01\n        interval: 1m\n        count: 5\n        failureLimit: -1\n        consecutiveSuccessLimit: 2\n`,
    ['--at', String(T0 - 1200)],
  );
  assert.equal(r.exitCode, 1, r.stderr);
  const bad = metric(r, 'bad');
  assert.equal(bad.phase, 'failed');
  assert.equal(bad.measurements.length, 2);
  assert.equal(bad.reason, '2 failed measurements (limit 1)');
  assert.deepEqual(bad.measurements.map((m: { time: number }) => m.time), [T0 - 1200, T0 - 1140]);
  const good = metric(r, 'good');
  assert.equal(good.phase, 'successful');
  assert.equal(good.measurements.length, 2);
  assert.equal(good.reason, '2 consecutive successes (consecutiveSuccessLimit 2)');
});

test('Prometheus unreachable is an error with exit 1, never a pass', { skip: missing }, async () => {
  const port = await freePort();
  const r = await analysis(release('canary-good'), ['--prometheus', `http://127.0.0.1:${port}`]);
  assert.equal(r.exitCode, 1);
  assert.match(r.stderr, new RegExp(`Cannot reach Prometheus at http://127\\.0\\.0\\.1:${port}: ECONNREFUSED`));
  assert.equal(r.stdout, '');
});

test('a config mistake is a usage error (exit 2) naming the metric and key', { skip: missing }, async () => {
  const r = await analysis(`gate:\n  analysis:\n    metrics:\n      - name: x\n        template: no-such-template\n      - name: y\n        query: up\n        count: 3\n        successCondition: result[0] <\n`);
  assert.equal(r.exitCode, 2);
  assert.match(r.stderr, /gate\.analysis\.metrics\[0\] \(x\)\.template: unknown template "no-such-template" \(known: http-5xx-jump,/);
  assert.match(r.stderr, /gate\.analysis\.metrics\[1\] \(y\)\.successCondition: Cannot parse condition "result\[0\] <": unexpected end at column 12/);
  assert.match(r.stderr, /gate\.analysis\.metrics\[1\] \(y\): count 3 needs an interval/);
});

test('basic auth: refused without credentials (exit 1, 401 named), accepted with --username and --password-env', { skip: missing || lacks('htpasswd') }, async () => {
  const hash = await run('htpasswd', ['-nbB', '-C', '4', 'gate', 's3cret'], { reject: false });
  const line = hash.stdout.trim().split(':').slice(1).join(':');
  const secured = await startPrometheus(canarySeries().filter((s) => s.series.startsWith('http_requests_total{job="hello",version="canary-good"')), tmp, { webConfig: `basic_auth_users:\n  gate: '${line}'\n` });
  try {
    const yaml = `gate:\n  analysis:\n    metrics:\n      - name: errors\n        query: sum(rate(http_requests_total{code="500"}[5m])) / sum(rate(http_requests_total[5m]))\n        threshold: { max: 0.01 }\n`;
    const refused = await analysis(yaml, ['--prometheus', secured.url]);
    assert.equal(refused.exitCode, 1);
    assert.match(refused.stderr, /Prometheus at http:\/\/127\.0\.0\.1:\d+ answered 401 Unauthorized/);
    const accepted = await analysis(yaml, ['--prometheus', secured.url, '--username', 'gate', '--password-env', 'GATE_PW'], { GATE_PW: 's3cret' });
    assert.equal(accepted.exitCode, 0, accepted.stderr);
    assert.equal(accepted.json?.verdict, 'pass');
  } finally {
    await secured.stop();
  }
});
