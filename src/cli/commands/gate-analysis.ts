/**
 * `gocross gate analysis`: the metric checks of gate.analysis against a Prometheus server, with the
 * numbers behind every verdict. Exit status: 0 pass, 1 fail (or the analysis could not be done),
 * 3 inconclusive, 2 usage or config error. `registerAnalysis` adds it under a `gate` parent.
 */
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Command } from 'commander';
import { loadConfig } from '../../config/load.ts';
import { analyze } from '../../gate/analysis/analyze.ts';
import type { GateAnalysisConfig } from '../../gate/analysis/config.ts';
import { renderAnalysisHtml } from '../../gate/analysis/report/html.ts';
import { renderAnalysisJson } from '../../gate/analysis/report/json.ts';
import { renderAnalysisJunit } from '../../gate/analysis/report/junit.ts';
import { TEMPLATES } from '../../gate/analysis/templates.ts';
import { VERDICT_EXIT_CODES } from '../../gate/analysis/verdict.ts';
import { renderAnalysis, renderAnalysisEvent } from '../../render/gate-analysis.ts';
import { painter, stdout } from '../../render/style.ts';
import { atomicWrite } from '../../util/atomic-write.ts';
import { printable } from '../../util/printable.ts';
import { ExitError, UsageError } from '../errors.ts';

interface AnalysisOptions {
  config?: string;
  dir: string;
  prometheus?: string;
  at?: string;
  metric?: string[];
  json?: boolean;
  junit?: string;
  html?: string;
  bearerTokenEnv?: string;
  bearerTokenFile?: string;
  username?: string;
  passwordEnv?: string;
  passwordFile?: string;
  listTemplates?: boolean;
  quiet?: boolean;
}

/** --at: unix seconds or an RFC 3339 time. */
export function parseAt(text: string): number {
  if (/^\d+(\.\d+)?$/.test(text)) return Number(text);
  const ms = Date.parse(text);
  if (!/^\d{4}-\d\d-\d\dT/.test(text) || Number.isNaN(ms)) throw new UsageError(`Cannot use --at ${text}: expected unix seconds or an RFC 3339 time like 2024-05-01T12:00:00Z`);
  return ms / 1000;
}

/** --html FILE, or a directory (existing, or written with a trailing slash) that gets index.html, as verify --html does. */
async function htmlPath(arg: string): Promise<string> {
  const isDir = arg.endsWith('/') || (await stat(arg).catch(() => undefined))?.isDirectory();
  return isDir ? join(arg, 'index.html') : arg;
}

function listTemplates(json: boolean | undefined): void {
  if (json) {
    process.stdout.write(`${JSON.stringify({ schemaVersion: 1, templates: TEMPLATES }, null, 2)}\n`);
    return;
  }
  for (const t of TEMPLATES) {
    const args = Object.entries(t.args).map(([k, v]) => (v === null ? `${k} (required)` : `${k}=${v}`)).join(', ');
    process.stdout.write(`${t.id}\n    ${t.description}\n    args: ${args}\n`);
  }
}

async function action(options: AnalysisOptions): Promise<void> {
  if (options.listTemplates) return listTemplates(options.json);
  const at = options.at === undefined ? undefined : parseAt(options.at);
  const loaded = await loadConfig({ dir: options.dir, file: options.config });
  const config: GateAnalysisConfig = (loaded.config as { gate?: { analysis?: GateAnalysisConfig } }).gate?.analysis ?? {};
  const progress = !options.quiet && (config.metrics ?? []).some((m) => (m.count ?? 1) > 1);
  const result = await analyze({
    config,
    prometheus: options.prometheus,
    auth: { bearerTokenEnv: options.bearerTokenEnv, bearerTokenFile: options.bearerTokenFile, username: options.username, passwordEnv: options.passwordEnv, passwordFile: options.passwordFile },
    at,
    metrics: options.metric,
    onEvent: progress ? (event) => {
      const line = renderAnalysisEvent(event);
      if (line) process.stderr.write(`${line}\n`);
    } : undefined,
  });
  if (options.junit) await atomicWrite(options.junit, renderAnalysisJunit(result));
  const html = options.html === undefined ? undefined : await htmlPath(options.html);
  if (html) await atomicWrite(html, renderAnalysisHtml(result), { mkdir: true });
  if (options.json) process.stdout.write(renderAnalysisJson(result));
  else {
    const out = stdout();
    out.write(renderAnalysis(result, painter(out.color)));
    if (options.junit) out.write(`JUnit: ${printable(options.junit)}\n`);
    if (html) out.write(`HTML: ${printable(html)}\n`);
  }
  const code = VERDICT_EXIT_CODES[result.verdict];
  if (code !== 0) throw new ExitError(code);
}

const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

export function registerAnalysis(gate: Command): void {
  gate
    .command('analysis')
    .summary('Judge a release from Prometheus metrics: thresholds, baselines, Mann-Whitney; 0 pass, 1 fail, 3 inconclusive')
    .description(
      'Run the metric checks of gate.analysis in gocross.config.yaml against a Prometheus server, with Argo Rollouts\n' +
        'semantics (interval, count, successCondition/failureCondition over `result`, failureLimit, inconclusiveLimit,\n' +
        'consecutiveErrorLimit, consecutiveSuccessLimit) and explicit onEmpty/onNaN policies. Judges: threshold,\n' +
        'relative (against a second query or the same query an offset earlier) and mannWhitney (canary vs baseline\n' +
        'samples: U, p-value, Hodges–Lehmann shift, minSamples, tolerance). Every verdict prints the query, the\n' +
        'samples, the statistic and the threshold.',
    )
    .option('--prometheus <url>', 'Prometheus server (overrides gate.analysis.prometheus.url)')
    .option('--at <time>', 'take the first measurement at this time (unix seconds or RFC 3339) instead of now; past times run at once')
    .option('--metric <name>', 'run only this metric (repeatable)', collect)
    .option('--config <file>', 'config file (default: gocross.config.yaml in --dir)')
    .option('--dir <dir>', 'project directory', '.')
    .option('--bearer-token-env <name>', 'environment variable holding a bearer token')
    .option('--bearer-token-file <path>', 'file holding a bearer token')
    .option('--username <user>', 'basic auth user')
    .option('--password-env <name>', 'environment variable holding the basic auth password')
    .option('--password-file <path>', 'file holding the basic auth password')
    .option('--json', 'print { "schemaVersion": 1, verdict, metrics: [...] } on stdout')
    .option('--junit <file>', 'also write a JUnit XML report')
    .option('--html <file>', 'also write a self-contained HTML report with a chart of the samples per metric (a directory gets index.html)')
    .option('--quiet', 'no progress lines on stderr')
    .option('--list-templates', 'list the shipped metric templates and their args')
    .addHelpText(
      'after',
      '\nExit status: 0 pass; 1 fail, or the analysis could not be done (Prometheus unreachable, every measurement errored);\n' +
        '3 inconclusive; 2 usage or config error.\n\nExamples:\n  gocross gate analysis --prometheus http://prometheus:9090\n' +
        '  gocross gate analysis --at 2024-05-01T12:00:00Z --json\n  gocross gate analysis --list-templates',
    )
    .action(action);
}
