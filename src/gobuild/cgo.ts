/**
 * Picking the C compiler for a CGO target: a configured CC, else the host compiler for a native
 * target, else a known cross triple on PATH (platform/cross-compiler.ts, shared with doctor), else
 * `zig cc -target <triple>[.<glibc>]`, else an error naming the package that provides one. `chooseCCompiler` is pure; `hostCompilerFacts`
 * gathers what it looks at.
 */
import { existsSync } from 'node:fs';
import { platform } from 'node:os';
import { delimiter, join } from 'node:path';
import { CompilerNotFoundError } from './errors.ts';
import { crossCompilerNames, crossToolchains, findCrossCompiler, NATIVE_COMPILERS, zigTarget } from '../platform/cross-compiler.ts';
import { archOf, hostGoarch } from '../platform/lookup.ts';
import type { Target } from '../platform/target.ts';

export interface CompilerFacts {
  /** CC from config for this target, if any. */
  configured?: string;
  /** Whether an executable of this name is on PATH. */
  onPath: (name: string) => boolean;
  hostGoos: string;
  hostGoarch: string;
  /** glibc version to ask zig for (e.g. "2.17"). */
  glibc?: string;
}

export type CompilerSource = 'config' | 'native' | 'path' | 'zig';

export interface CompilerChoice {
  /** The CC value (may contain arguments: "zig cc -target aarch64-linux-gnu.2.17"). */
  cc: string;
  source: CompilerSource;
}

export function chooseCCompiler(target: Target, facts: CompilerFacts): CompilerChoice {
  if (facts.configured) return { cc: facts.configured, source: 'config' };
  const found = findCrossCompiler(target, { goos: facts.hostGoos, goarch: facts.hostGoarch }, facts.onPath);
  if (found) return { cc: found.name, source: found.native && NATIVE_COMPILERS.includes(found.name) ? 'native' : 'path' };
  const toolchains = crossToolchains(target);
  const zig = zigTarget(target);
  if (zig && facts.onPath('zig')) {
    const glibc = facts.glibc && target.goos === 'linux' && zig.includes('-gnu') ? `.${facts.glibc}` : '';
    return { cc: `zig cc -target ${zig}${glibc}`, source: 'zig' };
  }
  const where = `${target.goos}/${target.goarch}`;
  const first = toolchains[0];
  if (!first) throw new CompilerNotFoundError(target.id, `Cannot build ${target.id} with cgo: no C compiler is configured (no known cross compiler for ${where}: set build.cc["${where}"] in gocross.config, or install zig)`);
  const el = elPackage(target);
  const install = `install ${first.packages.join(' ')} (Debian/Ubuntu)${el ? ` or ${el} (EL)` : ''}, or zig, or set build.cc["${where}"] in gocross.config`;
  throw new CompilerNotFoundError(target.id, `Cannot build ${target.id} with cgo: ${crossCompilerNames(target).join(', ')} and zig are not on PATH (${install})`);
}

/** What to install on Fedora/EL, for the error message. */
function elPackage(target: Target): string | undefined {
  const row = archOf(target.goarch);
  if (target.goos === 'windows') return row?.windowsCc?.fedora;
  const fedora = target.goos === 'linux' ? row?.linuxCc?.fedora : undefined;
  return fedora ? `${fedora.packages.join(' ')} (EPEL; it ships no target glibc, so prefer zig)` : undefined;
}

/** Real facts of this host. */
export function hostCompilerFacts(env: NodeJS.ProcessEnv = process.env): Omit<CompilerFacts, 'configured' | 'glibc'> {
  const dirs = (env.PATH ?? '').split(delimiter).filter(Boolean);
  return {
    onPath: (name) => dirs.some((d) => existsSync(join(d, name))),
    hostGoos: platform() === 'win32' ? 'windows' : platform(),
    hostGoarch: hostGoarch(),
  };
}
