/**
 * A self-contained HTML report (no script, no network, no CDN): the coloured matrix, a size chart,
 * and per-target details (size, linkage, requiredGlibc, compat table, components, folded logs).
 */
import { mkdir } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { STAGES, type StageResult, type TargetResult, type VerifyReport } from '../verify/model.ts';
import { esc, stripAnsi } from './html-escape.ts';
import { formatBytes, formatMs, slug, STATUS_SYMBOL, type Reporter } from './reporter.ts';
import { renderSizeChart } from './size-chart.ts';
import { atomicWrite } from '../util/atomic-write.ts';

export const REPORT_CSS = `
:root{--pass:#1a7f37;--fail:#cf222e;--skip:#9a6700;--bg:#fff;--fg:#1f2328;--muted:#656d76;--line:#d0d7de;--card:#f6f8fa}
@media (prefers-color-scheme:dark){:root{--pass:#3fb950;--fail:#f85149;--skip:#d29922;--bg:#0d1117;--fg:#e6edf3;--muted:#8d96a0;--line:#30363d;--card:#161b22}}
*{box-sizing:border-box}body{margin:0;padding:24px 32px;font:14px/1.5 system-ui,-apple-system,"Segoe UI",sans-serif;background:var(--bg);color:var(--fg)}
h1{font-size:22px;margin:0 0 4px}h2{font-size:18px;margin:32px 0 8px;border-bottom:1px solid var(--line);padding-bottom:4px}h3{font-size:16px;margin:0}
.muted{color:var(--muted)}.verdict{display:inline-block;padding:2px 10px;border-radius:12px;color:#fff;font-weight:600}
.verdict.passed{background:var(--pass)}.verdict.failed{background:var(--fail)}
table{border-collapse:collapse;margin:8px 0}th,td{border:1px solid var(--line);padding:4px 10px;text-align:left;vertical-align:top}
th{background:var(--card)}table.matrix td.cell{text-align:center;font-weight:600;min-width:84px}
td.passed,span.passed{color:#fff;background:var(--pass)}td.failed,span.failed{color:#fff;background:var(--fail)}td.skipped,span.skipped{color:#fff;background:var(--skip)}
span.passed,span.failed,span.skipped{padding:0 6px;border-radius:4px;font-size:12px}
.target{border:1px solid var(--line);border-radius:8px;padding:12px 16px;margin:16px 0;background:var(--card)}
.target.failed{border-left:6px solid var(--fail)}.target.passed{border-left:6px solid var(--pass)}
dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:2px 16px;margin:8px 0}dl.facts dt{color:var(--muted)}dl.facts dd{margin:0;font-family:ui-monospace,monospace;word-break:break-all}
details{margin:4px 0}summary{cursor:pointer}pre{background:var(--bg);border:1px solid var(--line);padding:8px;overflow:auto;max-height:420px;font-size:12px;white-space:pre-wrap}
.bar{fill:#0969da}.bar-failed{fill:var(--fail)}.chart-label,.chart-value{font:12px system-ui,sans-serif;fill:var(--fg)}
a{color:#0969da}
`;

function statusCell(s: StageResult | undefined): string {
  if (!s) return '<td class="cell">·</td>';
  return `<td class="cell ${s.status}" data-status="${s.status}" title="${esc(s.reason)}">${STATUS_SYMBOL[s.status]} ${s.status}</td>`;
}

function matrix(report: VerifyReport): string {
  const head = `<tr><th>target</th>${STAGES.map((s) => `<th>${s}</th>`).join('')}<th>result</th></tr>`;
  const rows = report.targets.map((t) => {
    const byStage = new Map(t.stages.map((s) => [s.stage, s]));
    return `<tr data-target="${esc(t.target)}" data-status="${t.status}"><th><a href="#t-${slug(t.target)}">${esc(t.target)}</a></th>${STAGES.map((s) => statusCell(byStage.get(s))).join('')}<td class="cell ${t.status}">${t.status}</td></tr>`;
  });
  return `<table class="matrix">${head}${rows.join('')}</table>`;
}

function facts(t: TargetResult): string {
  const f = t.facts;
  const rows: [string, string | undefined][] = [
    ['artifact', f.artifact],
    ['size', f.size === undefined ? undefined : `${formatBytes(f.size)} (${f.size} bytes)`],
    ['sha256', f.sha256],
    ['linkage', f.linkage],
    ['interpreter', f.interpreter ?? (f.linkage ? 'none' : undefined)],
    ['needed', f.needed?.length ? f.needed.join(', ') : f.linkage ? 'none' : undefined],
    ['requiredGlibc', f.requiredGlibc ?? (f.linkage ? 'none' : undefined)],
    ['stripped', f.stripped === undefined ? undefined : String(f.stripped)],
    ['Go', f.goVersion],
    ['runs with', f.runner],
    ['service port', f.port === undefined ? undefined : String(f.port)],
  ];
  const items = rows.filter(([, v]) => v !== undefined).map(([k, v]) => `<dt>${k}</dt><dd>${esc(v!)}</dd>`);
  return items.length ? `<dl class="facts">${items.join('')}</dl>` : '';
}

