import type { Check } from '../../../core/check.ts';
import type { HostFacts } from '../../facts.ts';
import { installCommand } from '../fixes.ts';

export const binutilsCheck: Check<HostFacts> = {
  id: 'binutils',
  severity: 'warn',
  title: 'binutils',
  evaluate(facts) {
    const b = facts.binutils;
    if (!b) return [{ status: 'warn', message: 'readelf not found: strip/objcopy steps and readelf cross-checks are unavailable', fix: installCommand(facts.packageManager, ['binutils']) }];
    return [{ status: 'pass', message: b.version ? `binutils ${b.version} (${b.path})` : `readelf at ${b.path} (version not asked)` }];
  },
};
