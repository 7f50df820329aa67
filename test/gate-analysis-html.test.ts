/**
 * The HTML page of `gocross gate analysis`: one chart per metric drawn from the samples it saw
 * (canary and baseline, the threshold as a line, NaN breaking the line), every string from the
 * config or Prometheus escaped, and the page rendered by headless Chromium without errors.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { judgeRelative } from '../src/gate/analysis/judges/relative.ts';
import { judgeThreshold } from '../src/gate/analysis/judges/threshold.ts';
import type { AnalysisResult, Measurement, MetricResult } from '../src/gate/analysis/model.ts';
import { renderAnalysisHtml } from '../src/gate/analysis/report/html.ts';
import { CACHE } from './support/go.ts';
import { launchChromium, watchPage } from './support/chromium.ts';

const HOSTILE = '<script>alert(1)</script>';
const T = 1_714_564_800;

const counts = { successful: 0, failed: 0, inconclusive: 0, error: 0 };

function measurement(values: number[], extra: Partial<Measurement> = {}): Measurement {
  return { time: T, phase: 'successful', message: 'ok', values, query: 'q', ...extra };
}

function metric(name: string, measurements: Measurement[], extra: Partial<MetricResult> = {}): MetricResult {
  return { name, phase: 'successful', reason: 'count done', measurements, counts, rule: 'rule', query: 'q', ...extra };
}

const result = (metrics: MetricResult[]): AnalysisResult => ({ verdict: 'fail', metrics, startedAt: '2024-05-01T12:00:00Z', durationMs: 12, prometheus: 'http://127.0.0.1:9090' });

/** The <section> of one metric, by name as the page escapes it. */
function section(html: string, name: string): string {
  const start = html.indexOf(`<section class="metric" data-metric="${name}"`);
  assert.ok(start >= 0, `section ${name}`);
  return html.slice(start, html.indexOf('</section>', start));
}

const pointsOf = (svg: string): string[][] => [...svg.matchAll(/<polyline points="([^"]*)" class="series (\w+)"/g)].map((m) => [m[2]!, ...m[1]!.split(' ')]);

test('a metric with canary and baseline samples draws one polyline each, with every sample a point, and the threshold as a line', () => {
  const threshold = judgeThreshold({ kind: 'threshold', max: 0.5 }, [0.1, 0.2, 0.3]);
  const html = renderAnalysisHtml(
    result([
      metric('latency', [
        measurement([0.1, 0.2, 0.3], { baselineValues: [0.1, 0.1, 0.1, 0.1], statistic: threshold.statistic, baselineQuery: 'b' }),
        measurement([0.4, 0.6], { baselineValues: [0.1, 0.1], statistic: threshold.statistic, baselineQuery: 'b' }),
      ]),
    ]),
  );
  const s = section(html, 'latency');
  const lines = pointsOf(s);
  assert.deepEqual(lines.map((l) => [l[0], l.length - 1]), [['canary', 5], ['baseline', 6]]);
  assert.equal([...s.matchAll(/<line [^>]*class="threshold"/g)].length, 1);
  assert.equal([...s.matchAll(/<line [^>]*class="break"/g)].length, 1, 'one boundary between the two measurements');
  // The threshold 0.5 is drawn between the highest sample (0.6, the top) and the lowest (0.1, the bottom).
  const y = (p: string): number => Number(p.split(',')[1]);
  const canary = lines[0]!.slice(1);
  const thresholdY = Number(/<line x1="[\d.]+" y1="([\d.]+)"[^>]*class="threshold"/.exec(s)![1]);
  assert.ok(y(canary[4]!) < thresholdY && thresholdY < y(canary[0]!), `${canary.join(' ')} vs ${thresholdY}`);
  assert.match(s, /<dt>baseline query<\/dt><dd>b<\/dd>/);
});

test('the relative judge gives its bounds on the samples\' scale, the floor raising the upper one', () => {
  assert.deepEqual(judgeRelative({ kind: 'relative', baseline: { offset: '1h' }, maxIncrease: 0.5, maxDecrease: 0.2 }, [3], [2]).statistic?.bounds, { lower: 1.6, upper: 3 });
  assert.deepEqual(judgeRelative({ kind: 'relative', baseline: { offset: '1h' }, maxIncrease: 0.5, floor: 0.01 }, [0.05], [0.001]).statistic?.bounds, { upper: 0.01 });
  assert.deepEqual(judgeThreshold({ kind: 'threshold', min: 1 }, [2]).statistic.bounds, { lower: 1 });
});

