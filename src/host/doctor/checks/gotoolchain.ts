import type { Check } from '../../../core/check.ts';
import type { HostFacts } from '../../facts.ts';

/** GOTOOLCHAIN=auto makes go download a newer toolchain when go.mod asks for one: fails offline. */
export const goToolchainSettingCheck: Check<HostFacts> = {
  id: 'gotoolchain',
  severity: 'warn',
  title: 'GOTOOLCHAIN',
  evaluate(facts) {
    const traps = facts.go.traps.filter((t) => t.id === 'gotoolchain-auto');
    if (traps.length === 0) return [{ status: 'pass', message: 'GOTOOLCHAIN is local or unset: builds use the installed Go' }];
    return traps.map((t) => ({ status: 'warn' as const, message: t.message, fix: 'export GOTOOLCHAIN=local (or go env -w GOTOOLCHAIN=local) for hermetic offline builds' }));
  },
};
