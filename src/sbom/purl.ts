/**
 * Package URLs for Go modules (purl-spec, type `golang`): `pkg:golang/<namespace>/<name>@<version>`.
 * The golang type definition says namespace and name are case-insensitive and must be lowercased;
 * each segment and the version are percent-encoded (only A-Z a-z 0-9 . - _ ~ stay as they are, so
 * `+incompatible` becomes `%2Bincompatible`). Unknown versions (`(devel)`, empty) are left out.
 */

function encode(segment: string): string {
  let out = '';
  for (const byte of new TextEncoder().encode(segment)) {
    const c = String.fromCharCode(byte);
    out += /[A-Za-z0-9._~-]/.test(c) ? c : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

export function isKnownVersion(version: string | null | undefined): version is string {
  return Boolean(version) && version !== '(devel)';
}

/**
 * purl of a Go module path and version. Qualifiers (e.g. goos/goarch of a built binary, as
 * cyclonedx-gomod writes them) are sorted by key, as purl-spec's canonical form requires.
 */
export function golangPurl(modulePath: string, version: string | null | undefined, qualifiers: Record<string, string> = {}): string {
  const segments = modulePath.toLowerCase().split('/').filter((s) => s.length > 0).map(encode);
  const base = `pkg:golang/${segments.join('/')}`;
  const versioned = isKnownVersion(version) ? `${base}@${encode(version)}` : base;
  const pairs = Object.entries(qualifiers).filter(([, v]) => v !== '').sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return pairs.length > 0 ? `${versioned}?${pairs.map(([k, v]) => `${k.toLowerCase()}=${encode(v)}`).join('&')}` : versioned;
}

/** purl of the Go standard library for a toolchain version such as `go1.23.5`. */
export function stdlibPurl(goVersion: string): string {
  return `pkg:golang/stdlib@${encode(stdlibVersion(goVersion))}`;
}

/** `go1.23.5` → `1.23.5`; experiment suffixes (`go1.23.5 X:nocoverageredesign`) are dropped. */
export function stdlibVersion(goVersion: string): string {
  return goVersion.split(/\s+/)[0]!.replace(/^go/, '');
}
