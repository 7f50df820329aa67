/**
 * The analysis as one self-contained HTML page (`--html FILE`: no script, no network): per metric
 * its verdict, query and rule, a small chart of every sample it saw (canary and baseline when there
 * are two, the threshold as a horizontal line when the judge has one on the samples' scale), and
 * each measurement with its statistic and threshold. Every string from the config or Prometheus
 * goes through esc().
 */
import { esc } from '../../../report/html-escape.ts';
import { renderLineChart, type HorizontalLine, type LineSeries } from '../../../report/line-chart.ts';
import type { AnalysisResult, Measurement, MetricPhase, MetricResult, Verdict } from '../model.ts';

const CSS = `
:root{--pass:#1a7f37;--fail:#cf222e;--skip:#9a6700;--error:#8250df;--bg:#fff;--fg:#1f2328;--muted:#656d76;--line:#d0d7de;--card:#f6f8fa;--canary:#0969da;--baseline:#8c959f}
@media (prefers-color-scheme:dark){:root{--pass:#3fb950;--fail:#f85149;--skip:#d29922;--error:#a371f7;--bg:#0d1117;--fg:#e6edf3;--muted:#8d96a0;--line:#30363d;--card:#161b22;--canary:#58a6ff;--baseline:#6e7681}}
*{box-sizing:border-box}body{margin:0;padding:24px 32px;font:14px/1.5 system-ui,-apple-system,"Segoe UI",sans-serif;background:var(--bg);color:var(--fg)}
h1{font-size:22px;margin:0 0 4px}h2{font-size:18px;margin:0}.muted{color:var(--muted)}
.verdict,.phase{display:inline-block;padding:0 8px;border-radius:10px;color:#fff;font-weight:600;font-size:13px}
.pass,.successful{background:var(--pass)}.fail,.failed{background:var(--fail)}.inconclusive{background:var(--skip)}.error{background:var(--error)}
.metric{border:1px solid var(--line);border-radius:8px;padding:12px 16px;margin:16px 0;background:var(--card)}
dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:2px 16px;margin:8px 0}dl.facts dt{color:var(--muted)}dl.facts dd{margin:0;font-family:ui-monospace,monospace;word-break:break-all;white-space:pre-wrap}
table{border-collapse:collapse;margin:8px 0}th,td{border:1px solid var(--line);padding:4px 8px;text-align:left;vertical-align:top}th{background:var(--bg)}
td.num{font-family:ui-monospace,monospace}
.line-chart .plot{fill:var(--bg);stroke:var(--line)}.line-chart .axis{font:11px system-ui,sans-serif;fill:var(--muted)}
.line-chart .series{fill:none;stroke-width:1.5}.line-chart polyline.canary{stroke:var(--canary)}.line-chart polyline.baseline{stroke:var(--baseline)}
.line-chart circle.canary{fill:var(--canary)}.line-chart circle.baseline{fill:var(--baseline)}
.line-chart .threshold{stroke:var(--fail);stroke-dasharray:6 3}.line-chart .break{stroke:var(--line);stroke-dasharray:2 3}
.legend span{margin-right:12px}.legend i{display:inline-block;width:14px;height:3px;vertical-align:middle;margin-right:4px}
`;

const VERDICT_TEXT: Record<Verdict, string> = { pass: 'PASS', fail: 'FAIL', inconclusive: 'INCONCLUSIVE', error: 'ERROR' };

function num(n: number): string {
  if (Number.isNaN(n)) return 'NaN';
  if (!Number.isFinite(n)) return n > 0 ? '+Inf' : '-Inf';
  return Number.isInteger(n) ? String(n) : Number(n.toPrecision(5)).toString();
}

const timeOf = (seconds: number): string => new Date(seconds * 1000).toISOString().replace('.000Z', 'Z');

