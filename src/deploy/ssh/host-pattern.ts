/**
 * OpenSSH's host patterns (ssh_config(5) PATTERNS, used by known_hosts): a comma-separated list of
 * patterns where `*` matches any run of characters, `?` exactly one, and `!pattern` excludes. A
 * name matches the list when some positive pattern matches and no negated one does; names and
 * patterns compare case-insensitively (OpenSSH's match_hostname).
 */

export function matchesHostPatterns(name: string, patternList: string): boolean {
  const lower = name.toLowerCase();
  let positive = false;
  for (const raw of patternList.split(',')) {
    const negated = raw.startsWith('!');
    const pattern = (negated ? raw.slice(1) : raw).toLowerCase();
    if (!matchesPattern(lower, pattern)) continue;
    if (negated) return false;
    positive = true;
  }
  return positive;
}

/** Glob match with `*` and `?` only, iteratively with one backtrack point (no exponential blow-up). */
export function matchesPattern(text: string, pattern: string): boolean {
  let t = 0;
  let p = 0;
  let starP = -1;
  let starT = 0;
  while (t < text.length) {
    const pc = pattern[p];
    if (pc === '*') {
      starP = p++;
      starT = t;
    } else if (pc !== undefined && (pc === '?' || pc === text[t])) {
      p++;
      t++;
    } else if (starP >= 0) {
      p = starP + 1;
      t = ++starT;
    } else {
      return false;
    }
  }
  while (pattern[p] === '*') p++;
  return p === pattern.length;
}
