/** Which package manager the host uses: the program present under the root, else the distro family's. */
import { exists, under, type HostRoot } from './root.ts';
import { osFamily, type OsRelease } from './os-release.ts';

export type PackageManager = 'apt' | 'dnf' | 'yum' | 'apk' | 'zypper';

const programs: Array<[PackageManager, string[]]> = [
  ['apt', ['/usr/bin/apt-get']],
  ['dnf', ['/usr/bin/dnf', '/usr/bin/dnf5']],
  ['yum', ['/usr/bin/yum']],
  ['apk', ['/sbin/apk', '/usr/sbin/apk', '/bin/apk']],
  ['zypper', ['/usr/bin/zypper']],
];

/** The family's package manager: what a fixture tree without binaries still tells us. */
function packageManagerOf(os: OsRelease): PackageManager | null {
  switch (osFamily(os)) {
    case 'debian':
    case 'ubuntu':
      return 'apt';
    case 'rhel':
      return os.versionId.startsWith('7') ? 'yum' : 'dnf';
    case 'fedora':
      return 'dnf';
    case 'amazon':
      return os.versionId === '2' ? 'yum' : 'dnf';
    case 'alpine':
      return 'apk';
    case 'suse':
      return 'zypper';
    default:
      return null;
  }
}

export async function detectPackageManager(host: HostRoot, os: OsRelease | null): Promise<PackageManager | null> {
  const fromOs = os ? packageManagerOf(os) : null;
  // EL8+ also ships a yum symlink to dnf: prefer what the family says when that program exists.
  if (fromOs) for (const [pm, paths] of programs) if (pm === fromOs) for (const p of paths) if (await exists(under(host, p))) return pm;
  for (const [pm, paths] of programs) for (const p of paths) if (await exists(under(host, p))) return pm;
  return fromOs;
}
