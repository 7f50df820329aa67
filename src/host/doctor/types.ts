/** A doctor check is data plus a pure function over HostFacts. */
import type { HostFacts } from '../facts.ts';

export type Status = 'pass' | 'info' | 'warn' | 'fail';

export interface Finding {
  status: Status;
  message: string;
  /** What to do about a warn/fail. */
  fix?: string;
}

export interface Check {
  id: string;
  /** The worst status this check can report. */
  severity: 'warn' | 'fail';
  title: string;
  evaluate(facts: HostFacts): Finding[];
}

export interface CheckResult {
  id: string;
  title: string;
  /** Worst of the findings. */
  status: Status;
  findings: Finding[];
}

// info is below pass: a passing check with a note still passes.
const rank: Record<Status, number> = { info: 0, pass: 1, warn: 2, fail: 3 };

export function worst(statuses: readonly Status[]): Status {
  return statuses.reduce<Status>((w, s) => (rank[s] > rank[w] ? s : w), statuses[0] ?? 'pass');
}
