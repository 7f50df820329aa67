import type { Check } from '../../../core/check.ts';
import type { BinfmtFacts } from '../facts.ts';
import { entriesOf } from './entry.ts';

export const hostArchCheck: Check<BinfmtFacts> = {
  id: 'binfmt/host-arch',
  severity: 'fail',
  title: "No entry claims the host's own binaries",
  evaluate(facts) {
    return entriesOf(facts)
      .filter((x) => x.goarches.includes(facts.hostGoarch))
      .map(({ entry: e }) => ({
        status: 'fail' as const,
        code: 'claims-host-arch',
        subject: e.name,
        message: `${e.name} claims ${facts.hostGoarch} binaries, the host's own: every native program would start under QEMU`,
        fix: `gocross binfmt uninstall ${e.name}`,
      }));
  },
};
