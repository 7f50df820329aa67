/**
 * RHEL-family (CentOS 7 via yum; RHEL/Rocky/Alma 8, 9, 10, Fedora, Amazon Linux via dnf).
 * On EL, qemu-user-static and the gcc-<triplet> cross compilers come from EPEL (which wants
 * CRB/PowerTools enabled). Those cross compilers ship no target glibc, so CGO cross builds there
 * need zig cc or a sysroot of the target; pure-Go (CGO_ENABLED=0) cross builds need neither.
 */
import { archOf } from '../../platform/lookup.ts';
import type { FamilyPlan, Needs, PlanInput, SetupStep } from '../types.ts';

export function planDnf(input: PlanInput, needs: Needs): FamilyPlan {
  const pm = input.packageManager === 'yum' ? 'yum' : 'dnf';
  const major = input.versionId.split('.')[0] ?? '';
  const isEl = input.family === 'rhel';
  const isAmazon = input.family === 'amazon';
  const steps: SetupStep[] = [];
  const notes: string[] = [];
  const foreignCc = needs.cc.filter((g) => g !== input.hostGoarch);
  const needsEpel = isEl && (needs.qemu.length > 0 || foreignCc.length > 0 || major === '7');
  if (needsEpel) {
    const epel = input.osId === 'rhel'
      ? [`https://dl.fedoraproject.org/pub/epel/epel-release-latest-${major}.noarch.rpm`]
      : ['epel-release'];
    steps.push({ kind: 'install', description: 'enable EPEL (qemu-user-static, cross gcc)', command: [pm, 'install', '-y', ...epel], packages: ['epel-release'] });
    const crb = major === '8' ? 'powertools' : major === '9' || major === '10' ? 'crb' : null;
    if (crb && input.osId !== 'rhel') {
      steps.push({ kind: 'repo', description: `enable ${crb} (EPEL dependencies)`, command: ['dnf', 'config-manager', '--set-enabled', crb] });
    }
    if (input.osId === 'rhel' && crb) notes.push(`RHEL: enable CodeReady Builder for EPEL: subscription-manager repos --enable codeready-builder-for-rhel-${major}-$(arch)-rpms`);
  }
  if (major === '7' && isEl) notes.push('CentOS 7 is end of life: point yum at vault.centos.org first; its EPEL golang is old, prefer a go.dev/dl tarball');
  const packages = ['golang', 'binutils', 'file'];
  if (needs.qemu.length > 0) {
    if (isAmazon) notes.push('Amazon Linux does not package qemu-user-static: use a static QEMU build or run on the target arch');
    else packages.push('qemu-user-static');
  }
  for (const goarch of needs.cc) {
    if (goarch === input.hostGoarch) {
      packages.push('gcc', 'glibc-devel');
      continue;
    }
    const fedora = archOf(goarch)?.linuxCc?.fedora;
    if (!fedora || isAmazon) {
      notes.push(`no packaged cross compiler for linux/${goarch} here: CGO needs zig cc (ziglang.org) or a sysroot`);
      continue;
    }
    packages.push(...fedora.packages);
  }
  if (foreignCc.length > 0 && !isAmazon) {
    notes.push(`gcc-<triplet> on ${isEl ? 'EL' : 'Fedora'} has no target glibc (kernel/firmware builds only): CGO cross builds need zig cc (CC="zig cc -target aarch64-linux-gnu.2.17") or --sysroot of the target; CGO_ENABLED=0 builds need nothing`);
  }
  packages.push(...(input.extra ?? []));
  steps.push({ kind: 'install', description: 'install packages', command: [pm, 'install', '-y', ...new Set(packages)], packages: [...new Set(packages)] });
  return { steps, notes };
}
