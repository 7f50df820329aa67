/**
 * The platform table: one row per Go architecture, holding every fact gocross knows about it.
 * Everything else (binfmt entries, cross compilers, setup packages, compat, run modes) derives
 * from these rows; a second map from one of these names to another is a bug waiting to disagree.
 *
 * Sources:
 * - GOARCH list and sub-settings: `go tool dist list`, `go help environment`, Go release notes
 *   (Go's src/internal/platform/zosarch.go, src/cmd/dist/build.go).
 * - ELF e_machine/class/data: the System V gABI and Linux include/uapi/linux/elf-em.h; reader
 *   machine names as src/binary/{elf,pe,macho}/constants.ts print them.
 * - `uname -m`: the Linux kernel's UTS_MACHINE per arch; Node's names: process.arch docs.
 * - Debian arch names: dpkg-architecture(1) / Debian wiki ArchitectureSpecificsMemo; RPM: %_arch
 *   of Fedora/EL; Alpine: apk arch list; OCI: image-spec config.md "architecture"/"variant".
 * - QEMU name and binfmt magic/mask: QEMU scripts/qemu-binfmt-conf.sh (shared/reference/qemu-binfmt.tsv).
 * - -buildmode=pie: Go's src/internal/platform/supported.go (BuildModeSupported "pie",
 *   InternalLinkPIESupported), checked with Go 1.23.5 by building hello with CGO_ENABLED=0
 *   -buildmode=pie for every linux GOARCH: amd64, arm64 and ppc64le link internally into a
 *   dynamically linked PIE (PT_INTERP /lib64/ld-linux-x86-64.so.2, /lib/ld-linux-aarch64.so.1,
 *   /lib64/ld64.so.2; no DT_NEEDED); 386, arm, loong64, riscv64 and s390x answer "requires external
 *   (cgo) linking"; mips, mipsle, mips64, mips64le and ppc64 "not supported". With CGO_ENABLED=1,
 *   CC and -ldflags='-linkmode=external -extldflags=-static-pie', amd64 and arm64 give static-pie
 *   (`file`: static-pie linked; no PT_INTERP).
 * - Cross compilers: Debian cross-toolchain-base packages (gcc-<triplet>, libc6-dev-<arch>-cross),
 *   Fedora/EPEL cross-gcc (gcc-<triplet>, no target glibc), openSUSE cross-<arch>-gcc14,
 *   mingw-w64 packages, zig's `zig targets`. Sysroot of a triplet is /usr/<triplet>.
 */
import type { Arch } from './types.ts';

const armValues: Array<readonly [string, number]> = [['5', 0], ['6', 0], ['7', 0]];
const arm64Values: Array<readonly [string, number]> = [
  ...Array.from({ length: 10 }, (_, i) => [`v8.${i}`, 23] as const),
  ...Array.from({ length: 6 }, (_, i) => [`v9.${i}`, 23] as const),
];
const float: Array<readonly [string, number]> = [['hardfloat', 0], ['softfloat', 0]];
const power: Array<readonly [string, number]> = [['power8', 0], ['power9', 0], ['power10', 20]];
const noSuffix = { suffixes: [], suffixesSince: 0, multipleSuffixes: false } as const;

const debian = (triplet: string, debarch: string, gccPackage = `gcc-${triplet}`) => ({ triplet, packages: [gccPackage, `libc6-dev-${debarch}-cross`] });
const fedora = (triplet: string) => ({ triplet, packages: [`gcc-${triplet}`, `binutils-${triplet}`] });

