import type { Check, Finding } from '../../../core/check.ts';
import type { HostFacts } from '../../facts.ts';
import { installCommand } from '../fixes.ts';

export const goToolchainsCheck: Check<HostFacts> = {
  id: 'go',
  severity: 'fail',
  title: 'Go toolchains',
  evaluate(facts) {
    const go = facts.go;
    const findings: Finding[] = [];
    const pkg = facts.packageManager === 'apk' || facts.packageManager === 'zypper' ? 'go' : facts.packageManager === 'apt' ? 'golang-go' : 'golang';
    if (go.toolchains.length === 0) {
      if (go.onPath) findings.push({ status: 'info', message: `go found at ${go.onPath} (not run: reading a root other than this machine's)` });
      else findings.push({ status: 'fail', message: 'no Go toolchain on PATH, $GOROOT or /usr/lib/go-*', fix: `${installCommand(facts.packageManager, [pkg])}, or run 'gocross setup'` });
    }
    for (const t of go.toolchains) findings.push({ status: 'pass', message: `${t.version} at ${t.goroot} (${t.source})` });
    if (go.userGo && !go.userGo.ok) {
      findings.push({ status: 'fail', message: `\`go version\` fails for this user: ${go.userGo.output}`, fix: go.goenvGoroot ? `go env -u GOROOT (it is set in ${go.userGoenvPath})` : 'check GOROOT and the GOENV file (go env GOENV)' });
    }
    return findings;
  },
};
