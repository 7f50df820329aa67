import type { Check } from '../../../core/check.ts';
import type { BinfmtFacts } from '../facts.ts';

export const unreadableCheck: Check<BinfmtFacts> = {
  id: 'binfmt/unreadable',
  severity: 'warn',
  title: 'Every entry can be decoded',
  evaluate(facts) {
    return facts.unreadable.map((u) => ({ status: 'warn' as const, code: 'unreadable-entry', subject: u.name, message: `Cannot decode entry ${u.name}: ${u.error}`, fix: `cat ${facts.mount}/${u.name} to see it; echo -1 > ${facts.mount}/${u.name} removes it` }));
  },
};
