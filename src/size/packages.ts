/**
 * Which Go package, and so which module, a symbol belongs to. Pure.
 * The package is the name up to the first '.' after the last '/' (Go's debug/gosym rule, with
 * generic type arguments cut off first); Go escapes '.' in the last path element as %2e in
 * symbol names. The package is then matched against the build info's modules (longest path wins):
 * main module, a dependency, the standard library (no '.' in the first path element), cgo/C
 * (symbols that are not Go names, when the binary was built with CGO_ENABLED=1; without cgo such
 * names are the runtime's assembly routines such as `gogo` or `memeqbody`, so they count as std),
 * or Go metadata symbols (type:…, go:…).
 */
import type { GoBuildInfo } from '../binary/types.ts';

export type OwnerKind = 'main' | 'dep' | 'std' | 'cgo' | 'go-metadata' | 'unknown';

export interface Owner {
  kind: OwnerKind;
  /** Display name: module path (with version for deps), "std", "cgo/C"… */
  name: string;
}

export function symbolPackage(symbol: string): string | null {
  const name = symbol.split('[')[0]!;
  const pathEnd = name.lastIndexOf('/') + 1;
  const dot = name.indexOf('.', pathEnd);
  if (dot <= 0) return null;
  return name.slice(0, dot).replace(/%2e/gi, '.');
}

export interface ModuleIndex {
  modules: { path: string; owner: Owner }[];
  cgo: boolean;
}

export function moduleIndex(info: GoBuildInfo | null): ModuleIndex {
  const modules: { path: string; owner: Owner }[] = [];
  if (info?.main?.path) modules.push({ path: info.main.path, owner: { kind: 'main', name: info.main.path } });
  for (const d of info?.deps ?? []) {
    const version = d.replace && !d.replace.path.startsWith('.') && !d.replace.path.startsWith('/') ? d.replace.version : d.version;
    modules.push({ path: d.path, owner: { kind: 'dep', name: version ? `${d.path}@${version}` : d.path } });
  }
  modules.sort((a, b) => b.path.length - a.path.length);
  return { modules, cgo: info?.settings.CGO_ENABLED === '1' };
}

const MAIN: Owner = { kind: 'main', name: 'main' };

export function ownerOf(symbol: string, index: ModuleIndex): Owner {
  if (symbol.startsWith('type:') || symbol.startsWith('go:') || symbol.startsWith('go.') || symbol === 'runtime.text' || symbol === 'runtime.etext') {
    return { kind: 'go-metadata', name: '(Go metadata: type:, go:)' };
  }
  const pkg = symbolPackage(symbol);
  // C statics look like `completed.0`; C names have no '.' at all.
  if (pkg === null || /^_?cgo_|^x_cgo_|^crosscall|^_cgo/.test(symbol) || pkg.startsWith('_') || /^[A-Za-z_]\w*\.\d+$/.test(symbol)) return index.cgo ? { kind: 'cgo', name: 'cgo/C' } : { kind: 'std', name: 'std' };
  if (pkg === 'main') return index.modules.find((m) => m.owner.kind === 'main')?.owner ?? MAIN;
  for (const m of index.modules) {
    if (pkg === m.path || pkg.startsWith(`${m.path}/`)) return m.owner;
  }
  const first = pkg.split('/')[0]!;
  if (!first.includes('.')) return { kind: 'std', name: 'std' };
  return { kind: 'unknown', name: pkg };
}
