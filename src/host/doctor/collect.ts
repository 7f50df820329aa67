/**
 * Doctor's facts: the host's (../collect.ts) plus the comparison with the project's gocross.lock.
 * The lock comparison reuses the probes doctor already made, so each tool is spawned once.
 */
import { checkLock } from '../../lock/check.ts';
import { collectHostFacts, type CollectOptions } from '../collect.ts';
import type { HostFacts } from '../facts.ts';

export interface DoctorFactsOptions extends CollectOptions {
  /** Project directory whose gocross.lock to compare (null: none). */
  lockDir?: string | null;
}

export async function collectDoctorFacts(options: DoctorFactsOptions = {}): Promise<HostFacts> {
  const facts = await collectHostFacts(options);
  // A fixture root cannot run the host's tools, so its versions say nothing about this machine.
  if (!options.lockDir || facts.root !== '/') return facts;
  try {
    const lock = await checkLock({ dir: options.lockDir, probed: facts });
    return { ...facts, lock };
  } catch (error) {
    return { ...facts, lockError: (error as Error).message };
  }
}