function compatTable(t: TargetResult): string {
  if (!t.facts.compat?.length) return '';
  const rows = t.facts.compat.map(
    (c) => `<tr><td>${esc(c.profile)}</td><td><span class="${c.runs ? 'passed' : 'failed'}">${c.runs ? 'runs' : 'does not run'}</span></td><td>${esc(c.reasons.join('; ') || '—')}</td></tr>`,
  );
  return `<h4>Compatibility</h4><table class="compat"><tr><th>profile</th><th>verdict</th><th>reasons</th></tr>${rows.join('')}</table>`;
}

function componentsTable(t: TargetResult): string {
  if (!t.facts.components?.length) return '';
  const cls = { pass: 'passed', warn: 'skipped', fail: 'failed' } as const;
  const rows = t.facts.components.map(
    (c) => `<tr><td>${esc(c.check)}</td><td>${esc(c.name)}</td><td><span class="${cls[c.status]}">${c.status}</span></td><td>${esc(c.output ?? '')}</td></tr>`,
  );
  return `<h4>Service components</h4><table class="components"><tr><th>check</th><th>component</th><th>status</th><th>output</th></tr>${rows.join('')}</table>`;
}

function stageList(t: TargetResult, href: (logPath: string) => string): string {
  return t.stages
    .map((s) => {
      const log = s.log
        ? `<details${s.status === 'failed' ? ' open' : ''}><summary>log${s.logPath ? ` (<a href="${esc(href(s.logPath))}">${esc(s.logPath)}</a>)` : ''}</summary><pre>${esc(stripAnsi(s.log))}</pre></details>`
        : '';
      return `<li><span class="${s.status}">${s.status}</span> <b>${s.stage}</b> <span class="muted">${formatMs(s.durationMs)}</span> — ${esc(s.reason)}${log}</li>`;
    })
    .join('');
}

function targetSection(t: TargetResult, href: (logPath: string) => string): string {
  return `<section class="target ${t.status}" id="t-${slug(t.target)}" data-target="${esc(t.target)}">
<h3>${esc(t.target)} <span class="${t.status}">${t.status}</span> <span class="muted">${formatMs(t.durationMs)}</span></h3>
${facts(t)}${compatTable(t)}${componentsTable(t)}<h4>Stages</h4><ul class="stages">${stageList(t, href)}</ul></section>`;
}

export interface HtmlOptions {
  /** Link target for a stage's log file (default: the path as recorded). */
  logHref?: (logPath: string) => string;
}

export function renderHtml(report: VerifyReport, options: HtmlOptions = {}): string {
  const href = options.logHref ?? ((p: string) => p);
  const s = report.summary;
  const bars = report.targets.filter((t) => t.facts.size !== undefined).map((t) => ({ label: t.target, value: t.facts.size!, failed: t.status === 'failed' }));
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>gocross verify: ${esc(report.package)} — ${report.ok ? 'PASS' : 'FAIL'}</title><style>${REPORT_CSS}</style></head>
<body>
<h1>gocross verify <span class="verdict ${report.ok ? 'passed' : 'failed'}">${report.ok ? 'PASS' : 'FAIL'}</span></h1>
<p class="muted">${esc(report.package)} · ${esc(report.startedAt)} · ${formatMs(report.durationMs)} · gocross ${esc(report.tool.version)}</p>
<p>${s.passedTargets}/${s.targets} targets passed · stages: ${s.stages.passed} passed, ${s.stages.failed} failed, ${s.stages.skipped} skipped${report.failOnSkip ? ' (skipped stages count as failures)' : ''}</p>
<h2>Matrix</h2>${matrix(report)}
<h2>Artifact size per target</h2>${renderSizeChart(bars)}
<h2>Targets</h2>${report.targets.map((t) => targetSection(t, href)).join('\n')}
</body></html>
`;
}

/** Writes index.html (logs are written by verify into <dir>/logs; their recorded paths are relative to `cwd`). */
export function createHtmlReporter(dir: string, cwd: string = process.cwd()): Reporter {
  return {
    onEvent() {},
    async finish(report) {
      await mkdir(dir, { recursive: true });
      await atomicWrite(join(dir, 'index.html'), renderHtml(report, { logHref: (p) => relative(dir, resolve(cwd, p)) }), { mkdir: true });
    },
  };
}
