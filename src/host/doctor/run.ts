/** Runs the doctor checks over the facts (pure) and summarises. */
import { runChecks as runEach, type Check, type CheckResult } from '../../core/check.ts';
import type { HostFacts } from '../facts.ts';
import { checks as allChecks } from './checks/index.ts';

export interface DoctorReport {
  results: CheckResult[];
  summary: { pass: number; info: number; warn: number; fail: number };
  ok: boolean;
}

export function runChecks(facts: HostFacts, checks: readonly Check<HostFacts>[] = allChecks): DoctorReport {
  const results = runEach(checks, facts);
  const summary = { pass: 0, info: 0, warn: 0, fail: 0 };
  for (const r of results) summary[r.status]++;
  return { results, summary, ok: summary.fail === 0 };
}
