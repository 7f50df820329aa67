/**
 * A deploy (or rollback) as one self-contained HTML page (`--html FILE`: no script, no network),
 * built from verify's report blocks (its stylesheet, esc(), the byte and time formats): the verdict,
 * a table with one row per host (wave, outcome, artifact, from → to, time, bytes sent), then per
 * wave each host's steps as a timeline and a list (message, fix, findings) and the failed release's
 * journal. Every string from the config or a device goes through esc().
 */
import type { DeployReport, HostOutcome, HostResult, StepResult } from '../../deploy/model.ts';
import type { Finding } from '../../core/check.ts';
import { atomicWrite } from '../../util/atomic-write.ts';
import { esc, stripAnsi } from '../html-escape.ts';
import { REPORT_CSS } from '../html.ts';
import { formatBytes, formatMs } from '../reporter.ts';

/** The stylesheet's status classes (passed/failed/skipped) each outcome is drawn with. */
const OUTCOME_CLASS: Record<HostOutcome, 'passed' | 'failed' | 'skipped' | 'untouched'> = {
  updated: 'passed',
  unchanged: 'passed',
  'rolled-back': 'skipped',
  reverted: 'skipped',
  refused: 'failed',
  failed: 'failed',
  untouched: 'untouched',
};
const STEP_CLASS = { ok: 'passed', fail: 'failed', skip: 'skipped' } as const;
const FINDING_CLASS = { pass: 'passed', info: 'untouched', warn: 'skipped', fail: 'failed' } as const;

const DEPLOY_CSS = `
span.untouched,td.untouched{color:#fff;background:var(--muted);padding:0 6px;border-radius:4px;font-size:12px}
.host{border:1px solid var(--line);border-radius:8px;padding:12px 16px;margin:16px 0;background:var(--card)}
.host.passed{border-left:6px solid var(--pass)}.host.failed{border-left:6px solid var(--fail)}.host.skipped{border-left:6px solid var(--skip)}.host.untouched{border-left:6px solid var(--muted)}
.timeline{display:flex;height:18px;border:1px solid var(--line);border-radius:4px;overflow:hidden;margin:8px 0;background:var(--bg)}
.timeline span{display:block;height:100%;min-width:3px;border-right:1px solid var(--bg)}
.timeline span.passed{background:var(--pass)}.timeline span.failed{background:var(--fail)}.timeline span.skipped{background:var(--skip);opacity:.5}
.note{padding:6px 10px;border-radius:6px;background:var(--card);border:1px solid var(--line)}
ul.steps{padding-left:18px}ul.findings{margin:2px 0;padding-left:18px}td.num{font-family:ui-monospace,monospace;text-align:right}
`;

const released = (r: string | null): string => (r === null ? '—' : esc(r));

/** A finding's subject is left out when it is the host itself (the list is in the host's section). */
function findingsList(findings: readonly Finding[], host: string): string {
  if (findings.length === 0) return '';
  const items = findings.map((f) => `<li><span class="${FINDING_CLASS[f.status]}">${f.status}</span> ${f.subject && f.subject !== host ? `${esc(f.subject)}: ` : ''}${esc(f.message)}${f.fix ? ` <span class="muted">fix: ${esc(f.fix)}</span>` : ''}</li>`);
  return `<ul class="findings">${items.join('')}</ul>`;
}

function timeline(steps: readonly StepResult[]): string {
  if (steps.length === 0) return '';
  const total = steps.reduce((n, s) => n + Math.max(0, s.durationMs), 0) || 1;
  const parts = steps.map((s) => `<span class="${STEP_CLASS[s.status]}" data-step="${s.step}" style="flex:${Math.max(0.01, s.durationMs / total).toFixed(4)}" title="${esc(`${s.step} ${s.status} ${formatMs(s.durationMs)}: ${s.message}`)}"></span>`);
  return `<div class="timeline" aria-label="steps over time">${parts.join('')}</div>`;
}

function stepList(steps: readonly StepResult[], host: string): string {
  const items = steps.map(
    (s) => `<li data-step="${s.step}" data-status="${s.status}"><span class="${STEP_CLASS[s.status]}">${s.status}</span> <b>${s.step}</b> <span class="muted">${formatMs(s.durationMs)}</span>${s.message ? ` — ${esc(s.message)}` : ''}${s.fix ? `<br><span class="muted">fix: ${esc(s.fix)}</span>` : ''}${findingsList(s.findings ?? [], host)}</li>`,
  );
  return `<ul class="steps">${items.join('')}</ul>`;
}

