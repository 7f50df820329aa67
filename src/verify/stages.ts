/**
 * The stage machine of one target: build → inspect → policy → compat → smoke → service.
 * Pure: given what happened so far and what the host can do, decide whether a stage runs or is
 * skipped — and why. A stage that cannot run is `skipped` with its reason, never `passed`.
 */
import type { VerifyConfig } from './config.ts';
import type { StageName, StageResult } from './model.ts';

/** How (or whether) this host can execute the target's artifact. */
export type RunPlan = { ok: true; runner: string } | { ok: false; reason: string };

export interface GateInput {
  target: string;
  prior: ReadonlyMap<StageName, StageResult>;
  config: Pick<VerifyConfig, 'smoke' | 'service'>;
  profiles: readonly string[];
  /** Undefined until the artifact is known (decided after inspect). */
  runPlan: RunPlan | undefined;
}

export type Gate = { run: true } | { run: false; reason: string };

function blockedBy(prior: ReadonlyMap<StageName, StageResult>, needs: readonly StageName[]): string | null {
  for (const stage of needs) {
    const r = prior.get(stage);
    if (!r) return `${stage} did not run`;
    if (r.status === 'failed') return `${stage} failed`;
    if (r.status === 'skipped') return `${stage} was skipped`;
  }
  return null;
}

export function gate(stage: StageName, input: GateInput): Gate {
  const { prior, config } = input;
  const skip = (reason: string): Gate => ({ run: false, reason });
  const need = (stages: StageName[]): Gate | null => {
    const b = blockedBy(prior, stages);
    return b ? skip(`not run: ${b}`) : null;
  };
  switch (stage) {
    case 'build':
      return { run: true };
    case 'inspect':
      return need(['build']) ?? { run: true };
    case 'policy':
      return need(['build', 'inspect']) ?? { run: true };
    case 'compat':
      return (
        need(['build', 'inspect']) ??
        (input.profiles.length === 0 ? skip(`no deploy profiles for ${input.target} (list them under verify.profiles)`) : { run: true })
      );
    case 'smoke':
      if (!config.smoke) return skip('smoke test disabled (verify.smoke: false)');
      return need(['build', 'inspect']) ?? runnable(input);
    case 'service':
      if (!config.service) return skip('no service test configured (verify.service)');
      // The host's inability to run it is the more useful reason than "smoke was skipped".
      return need(['build', 'inspect']) ?? notRunnable(input) ?? (config.smoke ? need(['smoke']) : null) ?? { run: true };
  }
}

function notRunnable(input: GateInput): Gate | null {
  const g = runnable(input);
  return g.run ? null : g;
}

function runnable(input: GateInput): Gate {
  if (!input.runPlan) return { run: false, reason: 'cannot tell how to run this artifact' };
  return input.runPlan.ok ? { run: true } : { run: false, reason: input.runPlan.reason };
}

/** A skipped result for a stage that did not run. */
export function skipped(stage: StageName, reason: string): StageResult {
  return { stage, status: 'skipped', reason, durationMs: 0, findings: [] };
}
