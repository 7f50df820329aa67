/**
 * The one check model: a check is data plus a pure function from facts to findings. Doctor (host
 * facts), binfmt status (binfmt_misc facts), verify policy (binary facts), and the gate and deploy
 * preflight to come all use it; renderers show findings without knowing which check made them.
 */

/** How bad a finding is. `info` ranks below `pass`: a passing check with a note still passes. */
export type Status = 'pass' | 'info' | 'warn' | 'fail';

export interface Finding {
  status: Status;
  message: string;
  /** What to do about a warn/fail. */
  fix?: string;
  /** What the finding is about, when a check looks at several things (a binfmt entry, a target). */
  subject?: string;
  /** A finer id when one check reports several distinct problems (e.g. "binfmt/missing-f-flag"). */
  code?: string;
}

export interface Check<Facts> {
  /** Stable id, e.g. "qemu", "binfmt/flags", "linkage/static-required". */
  id: string;
  /** The worst status this check can report. */
  severity: 'warn' | 'fail';
  title: string;
  evaluate(facts: Facts): Finding[];
}

export interface CheckResult {
  id: string;
  title: string;
  /** Worst of the findings ('pass' when there are none). */
  status: Status;
  findings: Finding[];
}

const rank: Record<Status, number> = { info: 0, pass: 1, warn: 2, fail: 3 };

/** The worst of some statuses: only notes give `info`, none gives `pass`. */
export function worst(statuses: readonly Status[]): Status {
  return statuses.reduce<Status>((w, s) => (rank[s] > rank[w] ? s : w), statuses[0] ?? 'pass');
}

export function atLeast(status: Status, threshold: Status): boolean {
  return rank[status] >= rank[threshold];
}

/** Runs every check over the same facts; a check that throws is reported as failed, not thrown. */
export function runChecks<Facts>(checks: readonly Check<Facts>[], facts: Facts): CheckResult[] {
  return checks.map((check) => {
    let findings: Finding[];
    try {
      findings = check.evaluate(facts);
    } catch (error) {
      findings = [{ status: 'fail', message: `Cannot evaluate check ${check.id}: ${(error as Error)?.message ?? String(error)}` }];
    }
    return { id: check.id, title: check.title, status: worst(findings.map((f) => f.status)), findings };
  });
}

/** The overall verdict of a set of results. */
export function overall(results: readonly CheckResult[]): Status {
  return worst(results.map((r) => r.status));
}
