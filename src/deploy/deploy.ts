/**
 * `gocross deploy` as a library call: ship the release in dist/ to the selected hosts, wave by
 * wave, with the per-host pipeline of src/deploy/host.ts. The report lists every selected host;
 * `interrupted: true` means Ctrl-C stopped the run (the state file lets `resume: true` finish it).
 */
import { deployFleet } from './fleet/deploy-fleet.ts';
import { deployHost, revertHost } from './host.ts';
import type { DeployReport, DeployRunOptions } from './model.ts';

export function deploy(options: DeployRunOptions): Promise<DeployReport> {
  return deployFleet(options, { deployHost, revertHost });
}
