/** Runs the checks over the facts (pure) and summarises. */
import type { HostFacts } from '../facts.ts';
import { checks as allChecks } from './checks/index.ts';
import { worst, type Check, type CheckResult } from './types.ts';

export interface DoctorReport {
  results: CheckResult[];
  summary: { pass: number; info: number; warn: number; fail: number };
  ok: boolean;
}

export function runChecks(facts: HostFacts, checks: readonly Check[] = allChecks): DoctorReport {
  const results = checks.map((c) => {
    let findings;
    try {
      findings = c.evaluate(facts);
    } catch (error) {
      findings = [{ status: 'fail' as const, message: `check crashed: ${(error as Error).message}` }];
    }
    return { id: c.id, title: c.title, status: worst(findings.map((f) => f.status)), findings };
  });
  const summary = { pass: 0, info: 0, warn: 0, fail: 0 };
  for (const r of results) summary[r.status]++;
  return { results, summary, ok: summary.fail === 0 };
}
