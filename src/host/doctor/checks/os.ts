import type { Check, Finding } from '../../../core/check.ts';
import type { HostFacts } from '../../facts.ts';
import { compatProfileId, osFamily } from '../../os-release.ts';

/** Releases whose mirrors moved to vault: installs need a repo change first. */
const endOfLife: Record<string, string> = { centos7: 'CentOS 7 reached end of life in June 2024', centos8: 'CentOS Linux 8 reached end of life in December 2021' };

export const osCheck: Check<HostFacts> = {
  id: 'os',
  severity: 'warn',
  title: 'Operating system',
  evaluate(facts) {
    const os = facts.os;
    if (!os) return [{ status: 'warn', message: 'no /etc/os-release or /usr/lib/os-release: cannot tell the distro', fix: 'pass --targets to setup explicitly; gocross assumes a generic Linux' }];
    const family = osFamily(os);
    const profile = compatProfileId(os);
    const findings: Finding[] = [{ status: 'pass', message: `${os.prettyName} (id ${os.id}, version ${os.versionId || '?'}, family ${family}${profile ? `, compat profile ${profile}` : ''})` }];
    const eol = os.id === 'centos' ? endOfLife[`centos${os.versionId.split('.')[0]}`] : undefined;
    if (eol) findings.push({ status: 'warn', message: `${eol}: its package mirrors moved to vault.centos.org`, fix: 'point the yum repos at vault.centos.org, or move the build host to Rocky/Alma 9' });
    if (family === 'other') findings.push({ status: 'warn', message: `unknown distro family for ${os.id}: setup cannot plan packages`, fix: 'install Go, binutils and qemu-user-static with the system package manager' });
    return findings;
  },
};