export const ARCHES: readonly Arch[] = [
  {
    goarch: '386',
    pie: { linux: 'external', android: 'external', windows: 'internal' },
    variant: { name: 'GO386', values: [['sse2', 16], ['softfloat', 16]], ...noSuffix },
    elf: { machine: 3, bits: 32, endian: 'little' },
    machineNames: ['i386', 'intel 80386', 'x86'],
    unameM: ['i386', 'i486', 'i586', 'i686'],
    nodeArch: 'ia32',
    debian: 'i386', rpm: 'i686', alpine: 'x86', oci: { architecture: '386' },
    qemu: { name: 'i386', magic: '7f454c4601010100000000000000000002000300', mask: 'fffffffffffefe00fffffffffffffffffeffffff' },
    linuxCc: { debian: debian('i686-linux-gnu', 'i386'), fedora: fedora('i686-linux-gnu'), suse: ['cross-x86-gcc14'], zig: 'x86-linux-gnu' },
    windowsCc: { triplet: 'i686-w64-mingw32', debian: 'gcc-mingw-w64-i686', fedora: 'mingw32-gcc', zig: 'x86-windows-gnu' },
  },
  {
    goarch: 'amd64',
    pie: { linux: 'internal', android: 'external', darwin: 'internal', ios: 'internal', windows: 'internal', freebsd: 'external' },
    variant: { name: 'GOAMD64', values: [['v1', 18], ['v2', 18], ['v3', 18], ['v4', 18]], ...noSuffix },
    elf: { machine: 62, bits: 64, endian: 'little' },
    machineNames: ['x86-64', 'x86_64', 'amd64'],
    unameM: ['x86_64'],
    nodeArch: 'x64',
    debian: 'amd64', rpm: 'x86_64', alpine: 'x86_64', oci: { architecture: 'amd64' },
    qemu: { name: 'x86_64', magic: '7f454c4602010100000000000000000002003e00', mask: 'fffffffffffefe00fffffffffffffffffeffffff' },
    // Debian package names cannot hold "_": the x86_64 triplet's compiler is gcc-x86-64-linux-gnu.
    linuxCc: { debian: debian('x86_64-linux-gnu', 'amd64', 'gcc-x86-64-linux-gnu'), fedora: fedora('x86_64-linux-gnu'), suse: ['cross-x86_64-gcc14'], zig: 'x86_64-linux-gnu' },
    windowsCc: { triplet: 'x86_64-w64-mingw32', debian: 'gcc-mingw-w64-x86-64', fedora: 'mingw64-gcc', zig: 'x86_64-windows-gnu' },
  },
  {
    goarch: 'arm',
    pie: { linux: 'external', android: 'external', windows: 'internal' },
    variant: { name: 'GOARM', values: armValues, suffixes: ['softfloat', 'hardfloat'], suffixesSince: 22, multipleSuffixes: false },
    elf: { machine: 40, bits: 32, endian: 'little' },
    machineNames: ['arm'],
    unameM: ['armv7l', 'armv6l', 'armv5tel', 'armv8l', 'arm'],
    nodeArch: 'arm',
    debian: 'armhf', debianSoftFloat: 'armel', rpm: 'armv7hl', alpine: 'armv7', oci: { architecture: 'arm', variant: 'v7' },
    qemu: { name: 'arm', magic: '7f454c4601010100000000000000000002002800', mask: 'ffffffffffffff00fffffffffffffffffeffffff' },
    linuxCc: {
      debian: debian('arm-linux-gnueabihf', 'armhf'),
      debianSoftFloat: debian('arm-linux-gnueabi', 'armel'),
      fedora: fedora('arm-linux-gnu'),
      suse: ['cross-arm-gcc14'],
      zig: 'arm-linux-gnueabihf',
      zigSoftFloat: 'arm-linux-gnueabi',
    },
  },
  {
    goarch: 'arm64',
    pie: { linux: 'internal', android: 'internal', darwin: 'internal', ios: 'internal', windows: 'internal' },
    variant: { name: 'GOARM64', values: arm64Values, suffixes: ['lse', 'crypto'], suffixesSince: 23, multipleSuffixes: true },
    elf: { machine: 183, bits: 64, endian: 'little' },
    machineNames: ['aarch64', 'arm64'],
    unameM: ['aarch64', 'arm64'],
    nodeArch: 'arm64',
    debian: 'arm64', rpm: 'aarch64', alpine: 'aarch64', oci: { architecture: 'arm64', variant: 'v8' },
    qemu: { name: 'aarch64', magic: '7f454c460201010000000000000000000200b700', mask: 'ffffffffffffff00fffffffffffffffffeffffff' },
    linuxCc: { debian: debian('aarch64-linux-gnu', 'arm64'), fedora: fedora('aarch64-linux-gnu'), suse: ['cross-aarch64-gcc14'], zig: 'aarch64-linux-gnu' },
    windowsCc: { triplet: 'aarch64-w64-mingw32', debian: 'gcc-mingw-w64 (llvm-mingw provides aarch64)', zig: 'aarch64-windows-gnu' },
  },
  {
    goarch: 'loong64',
    pie: { linux: 'external' },
    elf: { machine: 258, bits: 64, endian: 'little' },
    machineNames: ['loongarch', 'loongarch64'],
    unameM: ['loongarch64'],
    nodeArch: 'loong64',
    debian: 'loong64', rpm: 'loongarch64', alpine: 'loongarch64', oci: { architecture: 'loong64' },
    qemu: { name: 'loongarch64', magic: '7f454c4602010100000000000000000002000201', mask: 'fffffffffffffffc00fffffffffffffffeffffff' },
    linuxCc: { debian: debian('loongarch64-linux-gnu', 'loong64'), fedora: fedora('loongarch64-linux-gnu'), suse: ['cross-loongarch64-gcc14'], zig: 'loongarch64-linux-gnu' },
  },
  {
    goarch: 'mips',
    variant: { name: 'GOMIPS', values: float, ...noSuffix },
    elf: { machine: 8, bits: 32, endian: 'big' },
    machineNames: ['mips'],
    unameM: ['mips'],
    nodeArch: 'mips',
    debian: 'mips', oci: { architecture: 'mips' },
    qemu: { name: 'mips', magic: '7f454c46010201000000000000000000000200080000000100000000000000000000000000000000', mask: 'ffffffffffffff0000fffffffffffffffffeffffffffffff00000000000000000000000000000020' },
    linuxCc: { debian: debian('mips-linux-gnu', 'mips'), zig: 'mips-linux-gnueabihf' },
  },
  {
    goarch: 'mipsle',
    variant: { name: 'GOMIPS', values: float, ...noSuffix },
    elf: { machine: 8, bits: 32, endian: 'little' },
    machineNames: ['mips'],
    unameM: ['mips'],
    nodeArch: 'mipsel',
    debian: 'mipsel', rpm: 'mipsel', oci: { architecture: 'mipsle' },
    qemu: { name: 'mipsel', magic: '7f454c46010101000000000000000000020008000100000000000000000000000000000000000000', mask: 'ffffffffffffff0000fffffffffffffffeffffffffffffff00000000000000000000000020000000' },
    linuxCc: { debian: debian('mipsel-linux-gnu', 'mipsel'), zig: 'mipsel-linux-gnueabihf' },
  },
  {
    goarch: 'mips64',
    variant: { name: 'GOMIPS64', values: float, ...noSuffix },
    elf: { machine: 8, bits: 64, endian: 'big' },
    machineNames: ['mips'],
    unameM: ['mips64'],
    debian: 'mips64', oci: { architecture: 'mips64' },
    qemu: { name: 'mips64', magic: '7f454c4602020100000000000000000000020008', mask: 'ffffffffffffff0000fffffffffffffffffeffff' },
    linuxCc: { debian: debian('mips64-linux-gnuabi64', 'mips64'), zig: 'mips64-linux-gnuabi64' },
  },
  {
    goarch: 'mips64le',
    variant: { name: 'GOMIPS64', values: float, ...noSuffix },
    elf: { machine: 8, bits: 64, endian: 'little' },
    machineNames: ['mips'],
    unameM: ['mips64'],
    nodeArch: 'mips64el',
    debian: 'mips64el', rpm: 'mips64el', oci: { architecture: 'mips64le' },
    qemu: { name: 'mips64el', magic: '7f454c4602010100000000000000000002000800', mask: 'ffffffffffffff0000fffffffffffffffeffffff' },
    linuxCc: { debian: debian('mips64el-linux-gnuabi64', 'mips64el'), fedora: fedora('mips64el-linux-gnu'), suse: ['cross-mips64el-gcc14'], zig: 'mips64el-linux-gnuabi64' },
  },
  {
    goarch: 'ppc64',
    variant: { name: 'GOPPC64', values: power, ...noSuffix },
    elf: { machine: 21, bits: 64, endian: 'big' },
    machineNames: ['powerpc64', 'ppc64'],
    unameM: ['ppc64'],
    debian: 'ppc64', rpm: 'ppc64', oci: { architecture: 'ppc64' },
    qemu: { name: 'ppc64', magic: '7f454c4602020100000000000000000000020015', mask: 'ffffffffffffff00fffffffffffffffffffeffff' },
  },
  {
    goarch: 'ppc64le',
    pie: { linux: 'internal' },
    variant: { name: 'GOPPC64', values: power, ...noSuffix },
    elf: { machine: 21, bits: 64, endian: 'little' },
    machineNames: ['powerpc64', 'ppc64'],
    unameM: ['ppc64le'],
    // Node says "ppc64" on little-endian Linux too (it has no big-endian Linux build).
    nodeArch: 'ppc64',
    debian: 'ppc64el', rpm: 'ppc64le', alpine: 'ppc64le', oci: { architecture: 'ppc64le' },
    qemu: { name: 'ppc64le', magic: '7f454c4602010100000000000000000002001500', mask: 'ffffffffffffff00fffffffffffffffffeffff00' },
    linuxCc: { debian: debian('powerpc64le-linux-gnu', 'ppc64el'), fedora: fedora('powerpc64le-linux-gnu'), suse: ['cross-powerpc64le-gcc14'], zig: 'powerpc64le-linux-gnu' },
  },
  {
    goarch: 'riscv64',
    pie: { linux: 'external' },
    variant: { name: 'GORISCV64', values: [['rva20u64', 23], ['rva22u64', 23], ['rva23u64', 25]], ...noSuffix },
    elf: { machine: 243, bits: 64, endian: 'little' },
    machineNames: ['risc-v', 'riscv64'],
    unameM: ['riscv64'],
    nodeArch: 'riscv64',
    debian: 'riscv64', rpm: 'riscv64', alpine: 'riscv64', oci: { architecture: 'riscv64' },
    qemu: { name: 'riscv64', magic: '7f454c460201010000000000000000000200f300', mask: 'ffffffffffffff00fffffffffffffffffeffffff' },
    linuxCc: { debian: debian('riscv64-linux-gnu', 'riscv64'), fedora: fedora('riscv64-linux-gnu'), suse: ['cross-riscv64-gcc14'], zig: 'riscv64-linux-gnu' },
  },
  {
    goarch: 's390x',
    pie: { linux: 'external' },
    elf: { machine: 22, bits: 64, endian: 'big' },
    machineNames: ['s390', 'ibm s/390', 's390x'],
    unameM: ['s390x'],
    nodeArch: 's390x',
    debian: 's390x', rpm: 's390x', alpine: 's390x', oci: { architecture: 's390x' },
    qemu: { name: 's390x', magic: '7f454c4602020100000000000000000000020016', mask: 'ffffffffffffff00fffffffffffffffffffeffff' },
    linuxCc: { debian: debian('s390x-linux-gnu', 's390x'), fedora: fedora('s390x-linux-gnu'), suse: ['cross-s390x-gcc14'], zig: 's390x-linux-gnu' },
  },
];
