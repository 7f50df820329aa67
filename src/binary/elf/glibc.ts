/** The oldest glibc that can load a binary: the highest GLIBC_x.y among its version needs (pure). */
import type { VersionNeed } from '../types.ts';

const GLIBC = /^GLIBC_(\d+(?:\.\d+)*)$/;

function parts(version: string): number[] {
  return version.split('.').map(Number);
}

function compareParts(pa: readonly number[], pb: readonly number[]): number {
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/** Numeric comparison of dotted versions: 2.9 < 2.17 < 2.34. */
export function compareVersions(a: string, b: string): number {
  return compareParts(parts(a), parts(b));
}

export function requiredGlibc(needs: VersionNeed[]): string | null {
  let best: string | null = null;
  // The best so far, split once: every file has a few dozen versions to compare with it.
  let bestParts: number[] = [];
  for (const need of needs) {
    for (const v of need.versions) {
      const m = GLIBC.exec(v);
      if (!m) continue;
      const candidate = parts(m[1]!);
      if (best === null || compareParts(candidate, bestParts) > 0) {
        best = m[1]!;
        bestParts = candidate;
      }
    }
  }
  return best;
}
