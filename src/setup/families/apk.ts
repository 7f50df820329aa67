/**
 * Alpine: apk. QEMU comes per arch (qemu-aarch64, qemu-arm…, community repo). Alpine packages no
 * cross gcc with a target libc, so CGO cross builds need zig cc; native CGO needs gcc + musl-dev.
 */
import { qemuTargetOf } from '../../platform/lookup.ts';
import type { FamilyPlan, Needs, PlanInput } from '../types.ts';

export function planApk(input: PlanInput, needs: Needs): FamilyPlan {
  const notes: string[] = [];
  const packages = ['go', 'binutils', 'file'];
  for (const goarch of needs.qemu) {
    const q = qemuTargetOf(goarch);
    if (q) packages.push(`qemu-${q.qemuArch}`);
  }
  if (needs.cc.includes(input.hostGoarch)) packages.push('gcc', 'musl-dev');
  const foreign = needs.cc.filter((g) => g !== input.hostGoarch);
  if (foreign.length > 0) notes.push(`Alpine has no cross gcc with a target libc for ${foreign.map((g) => `linux/${g}`).join(', ')}: CGO there needs zig cc (apk add zig, community) or CGO_ENABLED=0`);
  notes.push('Alpine builds link against musl: CGO binaries made here need musl (or gcompat) on the target');
  packages.push(...(input.extra ?? []));
  const unique = [...new Set(packages)];
  return {
    steps: [
      { kind: 'refresh', description: 'refresh package index', command: ['apk', 'update'] },
      { kind: 'install', description: 'install packages', command: ['apk', 'add', ...unique], packages: unique },
    ],
    notes,
  };
}
