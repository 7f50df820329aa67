import type { Check } from '../../../core/check.ts';
import type { HostFacts } from '../../facts.ts';

export const packageManagerCheck: Check<HostFacts> = {
  id: 'package-manager',
  severity: 'warn',
  title: 'Package manager',
  evaluate(facts) {
    if (!facts.packageManager) return [{ status: 'warn', message: 'no apt-get, dnf, yum, apk or zypper found: gocross setup cannot plan installs', fix: 'install the tools by hand' }];
    return [{ status: 'pass', message: `${facts.packageManager} ('gocross setup' prints the install plan)` }];
  },
};