/** The samples of every measurement in order, the canary's measurement boundaries, and the last bounds the judge gave. */
function chart(metric: MetricResult): string {
  const canary = metric.measurements.flatMap((m) => m.values);
  const hasBaseline = metric.measurements.some((m) => m.baselineValues !== undefined);
  const baseline = metric.measurements.flatMap((m) => m.baselineValues ?? []);
  if (canary.length === 0 && baseline.length === 0) return '<p class="muted">No samples to chart.</p>';
  const series: LineSeries[] = [{ label: hasBaseline ? 'canary' : 'samples', className: 'canary', values: canary }];
  if (hasBaseline) series.push({ label: 'baseline', className: 'baseline', values: baseline });
  const bounds = metric.measurements.findLast((m) => m.statistic?.bounds)?.statistic?.bounds;
  const lines: HorizontalLine[] = [];
  if (bounds?.upper !== undefined) lines.push({ label: 'upper threshold', value: bounds.upper });
  if (bounds?.lower !== undefined) lines.push({ label: 'lower threshold', value: bounds.lower });
  const breaks: number[] = [];
  let at = 0;
  for (const m of metric.measurements.slice(0, -1)) {
    at += m.values.length;
    if (at > 0 && at < canary.length) breaks.push(at);
  }
  const skipped = [...canary, ...baseline].filter((v) => !Number.isFinite(v)).length;
  const legend = [
    ...series.map((s) => `<span><i style="background:var(--${s.className})"></i>${s.label} (${s.values.length})</span>`),
    ...(lines.length ? [`<span><i style="background:var(--fail)"></i>threshold ${lines.map((l) => esc(num(l.value))).join(' / ')}</span>`] : []),
    ...(skipped ? [`<span class="muted">${skipped} NaN/Inf not drawn</span>`] : []),
  ];
  return `${renderLineChart({ title: `Samples of ${metric.name}`, series, lines, breaks })}<div class="legend muted">${legend.join('')}</div>`;
}

function measurementRow(m: Measurement): string {
  const s = m.statistic;
  const details = s?.details ? Object.entries(s.details).map(([k, v]) => `${k}=${typeof v === 'number' ? num(v) : v}`).join(' ') : '';
  return `<tr data-phase="${m.phase}"><td class="num">${timeOf(m.time)}</td><td><span class="phase ${m.phase}">${m.phase}</span></td><td>${esc(m.message)}</td>` +
    `<td class="num">${s ? `${esc(s.name)} = ${num(s.value)}` : '—'}</td><td>${s ? esc(s.threshold) : '—'}</td><td class="num">${esc(details)}</td></tr>`;
}

function metricSection(metric: MetricResult): string {
  const phase: MetricPhase = metric.phase;
  const baselineQueries = [...new Set(metric.measurements.map((m) => m.baselineQuery).filter((q) => q !== undefined))];
  const facts: [string, string][] = [
    ['query', metric.query],
    ...baselineQueries.map((q): [string, string] => ['baseline query', q]),
    ['rule', metric.rule],
    ...(metric.template ? [['template', metric.template] as [string, string]] : []),
    ['reason', metric.reason],
  ];
  return `<section class="metric" data-metric="${esc(metric.name)}" data-phase="${phase}">
<h2>${esc(metric.name)} <span class="phase ${phase}">${phase}</span></h2>
<dl class="facts">${facts.map(([k, v]) => `<dt>${k}</dt><dd>${esc(v)}</dd>`).join('')}</dl>
${chart(metric)}
<table class="measurements"><tr><th>time</th><th>phase</th><th>why</th><th>statistic</th><th>threshold</th><th>details</th></tr>${metric.measurements.map(measurementRow).join('')}</table>
</section>`;
}

export function renderAnalysisHtml(result: AnalysisResult): string {
  const count = (p: MetricPhase): number => result.metrics.filter((m) => m.phase === p).length;
  const verdict = VERDICT_TEXT[result.verdict];
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>gocross gate analysis — ${verdict}</title><style>${CSS}</style></head>
<body>
<h1>gocross gate analysis <span class="verdict ${result.verdict}">${verdict}</span></h1>
<p class="muted">Prometheus ${esc(result.prometheus)} · ${esc(result.startedAt)} · ${Math.round(result.durationMs)} ms</p>
<p>${count('successful')} successful, ${count('failed')} failed, ${count('inconclusive')} inconclusive, ${count('error')} errored</p>
${result.metrics.map(metricSection).join('\n')}
</body></html>
`;
}
