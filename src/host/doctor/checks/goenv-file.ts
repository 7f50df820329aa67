import type { Check, Finding } from '../../../core/check.ts';
import type { HostFacts } from '../../facts.ts';

/** Settings in the user's GOENV file (written by `go env -w`) that break or silently retarget go commands. */
export const goenvFileCheck: Check<HostFacts> = {
  id: 'goenv',
  severity: 'fail',
  title: 'GOENV file',
  evaluate(facts) {
    const go = facts.go;
    if (!go.userGoenvPath) return [{ status: 'pass', message: 'GOENV=off: no user go env file applies' }];
    if (!go.userGoenv) return [{ status: 'pass', message: `no ${go.userGoenvPath}` }];
    const findings: Finding[] = [];
    if (go.goenvGoroot && !go.goenvGoroot.exists) {
      findings.push({ status: 'fail', message: `${go.userGoenvPath} sets GOROOT=${go.goenvGoroot.value}, which has no bin/: every go command of this user fails`, fix: 'go env -u GOROOT (or delete the line from that file)' });
    }
    for (const trap of go.traps) {
      if (trap.id === 'gotoolchain-auto' || trap.id === 'user-goenv-used') continue;
      if (trap.id === 'goroot-in-goenv' && go.goenvGoroot && !go.goenvGoroot.exists) continue;
      findings.push({ status: 'warn', message: trap.message, fix: trap.variable === 'GOFLAGS' || trap.id === 'target-in-env' ? `go env -u ${trap.variable}` : undefined });
    }
    if (findings.length === 0) findings.push({ status: 'pass', message: `${go.userGoenvPath}: ${Object.keys(go.userGoenv).join(', ') || 'empty'}` });
    return findings;
  },
};
