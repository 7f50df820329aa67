/**
 * `gocross gate …`: release gates. Each subcommand lives in its own file and registers itself on
 * this parent: `gate manifests` and `gate drift` (gate-manifests.ts), `gate analysis` (gate-analysis.ts).
 */
import type { Command } from 'commander';
import { registerAnalysis } from './gate-analysis.ts';
import { registerDrift, registerManifests } from './gate-manifests.ts';

export function register(program: Command): void {
  const gate = program
    .command('gate')
    .summary('Release gates: Kubernetes manifests against the production baseline, live drift, canary analysis over Prometheus')
    .description('Release gates: manifests (the production baseline for Kubernetes manifests, tied to the artifacts gocross built), drift (desired vs live objects), analysis (canary and rollback decisions over Prometheus).');
  registerManifests(gate);
  registerDrift(gate);
  registerAnalysis(gate);
}
