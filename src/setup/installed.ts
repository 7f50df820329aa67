/** Is a package installed, can it be installed? Asked of the host's package database. */
import { run } from '../process/run.ts';
import { basename } from 'node:path';
import type { PackageManager } from '../host/package-manager.ts';
import type { SetupPlan } from './types.ts';

/** The package names of an install step, as the package database knows them (epel-release for its URL). */
export function packageName(pkg: string): string {
  return pkg.startsWith('http') ? basename(pkg).replace(/-latest-\d+\.noarch\.rpm$/, '') : pkg;
}

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

/** The packages of the plan's install steps that this host (root /) already has, as the plan writes them. */
export async function installedPackages(plan: SetupPlan): Promise<Set<string>> {
  const installed = new Set<string>();
  for (const step of plan.steps) {
    for (const pkg of step.packages ?? []) if (await isInstalled(plan.packageManager, packageName(pkg))) installed.add(pkg);
  }
  return installed;
}
