import type { Check } from '../../../core/check.ts';
import type { HostFacts } from '../../facts.ts';
import { describeDifference } from '../../../lock/compare.ts';

export const lockCheck: Check<HostFacts> = {
  id: 'lock',
  severity: 'fail',
  title: 'gocross.lock',
  evaluate(facts) {
    if (facts.lockError) return [{ status: 'fail', message: facts.lockError, fix: "run 'gocross lock' to rewrite it" }];
    const l = facts.lock;
    if (!l || l.status === 'absent') {
      return [{ status: facts.lockRequired ? 'fail' : 'info', message: 'no gocross.lock: tool versions are not locked', fix: "run 'gocross lock' after verifying a build" }];
    }
    if (l.status === 'match') return [{ status: 'pass', message: `host matches ${l.path}` }];
    return l.differences.map((d) => ({ status: facts.lockRequired ? 'fail' as const : 'warn' as const, message: describeDifference(d), fix: "install the locked version, or run 'gocross lock' to accept this host's" }));
  },
};