test('NaN breaks the line and is counted; a lone sample is a dot; no samples is said in words', () => {
  const html = renderAnalysisHtml(result([metric('gappy', [measurement([1, 2, Number.NaN, 3, 4, Number.NaN, 5])]), metric('one', [measurement([7])]), metric('none', [measurement([])])]));
  const gappy = section(html, 'gappy');
  assert.deepEqual(pointsOf(gappy).map((l) => l.length - 1), [2, 2]);
  assert.equal([...gappy.matchAll(/<circle /g)].length, 1, 'the 5 after the last NaN');
  assert.match(gappy, /2 NaN\/Inf not drawn/);
  assert.match(gappy, /samples \(7\)/, 'no baseline: the series is called samples');
  assert.equal([...section(html, 'one').matchAll(/<circle [^>]*class="series canary"/g)].length, 1);
  assert.match(section(html, 'none'), /No samples to chart/);
  assert.doesNotMatch(section(html, 'none'), /<svg/);
});

test('every string from the config and Prometheus is escaped: a hostile metric name, query, label, message and threshold', () => {
  const hostile = metric(HOSTILE, [measurement([1, 2], { message: `label pod="${HOSTILE}"`, statistic: { name: HOSTILE, value: 1, threshold: HOSTILE, details: { [HOSTILE]: HOSTILE } } })], {
    query: `up{pod="${HOSTILE}"}`,
    rule: HOSTILE,
    template: HOSTILE,
    reason: HOSTILE,
  });
  const html = renderAnalysisHtml({ ...result([hostile]), prometheus: `http://x/${HOSTILE}` });
  assert.doesNotMatch(html, /<script/i);
  assert.ok(html.split('&lt;script&gt;alert(1)&lt;/script&gt;').length - 1 >= 9, 'each occurrence is there, escaped');
  assert.match(html, /up\{pod=&quot;&lt;script&gt;/);
  assert.match(html, /aria-label="Samples of &lt;script&gt;/);
  // Control characters are shown, not passed to the page.
  assert.match(renderAnalysisHtml(result([metric('esc\u001b[31m', [])])), /data-metric="esc\\x1b\[31m"/);
});

test('the page renders in headless Chromium: a visible chart per metric, no console errors, no network', { skip: !existsSync('/usr/bin/chromium') && 'chromium is not installed (scripts/setup.sh --with-browser)' }, async () => {
  const metrics = [
    metric('latency', [measurement(Array.from({ length: 40 }, (_, i) => 0.1 + (i % 7) / 100), { baselineValues: Array.from({ length: 40 }, () => 0.1), baselineQuery: 'b' })]),
    metric(HOSTILE, [measurement([0.2, 0.4], { statistic: judgeThreshold({ kind: 'threshold', max: 0.3 }, [0.2, 0.4]).statistic, phase: 'failed' })], { phase: 'failed' }),
  ];
  await mkdir(CACHE, { recursive: true });
  const dir = await mkdtemp(join(CACHE, 'gate-html-'));
  const file = join(dir, 'index.html');
  await writeFile(file, renderAnalysisHtml(result(metrics)));
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const { problems, requests } = watchPage(page);
    await page.goto(`file://${file}`);
    const charts = page.locator('section.metric svg.line-chart');
    assert.equal(await charts.count(), 2);
    for (let i = 0; i < 2; i++) {
      const box = await charts.nth(i).boundingBox();
      assert.ok(box && box.width > 0 && box.height > 0, `chart ${i}: ${JSON.stringify(box)}`);
    }
    const line = await page.locator('section.metric[data-phase="failed"] polyline.canary').boundingBox();
    assert.ok(line && line.width > 0, 'the polyline is drawn');
    assert.equal(await page.locator('section.metric h2').nth(1).evaluate((e) => e.firstChild?.textContent), `${HOSTILE} `, 'the hostile name is text, not markup');
    assert.deepEqual(problems, []);
    assert.deepEqual(requests.filter((u) => !u.startsWith('file://')), []);
  } finally {
    await browser.close();
    await rm(dir, { recursive: true, force: true });
  }
});
