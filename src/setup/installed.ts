/** Is a package installed, can it be installed? Asked of the host's package database. */
import { run } from '../process/run.ts';
import type { PackageManager } from '../host/package-manager.ts';

async function succeeds(command: string, args: string[]): Promise<{ ok: boolean; stdout: string }> {
  const r = await run(command, args, { reject: false, timeoutMs: 60_000, env: { ...process.env, LC_ALL: 'C' } }).catch(() => null);
  return { ok: r?.exitCode === 0, stdout: r?.stdout ?? '' };
}

export async function isInstalled(pm: PackageManager, pkg: string): Promise<boolean> {
  switch (pm) {
    case 'apt': {
      const r = await succeeds('dpkg-query', ['-W', '-f=${Status}', pkg]);
      return r.ok && r.stdout.includes('install ok installed');
    }
    case 'dnf':
    case 'yum':
    case 'zypper':
      // epel-release may be given as its URL on RHEL; rpm -q takes the package name.
      return (await succeeds('rpm', ['-q', '--whatprovides', pkg])).ok;
    case 'apk':
      return (await succeeds('apk', ['info', '-e', pkg])).ok;
  }
}

/** apt only: does the package list know a candidate version (else `apt-get update` is needed)? */
export async function hasCandidate(pkg: string): Promise<boolean> {
  const r = await succeeds('apt-cache', ['policy', pkg]);
  const m = /Candidate:\s*(\S+)/.exec(r.stdout);
  return Boolean(m && m[1] !== '(none)');
}
