import type { Check } from '../../../core/check.ts';
import type { BinfmtFacts } from '../facts.ts';

export const entryEnabledCheck: Check<BinfmtFacts> = {
  id: 'binfmt/entry-enabled',
  severity: 'warn',
  title: 'Entries are enabled',
  evaluate(facts) {
    return facts.entries
      .filter((e) => !e.enabled)
      .map((e) => ({ status: 'warn' as const, code: 'entry-disabled', subject: e.name, message: `${e.name} is disabled: its binaries are not run`, fix: `echo 1 > ${facts.mount}/${e.name}` }));
  },
};
