/** Install commands per package manager, for the fix line of a failing check. */
import type { PackageManager } from '../package-manager.ts';
import { archOf } from '../../platform/lookup.ts';

export function installCommand(pm: PackageManager | null, packages: readonly string[]): string {
  const list = packages.join(' ');
  switch (pm) {
    case 'apt':
      return `apt-get install -y ${list}`;
    case 'dnf':
      return `dnf install -y ${list}`;
    case 'yum':
      return `yum install -y ${list}`;
    case 'apk':
      return `apk add ${list}`;
    case 'zypper':
      return `zypper --non-interactive install ${list}`;
    default:
      return `install ${list}`;
  }
}

/** The package(s) that provide a cross C compiler with the target's libc, or null where the distro has none. */
export function crossCompilerPackages(pm: PackageManager | null, goarch: string): string[] | null {
  const cc = archOf(goarch)?.linuxCc;
  if (pm === 'apt') return cc?.debian ? [...cc.debian.packages] : null;
  if (pm === 'dnf' || pm === 'yum') return cc?.fedora ? [`gcc-${cc.fedora.triplet}`] : null;
  if (pm === 'zypper') return cc?.suse ? [...cc.suse] : null;
  return null;
}

export function qemuPackages(pm: PackageManager | null, qemuArch: string): string[] {
  if (pm === 'apk') return [`qemu-${qemuArch}`];
  if (pm === 'zypper') return ['qemu-linux-user'];
  return ['qemu-user-static'];
}
