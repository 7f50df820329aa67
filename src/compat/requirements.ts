/** What a binary needs from any target, read off its BinaryInfo (pure). */
import type { BinaryInfo } from '../binary/types.ts';
import { binaryArch, binaryOs, buildSetting } from './arch.ts';
import { cpuSettingOf, x86IsaLevel } from './cpu-levels.ts';
import { goMinKernel, goMinMacos, goMinWindows } from './go-minimums.ts';
import { interpreterLibc } from './interpreters.ts';
import type { Requirements } from './types.ts';
import { goRelease, maxVersion } from './version.ts';

/** Highest `PREFIX_x.y` version needed from any library (GLIBC_, GLIBCXX_). */
function highestVersionNeed(info: BinaryInfo, prefix: string): string | null {
  const found: string[] = [];
  for (const need of info.versionNeeds) {
    for (const v of need.versions) if (v.startsWith(`${prefix}_`) && /\d/.test(v.charAt(prefix.length + 1))) found.push(v.slice(prefix.length + 1));
  }
  return maxVersion(found);
}

export function requirementsOf(info: BinaryInfo): Requirements {
  const os = binaryOs(info);
  const arch = binaryArch(info);
  const release = info.go ? goRelease(info.go.version) : null;
  const setting = arch ? cpuSettingOf[arch] : undefined;
  const level = setting ? buildSetting(info, setting) : undefined;
  let libc: Requirements['libc'] = 'unknown';
  if (os === 'linux') {
    if (info.interpreter) {
      const l = interpreterLibc(info.interpreter);
      libc = l === 'other' ? 'unknown' : l;
    } else if (info.linkage !== 'dynamic') libc = 'none';
  }
  return {
    os,
    arch,
    endian: info.endian,
    libc,
    interpreter: info.interpreter,
    glibc: info.requiredGlibc ?? highestVersionNeed(info, 'GLIBC'),
    glibcxx: highestVersionNeed(info, 'GLIBCXX'),
    kernel: os === 'linux' && release ? goMinKernel(release, arch) : null,
    osVersion: release ? (os === 'darwin' ? goMinMacos(release) : os === 'windows' ? goMinWindows(release) : null) : null,
    cpu: setting && level ? { setting, level } : null,
    x86IsaLevel: arch === 'amd64' ? x86IsaLevel(info.gnuProperties) : null,
    goVersion: info.go?.version ?? null,
  };
}
