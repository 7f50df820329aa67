import type { Check } from '../../../core/check.ts';
import type { BinfmtFacts } from '../facts.ts';
import { entriesOf } from './entry.ts';

/** Without F the interpreter is looked up at exec time, in whatever mount namespace execs. */
export const fFlagCheck: Check<BinfmtFacts> = {
  id: 'binfmt/f-flag',
  severity: 'warn',
  title: 'QEMU entries have the F flag',
  evaluate(facts) {
    return entriesOf(facts)
      .filter((x) => x.isQemu && !x.entry.flags.includes('F'))
      .map(({ entry: e, qemuArches }) => ({
        status: 'warn' as const,
        code: 'missing-F',
        subject: e.name,
        message: `${e.name} lacks the F flag: the kernel looks up ${e.interpreter} at exec time in the caller's mount namespace, so binaries fail with "No such file or directory" inside containers and chroots that do not contain it`,
        fix: `gocross binfmt install ${qemuArches[0] ?? ''} --replace`.replace('  ', ' '),
      }));
  },
};
