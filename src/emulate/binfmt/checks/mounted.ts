import type { Check } from '../../../core/check.ts';
import type { BinfmtFacts } from '../facts.ts';

export const mountedCheck: Check<BinfmtFacts> = {
  id: 'binfmt/mounted',
  severity: 'fail',
  title: 'binfmt_misc is mounted',
  evaluate(facts) {
    if (facts.mounted) return [];
    return [{
      status: 'fail',
      code: 'not-mounted',
      message: `binfmt_misc is not mounted at ${facts.mount}: foreign binaries fail with "exec format error"`,
      fix: `mount -t binfmt_misc binfmt_misc ${facts.mount}  (systemd: systemctl start proc-sys-fs-binfmt_misc.mount)`,
    }];
  },
};
