import type { Check } from '../../../core/check.ts';
import type { BinfmtFacts } from '../facts.ts';

export const enabledCheck: Check<BinfmtFacts> = {
  id: 'binfmt/enabled',
  severity: 'fail',
  title: 'binfmt_misc is enabled',
  evaluate(facts) {
    if (facts.enabled !== false) return [];
    return [{ status: 'fail', code: 'disabled', message: 'binfmt_misc is disabled: no entry is used', fix: `echo 1 > ${facts.mount}/status` }];
  },
};
