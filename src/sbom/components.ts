/**
 * What an SBOM says about a Go binary, independent of the output format: the binary, its main
 * module, every dependency (replacements resolved as syft does: the replacement's path and version
 * unless the replacement is a local directory, which keeps the required path and version), the
 * standard library, and the build settings. Pure.
 *
 * Conventions of cyclonedx-gomod that fit a binary's build info are followed: a module's go.sum
 * `h1:` hash (base64 of the SHA-256 of the module's dirhash) is also given as a SHA-256 hash in hex;
 * a module on github.com (or gopkg.in, which redirects there) names its repository as a VCS reference;
 * the binary's purl carries goos/goarch qualifiers.
 */
import type { GoBuildInfo, GoModule } from '../binary/types.ts';
import { golangPurl, isKnownVersion, stdlibPurl, stdlibVersion } from './purl.ts';

export interface SbomComponent {
  /** Stable id inside the document. */
  ref: string;
  name: string;
  version: string | null;
  purl: string;
  /** go.sum hash (`h1:…`), when the binary records one. */
  goSum: string | null;
  /** The `h1:` hash decoded to hex (a SHA-256), as cyclonedx-gomod records it; null without one. */
  sumSha256: string | null;
  /** Repository URL derived from the module path (github.com, gopkg.in), or null. */
  vcsUrl: string | null;
  /** `replace` directive that produced this component, e.g. `./greet` or `example.org/fork v1.0.0`. */
  replacedBy: string | null;
  /** True when the version was replaced by a local directory (the code may differ from the version named). */
  localReplace: boolean;
}

export interface SbomSubject {
  /** File name of the binary (no directories). */
  fileName: string;
  sha256: string;
  size: number;
  goVersion: string;
  /** Main package path, e.g. example.com/hello/cmd/app. */
  mainPackage: string;
  main: SbomComponent | null;
  stdlib: SbomComponent;
  deps: SbomComponent[];
  settings: [string, string][];
  /** What `go build -buildvcs` recorded (vcs.revision, vcs.time, vcs.modified), when it did. */
  vcs: { system: string | null; revision: string | null; time: string | null; modified: string | null };
}

/** `h1:<base64 of 32 bytes>` → the 64 hex digits, else null. */
export function h1Sha256(sum: string | null | undefined): string | null {
  if (!sum?.startsWith('h1:')) return null;
  const body = sum.slice(3);
  if (!/^[A-Za-z0-9+/]{43}=$/.test(body)) return null;
  return Buffer.from(body, 'base64').toString('hex');
}

/** The repository of a module path, as cyclonedx-gomod derives it; null where the path says nothing certain. */
export function vcsUrlOf(modulePath: string): string | null {
  if (modulePath.startsWith('github.com/')) return `https://${modulePath.split('/').slice(0, 3).join('/')}`;
  const withUser = /^gopkg\.in\/([^/]+)\/([^./]+)\.[^/]*$/.exec(modulePath);
  if (withUser) return `https://github.com/${withUser[1]}/${withUser[2]}`;
  const withoutUser = /^gopkg\.in\/([^./]+)\.[^/]*$/.exec(modulePath);
  if (withoutUser) return `https://github.com/go-${withoutUser[1]}/${withoutUser[1]}`;
  return null;
}

/** A replacement path is local when it is a file system path (Go: starts with ./ ../ or /, or a Windows path). */
export function isLocalPath(path: string): boolean {
  return path.startsWith('./') || path.startsWith('../') || path === '.' || path === '..' || path.startsWith('/') || /^[A-Za-z]:[\\/]/.test(path) || path.startsWith('.\\') || path.startsWith('..\\');
}

function refFor(path: string, version: string | null): string {
  return `pkg-${path}${version ? `@${version}` : ''}`;
}

export function moduleComponent(m: GoModule): SbomComponent {
  const rep = m.replace;
  const local = rep !== null && isLocalPath(rep.path);
  const effective = rep && !local ? rep : m;
  const version = isKnownVersion(effective.version) ? effective.version : null;
  const goSum = effective.sum || m.sum || null;
  return {
    ref: refFor(effective.path, version),
    name: effective.path,
    version,
    purl: golangPurl(effective.path, version),
    goSum,
    sumSha256: h1Sha256(goSum),
    vcsUrl: vcsUrlOf(effective.path),
    replacedBy: rep ? `${rep.path}${rep.version && isKnownVersion(rep.version) ? ` ${rep.version}` : ''}` : null,
    localReplace: local,
  };
}

/** The main module as the binary's component: its purl names the platform it was built for. */
function mainComponent(main: GoModule, settings: Record<string, string>): SbomComponent {
  const c = moduleComponent(main);
  const version = c.version;
  const qualifiers = { goarch: settings.GOARCH ?? '', goos: settings.GOOS ?? '' };
  // The main module's own go.sum line does not exist; no module hash is claimed for it.
  return { ...c, ref: `main-${main.path}`, purl: golangPurl(c.name, version, qualifiers), sumSha256: null };
}

export function sbomSubject(fileName: string, sha256: string, size: number, info: GoBuildInfo): SbomSubject {
  const stdVersion = stdlibVersion(info.version);
  const deps = info.deps.map(moduleComponent);
  // The same module can appear twice only through odd replacements; keep the first.
  const seen = new Set<string>();
  const unique = deps.filter((d) => (seen.has(d.ref) ? false : (seen.add(d.ref), true)));
  return {
    fileName,
    sha256,
    size,
    goVersion: info.version,
    mainPackage: info.path,
    main: info.main ? mainComponent(info.main, info.settings) : null,
    stdlib: { ref: `stdlib@${stdVersion}`, name: 'stdlib', version: stdVersion, purl: stdlibPurl(info.version), goSum: null, sumSha256: null, vcsUrl: null, replacedBy: null, localReplace: false },
    deps: unique,
    settings: Object.entries(info.settings),
    vcs: {
      system: info.settings.vcs ?? null,
      revision: info.settings['vcs.revision'] ?? null,
      time: info.settings['vcs.time'] ?? null,
      modified: info.settings['vcs.modified'] ?? null,
    },
  };
}
