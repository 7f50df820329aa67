/** `gocross releases`: per device, the releases kept on it, which one is current, when and by whom it was switched to. */
import type { Command } from 'commander';
import { listReleases } from '../../deploy/releases.ts';
import { renderReleases } from '../../render/deploy/releases.ts';
import { stdout } from '../../render/style.ts';
import { ExitError } from '../errors.ts';
import { addHostSelection, loadDeployConfig, selectionOf, type HostSelectionOptions } from '../host-selection.ts';
import { interruptSignal, interruption } from '../interrupt.ts';
import { printJson } from '../print-json.ts';

interface ReleasesCliOptions extends HostSelectionOptions {
  json?: boolean;
}

export function register(program: Command): void {
  const command = program.command('releases').description('List the releases on each device: which is current, when it was switched to and by whom');
  addHostSelection(command)
    .option('--json', 'print the report as JSON (schemaVersion 1) on stdout')
    .addHelpText(
      'after',
      `
Reads <baseDir>/releases/, the 'current' link and the device's deploy log over SSH; changes nothing.
Exit code: 0 every selected host was read, 1 some host could not be (said per host), 2 usage or
config error, 130 interrupted.

Examples:
  gocross releases
  gocross releases --group canary --json`,
    )
    .action(async (opts: ReleasesCliOptions) => {
      const selection = selectionOf(opts);
      const { config } = await loadDeployConfig(opts);
      const signal = interruptSignal();
      const report = await listReleases({ config, selection, acceptNewHostKeys: Boolean(opts.acceptNewHostKeys), signal });
      if (opts.json) printJson(report);
      else {
        const out = stdout();
        out.write(renderReleases(report, out.color));
      }
      if (signal.aborted) throw interruption() ?? new ExitError(130);
      if (report.hosts.some((h) => h.error !== null)) throw new ExitError(1);
    });
}
