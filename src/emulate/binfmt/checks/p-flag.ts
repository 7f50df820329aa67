import type { Check, Finding } from '../../../core/check.ts';
import type { BinfmtFacts } from '../facts.ts';
import { preserveArgv0Support } from '../p-flag.ts';
import { entriesOf } from './entry.ts';

/** Without P argv[0] is lost; with P an interpreter that does not know it shifts argv. */
export const pFlagCheck: Check<BinfmtFacts> = {
  id: 'binfmt/p-flag',
  severity: 'fail',
  title: 'The P flag is set where it is supported',
  evaluate(facts) {
    return entriesOf(facts).flatMap(({ entry: e, interpreter, qemuArches, isQemu }): Finding[] => {
      if (!isQemu) return [];
      if (!e.flags.includes('P')) {
        return [{
          status: 'info',
          code: 'missing-P',
          subject: e.name,
          message: `${e.name} lacks the P flag: argv[0] is lost (programs see the full path instead of the name they were called by; busybox-style multi-call binaries break)`,
        }];
      }
      // An unknown QEMU version is not evidence of a problem.
      if (!interpreter.exists || !interpreter.qemuVersion) return [];
      const p = preserveArgv0Support(e.interpreter, interpreter.qemuVersion, facts.kernelRelease);
      if (p.supported) return [];
      return [{ status: 'fail', code: 'unsupported-P', subject: e.name, message: `${e.name} has the P flag but ${p.reason}`, fix: `gocross binfmt install ${qemuArches[0] ?? ''} --replace --flags F` }];
    });
  },
};
