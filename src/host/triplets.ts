/**
 * GNU target triplets and distro package names per GOARCH (Debian/Ubuntu cross toolchains:
 * gcc-<triplet> + libc6-dev-<debarch>-cross; Fedora/EPEL: gcc-<triplet>, which ships no target
 * libc). Shared by the cross-compiler probe and by setup.
 */
export interface CrossTarget {
  goarch: string;
  /** Debian's triplet (what gcc-<triplet> installs as <triplet>-gcc). */
  debianTriplet: string;
  debianArch: string;
  /** Fedora/EL triplet, when it differs (arm-linux-gnu). */
  fedoraTriplet: string;
  /** Alpine/musl-cross style arch for zig (`zig cc -target <zigArch>-linux-gnu`). */
  zigArch: string;
}

export const crossTargets: readonly CrossTarget[] = [
  { goarch: 'amd64', debianTriplet: 'x86_64-linux-gnu', debianArch: 'amd64', fedoraTriplet: 'x86_64-linux-gnu', zigArch: 'x86_64' },
  { goarch: '386', debianTriplet: 'i686-linux-gnu', debianArch: 'i386', fedoraTriplet: 'i686-linux-gnu', zigArch: 'x86' },
  { goarch: 'arm64', debianTriplet: 'aarch64-linux-gnu', debianArch: 'arm64', fedoraTriplet: 'aarch64-linux-gnu', zigArch: 'aarch64' },
  { goarch: 'arm', debianTriplet: 'arm-linux-gnueabihf', debianArch: 'armhf', fedoraTriplet: 'arm-linux-gnu', zigArch: 'arm' },
  { goarch: 'ppc64le', debianTriplet: 'powerpc64le-linux-gnu', debianArch: 'ppc64el', fedoraTriplet: 'powerpc64le-linux-gnu', zigArch: 'powerpc64le' },
  { goarch: 's390x', debianTriplet: 's390x-linux-gnu', debianArch: 's390x', fedoraTriplet: 's390x-linux-gnu', zigArch: 's390x' },
  { goarch: 'riscv64', debianTriplet: 'riscv64-linux-gnu', debianArch: 'riscv64', fedoraTriplet: 'riscv64-linux-gnu', zigArch: 'riscv64' },
  { goarch: 'mips64le', debianTriplet: 'mips64el-linux-gnuabi64', debianArch: 'mips64el', fedoraTriplet: 'mips64el-linux-gnu', zigArch: 'mips64el' },
  { goarch: 'loong64', debianTriplet: 'loongarch64-linux-gnu', debianArch: 'loong64', fedoraTriplet: 'loongarch64-linux-gnu', zigArch: 'loongarch64' },
];

export function crossTargetOf(goarch: string): CrossTarget | undefined {
  return crossTargets.find((t) => t.goarch === goarch);
}

/** "linux/arm64" or "linux/arm/7" → { goos, goarch }. */
export function parseTarget(target: string): { goos: string; goarch: string } {
  const [goos = '', goarch = ''] = target.trim().split('/');
  return { goos, goarch };
}
