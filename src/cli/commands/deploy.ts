/** `gocross deploy`: ship the build in dist/ to the configured devices over SSH, in waves, health-gated, rolled back on failure. */
import type { Command } from 'commander';
import { join, relative, resolve } from 'node:path';
import { deploy } from '../../deploy/deploy.ts';
import type { DeployReport } from '../../deploy/model.ts';
import { writeDeployHtml } from '../../report/deploy/html.ts';
import { renderDeployJson } from '../../report/deploy/json.ts';
import { writeDeployJunit } from '../../report/deploy/junit.ts';
import { stderr } from '../../render/style.ts';
import { atomicWrite } from '../../util/atomic-write.ts';
import { printable } from '../../util/printable.ts';
import { deployProgress, printDeployEnd } from '../deploy-output.ts';
import { ExitError } from '../errors.ts';
import { actorOf, addHostSelection, loadDeployConfig, selectionOf, type HostSelectionOptions } from '../host-selection.ts';
import { interruptSignal, interruption } from '../interrupt.ts';

interface DeployCliOptions extends HostSelectionOptions {
  dryRun?: boolean;
  resume?: boolean;
  dist?: string;
  releaseVersion?: string;
  json?: boolean;
  junit?: string;
  html?: string;
  reportDir?: string;
}

/** Writes the report files asked for; returns their paths for the closing lines. */
async function writeReports(report: DeployReport, opts: DeployCliOptions): Promise<string[]> {
  const written: string[] = [];
  const junit = opts.junit ?? (opts.reportDir ? join(opts.reportDir, 'junit.xml') : undefined);
  const html = opts.html ?? (opts.reportDir ? join(opts.reportDir, 'deploy.html') : undefined);
  if (junit) {
    await writeDeployJunit(resolve(junit), report);
    written.push(junit);
  }
  if (html) {
    await writeDeployHtml(resolve(html), report);
    written.push(html);
  }
  if (opts.reportDir) {
    const json = join(opts.reportDir, 'deploy.json');
    await atomicWrite(resolve(json), renderDeployJson(report), { mkdir: true });
    written.push(json);
  }
  return written;
}

export function register(program: Command): void {
  const command = program
    .command('deploy')
    .description('Ship the build in dist/ to the devices of the deploy: section over SSH: preflight, atomic switch, health gate, automatic rollback, in waves with a failure budget');
  addHostSelection(command)
    .option('--dry-run', 'connect and run preflight, print the plan per host (artifact, preflight verdicts, steps); change nothing')
    .option('--resume', 'continue the run recorded in .gocross/ after Ctrl-C or a crash (hosts done stay done)')
    .option('--dist <dir>', "build output with manifest.json and the artifacts (default: config 'output', else <project>/dist)")
    .option('--release-version <v>', "version to deploy as (default: the manifest's vcs.version)")
    .option('--json', 'one JSON event per line on stdout (schemaVersion 1); the last, "done", carries the report; the summary goes to stderr')
    .option('--junit <file>', 'write a JUnit XML report (a test suite per wave, a test case per host × step)')
    .option('--html <file>', 'write a self-contained HTML report (hosts, outcomes, steps timeline, journals)')
    .option('--report-dir <dir>', 'write junit.xml, deploy.html and deploy.json into DIR (--junit/--html override their paths)')
    .addHelpText(
      'after',
      `
Per host: connect (keys from identityFile or ssh-agent, host key checked against known_hosts) →
preflight (arch from uname -m and the device's own /bin/sh, libc, kernel, init, free space; the
artifact for that device chosen from dist/manifest.json and compat run against its real facts) →
upload to releases/<version>-<sha12>.tmp → SHA-256 checked on the device → systemd unit installed
→ revert timer armed → switch 'current' with one rename(2) → restart → health gate → commit → prune.

Health gate: the unit must stay active with an unchanged NRestarts for deploy.health.minHealthySeconds,
and the HTTP checks (deploy.health.checks, as verify's) must pass within deadlineSeconds. On failure
the host switches back, restarts the previous release, confirms it healthy, and the failed release's
journal goes into the report.

Self-revert: before the switch the device arms a timer (systemd-run) that restores the previous
release after revertAfterSeconds unless the deploy commits in time — a device cut off mid-deploy comes
back on the old release by itself.

Waves and budget: deploy.waves (e.g. [1, '10%', '100%']) run in order, hosts of a wave in parallel
(deploy.concurrency). Refused, failed, rolled-back and reverted hosts count against
deploy.maxFailures (a number or a percentage of the selected hosts) over the whole run: once it is
exceeded, no new host starts, the current wave is rolled back and later waves stay untouched.
Ctrl-C finishes or switches back each host in flight; --resume continues.

--json: one line per event — plan, wave-start, step (start/end), host-done, wave-end,
budget-exceeded, interrupted, and done {report} last — each with schemaVersion and time.

Exit code: 0 every selected host updated (or already on the release; a dry run: none would be
refused), 1 some host failed, was refused, rolled back or reverted, 2 usage or config error
(a bad flag, no deploy: section), 130 interrupted (143 on SIGTERM).

Examples:
  gocross deploy --dry-run
  gocross deploy --group canary --junit dist/deploy-junit.xml
  gocross deploy --label site=berlin --html dist/deploy.html
  gocross deploy --resume`,
    )
    .action(async (opts: DeployCliOptions) => {
      // Flags first: a bad --label is a usage error whatever the config says.
      const selection = selectionOf(opts);
      const { loaded, config } = await loadDeployConfig(opts);
      const distDir = opts.dist ? resolve(opts.dist) : loaded.config.output ? resolve(loaded.dir, loaded.config.output) : join(loaded.projectDir, 'dist');
      const renderer = deployProgress(Boolean(opts.json), 'deploy');
      const signal = interruptSignal();
      let report: DeployReport;
      try {
        report = await deploy({
          config,
          projectDir: loaded.projectDir,
          distDir,
          selection,
          dryRun: Boolean(opts.dryRun),
          resume: Boolean(opts.resume),
          releaseVersion: opts.releaseVersion ?? null,
          acceptNewHostKeys: Boolean(opts.acceptNewHostKeys),
          actor: actorOf(),
          signal,
          onEvent: (e) => renderer.onEvent(e),
        });
      } finally {
        renderer.close();
      }
      printDeployEnd(report, Boolean(opts.json));
      const written = await writeReports(report, opts);
      for (const file of written) stderr().write(`report: ${printable(relative(process.cwd(), resolve(file)) || file)}\n`);
      if (signal.aborted || report.interrupted) throw interruption() ?? new ExitError(130);
      if (report.exitCode !== 0) throw new ExitError(1);
    });
}
