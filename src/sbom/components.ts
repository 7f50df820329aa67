/**
 * What an SBOM says about a Go binary, independent of the output format: the binary, its main
 * module, every dependency (replacements resolved as syft does: the replacement's path and version
 * unless the replacement is a local directory, which keeps the required path and version), the
 * standard library, and the build settings. Pure.
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
  return {
    ref: refFor(effective.path, version),
    name: effective.path,
    version,
    purl: golangPurl(effective.path, version),
    goSum: effective.sum || m.sum || null,
    replacedBy: rep ? `${rep.path}${rep.version && isKnownVersion(rep.version) ? ` ${rep.version}` : ''}` : null,
    localReplace: local,
  };
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
    main: info.main ? { ...moduleComponent(info.main), ref: `main-${info.main.path}` } : null,
    stdlib: { ref: `stdlib@${stdVersion}`, name: 'stdlib', version: stdVersion, purl: stdlibPurl(info.version), goSum: null, replacedBy: null, localReplace: false },
    deps: unique,
    settings: Object.entries(info.settings),
  };
}
