/** Go release versions ("go1.23.5", "go1.22rc1", "devel ...") as comparable numbers. */

export interface GoRelease {
  major: number;
  minor: number;
  patch: number;
}

/** Parses "go1.23.5" / "1.23" / "go1.22rc1"; a devel toolchain counts as newer than any release. */
export function parseGoVersion(version: string): GoRelease {
  const m = /(?:^|go)(\d+)\.(\d+)(?:\.(\d+))?/.exec(version);
  if (!m) return { major: 1, minor: 999, patch: 0 };
  return { major: Number(m[1]), minor: Number(m[2]), patch: Number(m[3] ?? 0) };
}

/** True when `version` is Go 1.`minor` or newer. */
export function atLeast(version: string, minor: number): boolean {
  const v = parseGoVersion(version);
  return v.major > 1 || (v.major === 1 && v.minor >= minor);
}
