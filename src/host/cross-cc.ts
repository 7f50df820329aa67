/**
 * C compilers for CGO per target: the host's own gcc/cc for the native arch, <triplet>-gcc for
 * the others, and whether the target's C library is there to link against (Debian's
 * libc6-dev-<arch>-cross puts it in /usr/<triplet>/lib; EL's gcc-<triplet> ships none, leaving
 * an empty /usr/<triplet>/sys-root). zig cc can stand in for any of them.
 */
import { exists, findProgram, under, type HostRoot } from './root.ts';
import { parseGccVersion, versionOutput } from './programs.ts';
import { compilerNamesFor, crossLibcCandidates, findCrossCompiler } from '../platform/cross-compiler.ts';
import type { Target } from '../platform/target.ts';

type ArchTarget = Pick<Target, 'goos' | 'goarch' | 'variant'>;

export interface CrossCompilerFact {
  goarch: string;
  native: boolean;
  /** Host path of the compiler, or null when none is installed. */
  path: string | null;
  version: string | null;
  /** Is the target's libc (libc.so + headers) available to link against? */
  targetLibc: boolean;
  /** Where that libc was found. */
  libcPath: string | null;
}

async function firstExisting(host: HostRoot, paths: readonly string[]): Promise<string | null> {
  for (const p of paths) if (await exists(under(host, p))) return p;
  return null;
}

/**
 * The compiler doctor reports for a target: the same names, in the same order, that build's
 * chooseCCompiler tries (platform/cross-compiler.ts), looked up under the host root.
 */
export async function probeCrossCompiler(host: HostRoot, target: ArchTarget, hostGoarch: string): Promise<CrossCompilerFact> {
  const hostTarget = { goos: 'linux', goarch: hostGoarch };
  const found = new Map<string, string>();
  for (const name of compilerNamesFor(target, hostTarget)) {
    const path = await findProgram(host, name);
    if (path) found.set(name, path);
  }
  const compiler = findCrossCompiler(target, hostTarget, (name) => found.has(name));
  const native = target.goos === hostTarget.goos && target.goarch === hostGoarch;
  const path = compiler ? found.get(compiler.name)! : null;
  const libcPath = await firstExisting(host, native ? ['/usr/include/stdio.h'] : crossLibcCandidates(target));
  let version: string | null = null;
  if (path && host.exec) {
    const out = (await versionOutput(path, ['-dumpfullversion'])) ?? (await versionOutput(path, ['-dumpversion']));
    version = out ? parseGccVersion(out) : null;
  }
  return { goarch: target.goarch, native, path, version, targetLibc: libcPath !== null, libcPath };
}
