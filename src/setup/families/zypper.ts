/** openSUSE / SLES: zypper. qemu-linux-user holds every user-mode emulator; cross gcc has no target glibc. */
import { archOf } from '../../platform/lookup.ts';
import type { FamilyPlan, Needs, PlanInput } from '../types.ts';

export function planZypper(input: PlanInput, needs: Needs): FamilyPlan {
  const notes: string[] = [];
  const packages = ['go', 'binutils', 'file'];
  if (needs.qemu.length > 0) packages.push('qemu-linux-user');
  for (const goarch of needs.cc) {
    if (goarch === input.hostGoarch) packages.push('gcc', 'glibc-devel');
    else {
      packages.push(...(archOf(goarch)?.linuxCc?.suse ?? []));
    }
  }
  if (needs.cc.some((g) => g !== input.hostGoarch)) notes.push("openSUSE's cross-<arch>-gcc has no target glibc: CGO cross builds need zig cc or a sysroot");
  packages.push(...(input.extra ?? []));
  const unique = [...new Set(packages)];
  return {
    steps: [
      { kind: 'refresh', description: 'refresh repositories', command: ['zypper', '--non-interactive', 'refresh'] },
      { kind: 'install', description: 'install packages', command: ['zypper', '--non-interactive', 'install', '--no-recommends', ...unique], packages: unique },
    ],
    notes,
  };
}