function hostSection(h: HostResult, index: number): string {
  const cls = OUTCOME_CLASS[h.outcome];
  const facts: [string, string][] = [
    ['address', esc(h.address)],
    ['artifact', h.artifact === null ? '—' : esc(h.artifact)],
    ['release', `${released(h.fromRelease)} → ${released(h.toRelease)}`],
    ['time', formatMs(h.durationMs)],
    ['sent', formatBytes(h.bytesSent)],
  ];
  const journal = h.journal ? `<details class="journal" open><summary>journal of ${released(h.toRelease)}</summary><pre>${esc(stripAnsi(h.journal))}</pre></details>` : '';
  return `<section class="host ${cls}" id="h-${index}" data-host="${esc(h.host)}" data-outcome="${h.outcome}">
<h3>${esc(h.host)} <span class="${cls}">${h.outcome}</span></h3>
<dl class="facts">${facts.map(([k, v]) => `<dt>${k}</dt><dd>${v}</dd>`).join('')}</dl>
${timeline(h.steps)}${h.steps.length > 0 ? stepList(h.steps, h.host) : '<p class="muted">No step ran on this host.</p>'}${journal}</section>`;
}

function hostsTable(report: DeployReport): string {
  const head = '<tr><th>wave</th><th>host</th><th>outcome</th><th>artifact</th><th>release</th><th>time</th><th>sent</th></tr>';
  const rows = report.hosts.map(
    (h, i) => `<tr data-host="${esc(h.host)}" data-outcome="${h.outcome}"><td class="num">${h.wave}</td><th><a href="#h-${i}">${esc(h.host)}</a></th><td class="${OUTCOME_CLASS[h.outcome]}">${h.outcome}</td><td>${h.artifact === null ? '—' : esc(h.artifact)}</td><td>${released(h.fromRelease)} → ${released(h.toRelease)}</td><td class="num">${formatMs(h.durationMs)}</td><td class="num">${formatBytes(h.bytesSent)}</td></tr>`,
  );
  return `<table class="hosts">${head}${rows.join('')}</table>`;
}

export function renderDeployHtml(report: DeployReport): string {
  const ok = report.exitCode === 0;
  const verdict = report.dryRun ? 'DRY RUN' : ok ? 'OK' : 'FAILED';
  const total = Date.parse(report.finishedAt) - Date.parse(report.startedAt) || 0;
  const notes = [
    ...(report.dryRun ? ['Dry run: nothing was changed on any host.'] : []),
    ...(report.budgetExceeded ? [`The failure budget was exceeded (${report.failures} failures, ${report.maxFailures} allowed): the wave in progress was rolled back and later waves were not touched.`] : []),
    ...(report.interrupted ? ['Interrupted: hosts in flight were finished or switched back.'] : []),
  ];
  const waves = report.waves.length > 0 ? report.waves : [...new Set(report.hosts.map((h) => h.wave))].map((wave) => ({ wave, hosts: [], durationMs: 0 }));
  const indexOf = new Map(report.hosts.map((h, i) => [h, i]));
  const waveSections = waves.map((w) => {
    const hosts = report.hosts.filter((h) => h.wave === w.wave);
    return `<h2>Wave ${w.wave} <span class="muted">${hosts.length} host${hosts.length === 1 ? '' : 's'}${w.durationMs > 0 ? `, ${formatMs(w.durationMs)}` : ''}</span></h2>\n${hosts.map((h) => hostSection(h, indexOf.get(h)!)).join('\n')}`;
  });
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>gocross ${report.command}: ${esc(report.service)} — ${verdict}</title><style>${REPORT_CSS}${DEPLOY_CSS}</style></head>
<body>
<h1>gocross ${report.command} <span class="verdict ${ok ? 'passed' : 'failed'}">${verdict}</span></h1>
<p class="muted">${esc(report.service)}${report.release === null ? '' : ` ${esc(report.release)}`} · ${esc(report.startedAt)} · ${formatMs(total)}</p>
<p>${report.hosts.length} host${report.hosts.length === 1 ? '' : 's'} · ${report.failures} failure${report.failures === 1 ? '' : 's'} of ${report.maxFailures} allowed</p>
${notes.map((n) => `<p class="note">${esc(n)}</p>`).join('\n')}
<h2>Hosts</h2>${hostsTable(report)}
${waveSections.join('\n')}
</body></html>
`;
}

export async function writeDeployHtml(file: string, report: DeployReport): Promise<void> {
  await atomicWrite(file, renderDeployHtml(report), { mkdir: true });
}
