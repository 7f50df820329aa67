/** The plan input from what the host says about itself (os-release, package manager, arch). */
import { hostGoarch } from '../platform/lookup.ts';
import { osFamily, readOsRelease } from '../host/os-release.ts';
import { detectPackageManager } from '../host/package-manager.ts';
import { hostRoot } from '../host/root.ts';
import type { Target } from '../platform/target.ts';
import type { PlanInput } from './types.ts';
import { GocrossError } from '../core/errors.ts';

/** A `usage` error: the root given (or this host) has no package manager to plan for. */
export class SetupError extends GocrossError {
  constructor(message: string) {
    super('usage', message);
  }
}

export async function planInputFromHost(options: { root?: string; targets: Target[]; cgo?: boolean; extra?: string[]; hostGoarch?: string }): Promise<PlanInput> {
  const host = hostRoot(options.root ?? '/');
  const os = await readOsRelease(host);
  const pm = await detectPackageManager(host, os);
  if (!pm) throw new SetupError(`Cannot plan setup: no apt-get, dnf, yum, apk or zypper under ${host.root} (install Go, binutils and qemu-user-static by hand)`);
  return {
    family: os ? osFamily(os) : 'other',
    osId: os?.id ?? 'linux',
    versionId: os?.versionId ?? '',
    codename: os?.versionCodename ?? null,
    packageManager: pm,
    hostGoarch: options.hostGoarch ?? hostGoarch(),
    targets: options.targets,
    cgo: options.cgo,
    extra: options.extra,
  };
}
