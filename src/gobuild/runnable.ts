/**
 * Whether this host can run a target's binaries: natively, under qemu-user, or under Wine.
 * A first answer from PATH; the emulation feature gives the full one (binfmt, sysroots).
 */
import { existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { qemuTargetOf } from '../platform/lookup.ts';
import type { TargetInfo } from '../platform/target.ts';

export type RunMode = 'native' | 'qemu' | 'wine' | null;

export function runMode(target: Pick<TargetInfo, 'goos' | 'goarch'>, host: { goos: string; goarch: string }, onPath: (name: string) => boolean): RunMode {
  if (target.goos === host.goos && target.goarch === host.goarch) return 'native';
  const q = qemuTargetOf(target.goarch)?.qemuArch;
  if (target.goos === 'linux' && host.goos === 'linux' && q && (onPath(`qemu-${q}-static`) || onPath(`qemu-${q}`))) return 'qemu';
  if (target.goos === 'windows' && host.goos === 'linux' && (target.goarch === 'amd64' || target.goarch === '386') && (onPath('wine') || onPath('wine64'))) return 'wine';
  return null;
}

export function pathLookup(env: NodeJS.ProcessEnv = process.env): (name: string) => boolean {
  const dirs = (env.PATH ?? '').split(delimiter).filter(Boolean);
  return (name) => dirs.some((d) => existsSync(join(d, name)));
}
