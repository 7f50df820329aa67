import type { Check } from '../../../core/check.ts';
import type { BinfmtFacts } from '../facts.ts';
import { findOverlaps } from '../match.ts';

/** Two enabled entries that can claim the same file: only the newer one is ever used for it. */
export const overlapCheck: Check<BinfmtFacts> = {
  id: 'binfmt/overlap',
  severity: 'warn',
  title: 'No two entries claim the same binaries',
  evaluate(facts) {
    return findOverlaps(facts.entries.filter((e) => e.enabled)).map((o) => ({
      status: 'warn' as const,
      code: 'overlap',
      subject: o.older,
      message: `${o.older} and ${o.newer} claim the same binaries (magic & mask overlap); the newer registration (probably ${o.newer}) wins`,
      fix: `remove the one you do not want: gocross binfmt uninstall <name>`,
    }));
  },
};
