/**
 * Where `deploy` and `rollback` show a run: with --json, NDJSON events on stdout and the summary on
 * stderr; otherwise live per-host lines on a terminal (plain lines in CI, a pipe or TERM=dumb) on
 * stderr and the summary (or a dry run's plan) on stdout.
 */
import type { DeployReport } from '../deploy/model.ts';
import { showLiveProgress } from '../render/progress.ts';
import { jsonDeployRenderer } from '../render/deploy/json.ts';
import { renderDeployPlan } from '../render/deploy/plan.ts';
import { plainDeployRenderer } from '../render/deploy/plain.ts';
import type { DeployRenderer } from '../render/deploy/renderer.ts';
import { renderDeploySummary } from '../render/deploy/summary.ts';
import { ttyDeployRenderer } from '../render/deploy/tty.ts';
import { stderr, stdout } from '../render/style.ts';

export function deployProgress(json: boolean, command: DeployReport['command']): DeployRenderer {
  if (json) return jsonDeployRenderer((line) => void process.stdout.write(line));
  const err = stderr();
  return showLiveProgress({ isTTY: err.isTTY, env: process.env, json }) ? ttyDeployRenderer(err, { columns: process.stderr.columns, command }) : plainDeployRenderer(err, command);
}

export function printDeployEnd(report: DeployReport, json: boolean): void {
  const out = json ? stderr() : stdout();
  out.write(report.dryRun ? renderDeployPlan(report, out.color) : renderDeploySummary(report, out.color));
}
