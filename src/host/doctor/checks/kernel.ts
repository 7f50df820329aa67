import type { Check } from '../../../core/check.ts';
import type { HostFacts } from '../../facts.ts';
import { compareVersions } from '../../../compat/version.ts';

export const kernelCheck: Check<HostFacts> = {
  id: 'kernel',
  severity: 'fail',
  title: 'Kernel',
  evaluate(facts) {
    const k = facts.kernel;
    if (!k) return [{ status: 'warn', message: 'cannot read /proc/sys/kernel/osrelease', fix: 'mount /proc' }];
    if (compareVersions(k.version, '2.6.32') < 0) return [{ status: 'fail', message: `Linux ${k.release}: too old for any supported Go toolchain (2.6.32+)`, fix: 'build on a newer host' }];
    if (compareVersions(k.version, '3.2') < 0) return [{ status: 'warn', message: `Linux ${k.release}: Go 1.24+ toolchains need kernel 3.2`, fix: 'use Go <= 1.23 here, or build on a newer host' }];
    return [{ status: 'pass', message: `Linux ${k.release}` }];
  },
};
