/** Dotted version numbers ("2.34", "5.14.0", "v8.1") compared numerically, part by part. */

/** The numeric parts of a version, ignoring a leading "v"/"go" and anything after the numbers. */
function versionParts(version: string): number[] {
  const match = /^(?:go|v)?(\d+(?:\.\d+)*)/.exec(version.trim());
  if (!match?.[1]) return [];
  return match[1].split('.').map(Number);
}

export function isVersion(version: string): boolean {
  return versionParts(version).length > 0;
}

/** <0, 0 or >0 like a sort comparator; missing parts count as 0 (so "3.2" == "3.2.0"). */
export function compareVersions(a: string, b: string): number {
  const pa = versionParts(a);
  const pb = versionParts(b);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

export function maxVersion(versions: readonly string[]): string | null {
  let best: string | null = null;
  for (const v of versions) if (best === null || compareVersions(v, best) > 0) best = v;
  return best;
}

/** "go1.23.5" → "1.23" (major.minor of a Go release), or null when it is not a release version (devel…). */
export function goRelease(goVersion: string): string | null {
  const m = /^go(\d+)\.(\d+)/.exec(goVersion);
  return m ? `${m[1]}.${m[2]}` : null;
}
