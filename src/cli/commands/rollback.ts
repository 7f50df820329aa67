/** `gocross rollback`: put the selected devices back on an earlier release still on them (default: the one before current). */
import type { Command } from 'commander';
import type { DeployReport } from '../../deploy/model.ts';
import { rollback } from '../../deploy/rollback.ts';
import { deployProgress, printDeployEnd } from '../deploy-output.ts';
import { ExitError } from '../errors.ts';
import { actorOf, addHostSelection, loadDeployConfig, selectionOf, type HostSelectionOptions } from '../host-selection.ts';
import { interruptSignal, interruption } from '../interrupt.ts';

interface RollbackCliOptions extends HostSelectionOptions {
  to?: string;
  json?: boolean;
}

export function register(program: Command): void {
  const command = program
    .command('rollback')
    .description('Switch the selected devices back to an earlier release kept on them (default: the one before current), health-gated like deploy');
  addHostSelection(command)
    .option('--to <release>', 'release id (<version>-<sha12>) or version to go back to (default: the release before the current one, per host)')
    .option('--json', 'one JSON event per line on stdout (schemaVersion 1), as deploy --json; the summary goes to stderr')
    .addHelpText(
      'after',
      `
Each host switches 'current' back with one rename(2), restarts the service and passes the same
health gate as a deploy; a release that is not healthy is switched back again. Only releases still
on the device can be chosen ('gocross releases' lists them; deploy.keep decides how many stay).
All selected hosts go in one wave, deploy.concurrency at a time; failures are counted in the
report but, unlike deploy, do not stop the others (a rollback is itself the way back).

Exit code: 0 every selected host is on the release asked for, 1 some host failed, 2 usage or config
error (no such release on any host is said per host), 130 interrupted (143 on SIGTERM).

Examples:
  gocross rollback --hosts dev1
  gocross rollback --to 1.4.2 --group canary`,
    )
    .action(async (opts: RollbackCliOptions) => {
      const selection = selectionOf(opts);
      const { loaded, config } = await loadDeployConfig(opts);
      const renderer = deployProgress(Boolean(opts.json), 'rollback');
      const signal = interruptSignal();
      let report: DeployReport;
      try {
        report = await rollback({
          config,
          projectDir: loaded.projectDir,
          selection,
          dryRun: false,
          acceptNewHostKeys: Boolean(opts.acceptNewHostKeys),
          actor: actorOf(),
          to: opts.to ?? null,
          signal,
          onEvent: (e) => renderer.onEvent(e),
        });
      } finally {
        renderer.close();
      }
      printDeployEnd(report, Boolean(opts.json));
      if (signal.aborted || report.interrupted) throw interruption() ?? new ExitError(130);
      if (report.exitCode !== 0) throw new ExitError(1);
    });
}
