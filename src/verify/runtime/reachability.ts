/** Runtime check `reachability`: endpoints that must answer did, and endpoints that must not did not. */
import type { Check, Finding } from '../../core/check.ts';
import type { RuntimeFacts } from './facts.ts';

export function reachabilityCheck(): Check<RuntimeFacts> {
  return {
    id: 'runtime/reachability',
    severity: 'fail',
    title: 'Endpoints that must answer do; endpoints that must not, do not',
    evaluate(facts): Finding[] {
      return facts.reachability.map((p): Finding => {
        const ok = p.expect === 'answer' ? p.answered : !p.answered;
        const subject = p.endpoint;
        if (p.expect === 'answer') {
          return ok
            ? { status: 'pass', code: 'reachability/answers', subject, message: `${p.endpoint} answers (${p.detail})` }
            : { status: 'fail', code: 'reachability/answers', subject, message: `${p.endpoint} must answer but did not (${p.detail})` };
        }
        return ok
          ? { status: 'pass', code: 'reachability/unreachable', subject, message: `${p.endpoint} does not answer (${p.detail})` }
          : { status: 'fail', code: 'reachability/unreachable', subject, message: `${p.endpoint} must not answer from here but did (${p.detail})`, fix: 'block it with a network policy or firewall rule' };
      });
    },
  };
}
