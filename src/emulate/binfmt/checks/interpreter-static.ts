import type { Check } from '../../../core/check.ts';
import type { BinfmtFacts } from '../facts.ts';
import { entriesOf } from './entry.ts';

export const interpreterStaticCheck: Check<BinfmtFacts> = {
  id: 'binfmt/interpreter-static',
  severity: 'warn',
  title: 'QEMU interpreters are static',
  evaluate(facts) {
    return entriesOf(facts)
      .filter((x) => x.isQemu && x.interpreter.exists && x.interpreter.static === false)
      .map(({ entry: e }) => ({
        status: 'warn' as const,
        code: 'dynamic-interpreter',
        subject: e.name,
        message: `${e.name}: ${e.interpreter} is dynamically linked: inside a chroot or container without the host's libraries it cannot start, even with F`,
        fix: 'install qemu-user-static and re-register with gocross binfmt install --replace',
      }));
  },
};
