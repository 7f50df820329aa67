/**
 * C compilers for CGO per target: the host's own gcc/cc for the native arch, <triplet>-gcc for
 * the others, and whether the target's C library is there to link against (Debian's
 * libc6-dev-<arch>-cross puts it in /usr/<triplet>/lib; EL's gcc-<triplet> ships none, leaving
 * an empty /usr/<triplet>/sys-root). zig cc can stand in for any of them.
 */
import { join } from 'node:path';
import { exists, findProgram, under, type HostRoot } from './root.ts';
import { parseGccVersion, versionOutput } from './programs.ts';
import { crossTargetOf } from './triplets.ts';

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

export async function probeCrossCompiler(host: HostRoot, goarch: string, hostGoarch: string): Promise<CrossCompilerFact> {
  const native = goarch === hostGoarch;
  const t = crossTargetOf(goarch);
  const names = native ? ['gcc', 'cc', 'clang'] : t ? [...new Set([`${t.debianTriplet}-gcc`, `${t.fedoraTriplet}-gcc`])] : [];
  let path: string | null = null;
  for (const name of names) {
    path = await findProgram(host, name);
    if (path) break;
  }
  let libcPath: string | null = null;
  if (native) libcPath = await firstExisting(host, ['/usr/include/stdio.h']);
  else if (t) {
    const candidates: string[] = [];
    for (const triplet of new Set([t.debianTriplet, t.fedoraTriplet])) {
      candidates.push(join('/usr', triplet, 'lib/libc.so'), join('/usr', triplet, 'sys-root/usr/lib/libc.so'), join('/usr', triplet, 'sys-root/usr/lib64/libc.so'));
    }
    libcPath = await firstExisting(host, candidates);
  }
  let version: string | null = null;
  if (path && host.exec) {
    const out = (await versionOutput(path, ['-dumpfullversion'])) ?? (await versionOutput(path, ['-dumpversion']));
    version = out ? parseGccVersion(out) : null;
  }
  return { goarch, native, path, version, targetLibc: libcPath !== null, libcPath };
}
