import type { Check, Finding } from '../../../core/check.ts';
import type { HostFacts } from '../../facts.ts';
import { compareVersions } from '../../../compat/version.ts';
import { installCommand, qemuPackages } from '../fixes.ts';

export const qemuCheck: Check<HostFacts> = {
  id: 'qemu',
  severity: 'warn',
  title: 'QEMU user-mode emulators',
  evaluate(facts) {
    const findings: Finding[] = [];
    for (const q of facts.qemu) {
      if (!q.qemuArch) {
        findings.push({ status: 'info', message: `linux/${q.goarch}: QEMU has no user-mode emulator for it` });
      } else if (!q.path) {
        findings.push({ status: 'warn', message: `linux/${q.goarch}: no qemu-${q.qemuArch}-static or qemu-${q.qemuArch}: foreign binaries cannot be run or verified`, fix: installCommand(facts.packageManager, qemuPackages(facts.packageManager, q.qemuArch)) });
      } else if (q.version && compareVersions(q.version, '7.1') < 0) {
        // Go wiki MinimumRequirements: "QEMU versions prior to 7.1.0 have known issues".
        findings.push({ status: 'warn', message: `linux/${q.goarch}: ${q.path} is QEMU ${q.version}; versions before 7.1 have known issues with Go binaries`, fix: 'install a newer qemu-user-static (e.g. from backports)' });
      } else {
        findings.push({ status: 'pass', message: `linux/${q.goarch}: ${q.path}${q.version ? ` (QEMU ${q.version})` : ''}` });
      }
    }
    if (findings.length === 0) findings.push({ status: 'pass', message: 'no foreign Linux targets requested' });
    return findings;
  },
};
