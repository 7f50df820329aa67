/**
 * Picking the C compiler for a CGO target: a configured CC, else the host compiler for a native
 * target, else a known cross triple on PATH, else `zig cc -target <triple>[.<glibc>]`, else an
 * error naming the package that provides one. `chooseCCompiler` is pure; `hostCompilerFacts`
 * gathers what it looks at.
 */
import { existsSync } from 'node:fs';
import { arch, platform } from 'node:os';
import { delimiter, join } from 'node:path';
import { CompilerNotFoundError } from './errors.ts';
import type { Target } from './types.ts';

export interface CrossCompiler {
  /** The gcc-style cross compiler name. */
  gcc: string;
  /** zig's target triple (glibc version may be appended as .2.17). */
  zig: string;
  debian: string;
  el?: string;
}

/** Keyed by goos/goarch; linux/arm with GOARM=5|6 uses the soft-float EABI compiler. */
export const CROSS_COMPILERS: Readonly<Record<string, CrossCompiler>> = {
  'linux/amd64': { gcc: 'x86_64-linux-gnu-gcc', zig: 'x86_64-linux-gnu', debian: 'gcc-x86-64-linux-gnu', el: 'gcc' },
  'linux/386': { gcc: 'i686-linux-gnu-gcc', zig: 'x86-linux-gnu', debian: 'gcc-i686-linux-gnu' },
  'linux/arm64': { gcc: 'aarch64-linux-gnu-gcc', zig: 'aarch64-linux-gnu', debian: 'gcc-aarch64-linux-gnu libc6-dev-arm64-cross', el: 'gcc-aarch64-linux-gnu (EPEL; it ships no target glibc, so prefer zig)' },
  'linux/arm': { gcc: 'arm-linux-gnueabihf-gcc', zig: 'arm-linux-gnueabihf', debian: 'gcc-arm-linux-gnueabihf libc6-dev-armhf-cross' },
  'linux/arm/soft': { gcc: 'arm-linux-gnueabi-gcc', zig: 'arm-linux-gnueabi', debian: 'gcc-arm-linux-gnueabi libc6-dev-armel-cross' },
  'linux/ppc64le': { gcc: 'powerpc64le-linux-gnu-gcc', zig: 'powerpc64le-linux-gnu', debian: 'gcc-powerpc64le-linux-gnu libc6-dev-ppc64el-cross' },
  'linux/s390x': { gcc: 's390x-linux-gnu-gcc', zig: 's390x-linux-gnu', debian: 'gcc-s390x-linux-gnu libc6-dev-s390x-cross' },
  'linux/riscv64': { gcc: 'riscv64-linux-gnu-gcc', zig: 'riscv64-linux-gnu', debian: 'gcc-riscv64-linux-gnu libc6-dev-riscv64-cross' },
  'linux/mips': { gcc: 'mips-linux-gnu-gcc', zig: 'mips-linux-gnueabihf', debian: 'gcc-mips-linux-gnu libc6-dev-mips-cross' },
  'linux/mipsle': { gcc: 'mipsel-linux-gnu-gcc', zig: 'mipsel-linux-gnueabihf', debian: 'gcc-mipsel-linux-gnu libc6-dev-mipsel-cross' },
  'linux/mips64': { gcc: 'mips64-linux-gnuabi64-gcc', zig: 'mips64-linux-gnuabi64', debian: 'gcc-mips64-linux-gnuabi64 libc6-dev-mips64-cross' },
  'linux/mips64le': { gcc: 'mips64el-linux-gnuabi64-gcc', zig: 'mips64el-linux-gnuabi64', debian: 'gcc-mips64el-linux-gnuabi64 libc6-dev-mips64el-cross' },
  'linux/loong64': { gcc: 'loongarch64-linux-gnu-gcc', zig: 'loongarch64-linux-gnu', debian: 'gcc-loongarch64-linux-gnu' },
  'windows/amd64': { gcc: 'x86_64-w64-mingw32-gcc', zig: 'x86_64-windows-gnu', debian: 'gcc-mingw-w64-x86-64', el: 'mingw64-gcc' },
  'windows/386': { gcc: 'i686-w64-mingw32-gcc', zig: 'x86-windows-gnu', debian: 'gcc-mingw-w64-i686', el: 'mingw32-gcc' },
  'windows/arm64': { gcc: 'aarch64-w64-mingw32-gcc', zig: 'aarch64-windows-gnu', debian: 'gcc-mingw-w64 (llvm-mingw provides aarch64)' },
};

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

function crossKey(target: Target): string {
  const key = `${target.goos}/${target.goarch}`;
  if (key === 'linux/arm' && target.variant && /^[56]/.test(target.variant.value)) return 'linux/arm/soft';
  return key;
}

export function chooseCCompiler(target: Target, facts: CompilerFacts): CompilerChoice {
  if (facts.configured) return { cc: facts.configured, source: 'config' };
  if (target.goos === facts.hostGoos && target.goarch === facts.hostGoarch) {
    for (const native of ['gcc', 'cc', 'clang']) if (facts.onPath(native)) return { cc: native, source: 'native' };
  }
  const known = CROSS_COMPILERS[crossKey(target)];
  if (known && facts.onPath(known.gcc)) return { cc: known.gcc, source: 'path' };
  if (known && facts.onPath('zig')) {
    const glibc = facts.glibc && target.goos === 'linux' && known.zig.includes('-gnu') ? `.${facts.glibc}` : '';
    return { cc: `zig cc -target ${known.zig}${glibc}`, source: 'zig' };
  }
  const install = known
    ? `install ${known.debian} (Debian/Ubuntu)${known.el ? ` or ${known.el} (EL)` : ''}, or zig, or set build.cc["${target.goos}/${target.goarch}"] in gocross.config`
    : `no known cross compiler for ${target.goos}/${target.goarch}: set build.cc["${target.goos}/${target.goarch}"] in gocross.config, or install zig`;
  const tried = known ? `${known.gcc} and zig are not on PATH` : 'no C compiler is configured';
  throw new CompilerNotFoundError(target.id, `Cannot build ${target.id} with cgo: ${tried} (${install})`);
}

/** Real facts of this host. */
export function hostCompilerFacts(env: NodeJS.ProcessEnv = process.env): Omit<CompilerFacts, 'configured' | 'glibc'> {
  const dirs = (env.PATH ?? '').split(delimiter).filter(Boolean);
  const goarchOf: Record<string, string> = { x64: 'amd64', ia32: '386', arm64: 'arm64', arm: 'arm', ppc64: 'ppc64le', s390x: 's390x', riscv64: 'riscv64', loong64: 'loong64' };
  return {
    onPath: (name) => dirs.some((d) => existsSync(join(d, name))),
    hostGoos: platform() === 'win32' ? 'windows' : platform(),
    hostGoarch: goarchOf[arch()] ?? arch(),
  };
}
