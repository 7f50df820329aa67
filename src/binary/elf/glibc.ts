/** The oldest glibc that can load a binary: the highest GLIBC_x.y among its version needs (pure). */
import type { VersionNeed } from '../types.ts';

const GLIBC = /^GLIBC_(\d+(?:\.\d+)*)$/;

/** Numeric comparison of dotted versions: 2.9 < 2.17 < 2.34. */
export function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

export function requiredGlibc(needs: VersionNeed[]): string | null {
  let best: string | null = null;
  for (const need of needs) {
    for (const v of need.versions) {
      const m = GLIBC.exec(v);
      if (m && (best === null || compareVersions(m[1]!, best) > 0)) best = m[1]!;
    }
  }
  return best;
}
