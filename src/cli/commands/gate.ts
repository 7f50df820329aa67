/**
 * `gocross gate …`: release gates. Each subcommand lives in its own file and adds itself here.
 * (Parent kept tiny: gate manifests registers beside analysis.)
 */
import type { Command } from 'commander';
import { registerAnalysis } from './gate-analysis.ts';

export function register(program: Command): void {
  const gate = program.command('gate').summary('Release gates: judge a canary from Prometheus metrics (gate analysis)').description('Release gates.');
  registerAnalysis(gate);
}
