import type { Check, Finding } from '../../../core/check.ts';
import type { BinfmtFacts } from '../facts.ts';
import { entriesOf } from './entry.ts';

/** An entry whose interpreter is gone: with F the kernel still holds it open; without F exec fails. */
export const interpreterExistsCheck: Check<BinfmtFacts> = {
  id: 'binfmt/interpreter-exists',
  severity: 'fail',
  title: 'Interpreters exist',
  evaluate(facts) {
    return entriesOf(facts).flatMap(({ entry: e, interpreter, isQemu }): Finding[] => {
      if (interpreter.exists) return [];
      if (e.flags.includes('F')) {
        return [{
          status: 'warn',
          code: 'stale-interpreter',
          subject: e.name,
          message: `${e.name}: interpreter ${e.interpreter} no longer exists; the F flag keeps the opened file working until the entry is re-registered or the host reboots`,
          fix: `reinstall the interpreter (qemu-user-static), then gocross binfmt install --replace`,
        }];
      }
      return [{
        status: 'fail',
        code: 'stale-interpreter',
        subject: e.name,
        message: `${e.name}: interpreter ${e.interpreter} does not exist: its binaries fail with "No such file or directory"`,
        fix: isQemu ? `install qemu-user-static, then gocross binfmt install --replace (or remove it: gocross binfmt uninstall ${e.name})` : `echo -1 > ${facts.mount}/${e.name}`,
      }];
    });
  },
};
