import type { Check, Finding } from '../../../core/check.ts';
import type { HostFacts } from '../../facts.ts';

export const libcCheck: Check<HostFacts> = {
  id: 'libc',
  severity: 'warn',
  title: 'C library',
  evaluate(facts) {
    const l = facts.libc;
    if (!l) return [{ status: 'warn', message: 'no glibc or musl found under /lib*, /usr/lib*', fix: 'CGO builds need a C library: install libc6-dev / glibc-devel / musl-dev' }];
    const findings: Finding[] = [{ status: 'pass', message: `${l.libc} ${l.version ?? '(version unknown)'} (from ${l.source})` }];
    if (l.libc === 'glibc' && l.version) {
      findings.push({ status: 'info', message: `CGO binaries linked here need glibc >= ${l.version} on the target unless linked against an older sysroot or with zig cc` });
    }
    return findings;
  },
};
