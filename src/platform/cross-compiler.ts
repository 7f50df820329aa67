/**
 * Which C compiler builds CGO code for a target, from the platform table. Build (chooseCCompiler),
 * doctor (its cross-cc probe) and setup all ask here, so they always agree on the names tried:
 * the host's own compiler for a native target, else Debian's triplet, Fedora's triplet, and
 * Debian's soft-float EABI triplet for GOARM=5/6, else MinGW-w64 for windows.
 */
import { join } from 'node:path';
import { archOf } from './lookup.ts';
import type { Target } from './target.ts';
import type { Toolchain } from './types.ts';

export const NATIVE_COMPILERS: readonly string[] = ['gcc', 'cc', 'clang'];

type ArchTarget = Pick<Target, 'goos' | 'goarch' | 'variant'>;

/** GOARM=5 and 6 have no FPU to assume: they need the soft-float EABI toolchain. */
function softFloat(target: ArchTarget): boolean {
  return target.goarch === 'arm' && target.variant !== undefined && /^[56]/.test(target.variant.value);
}

/** The GNU cross toolchains for a target, in the order they are tried. */
export function crossToolchains(target: ArchTarget): Toolchain[] {
  if (target.goos === 'windows') {
    const w = archOf(target.goarch)?.windowsCc;
    return w ? [{ triplet: w.triplet, packages: [w.debian] }] : [];
  }
  if (target.goos !== 'linux') return [];
  const cc = archOf(target.goarch)?.linuxCc;
  if (!cc) return [];
  if (softFloat(target)) return cc.debianSoftFloat ? [cc.debianSoftFloat] : [];
  return [cc.debian, cc.fedora].filter((t): t is Toolchain => t !== undefined);
}

/** Every compiler name tried for a non-native target, without duplicates. */
export function crossCompilerNames(target: ArchTarget): string[] {
  return [...new Set(crossToolchains(target).map((t) => `${t.triplet}-gcc`))];
}

/** zig's `-target` for a target (without a glibc suffix), or undefined where zig has none known. */
export function zigTarget(target: ArchTarget): string | undefined {
  if (target.goos === 'windows') return archOf(target.goarch)?.windowsCc?.zig;
  if (target.goos !== 'linux') return undefined;
  const cc = archOf(target.goarch)?.linuxCc;
  return softFloat(target) ? (cc?.zigSoftFloat ?? cc?.zig) : cc?.zig;
}

/** Where a cross toolchain's target libc sits: Debian's /usr/<triplet>, EL's /usr/<triplet>/sys-root. */
export function crossLibcCandidates(target: ArchTarget): string[] {
  const triplets = [...new Set(crossToolchains(target).map((t) => t.triplet))];
  return triplets.flatMap((t) => [join('/usr', t, 'lib/libc.so'), join('/usr', t, 'sys-root/usr/lib/libc.so'), join('/usr', t, 'sys-root/usr/lib64/libc.so')]);
}

export interface FoundCompiler {
  name: string;
  /** The target is the host's own GOOS/GOARCH. */
  native: boolean;
}

function isNative(target: ArchTarget, host: { goos: string; goarch: string }): boolean {
  return target.goos === host.goos && target.goarch === host.goarch;
}

/** Every name findCrossCompiler tries, in order: the host's own compilers first for a native target. */
export function compilerNamesFor(target: ArchTarget, host: { goos: string; goarch: string }): string[] {
  return [...new Set([...(isNative(target, host) ? NATIVE_COMPILERS : []), ...crossCompilerNames(target)])];
}

/**
 * The C compiler on PATH for `target`, or null. `onPath` answers for this host (build) or for a
 * root tree (doctor): the names tried and their order are the same either way.
 */
export function findCrossCompiler(target: ArchTarget, host: { goos: string; goarch: string }, onPath: (name: string) => boolean): FoundCompiler | null {
  const name = compilerNamesFor(target, host).find((n) => onPath(n));
  return name === undefined ? null : { name, native: isNative(target, host) };
}
