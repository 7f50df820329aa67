/** The shape of one row of the platform table (see arches.ts for the rows and their sources). */

export type Endian = 'little' | 'big';

export interface ElfFacts {
  /** e_machine (EM_*). */
  machine: number;
  /** ELFCLASS32 or ELFCLASS64, as a bit width. */
  bits: 32 | 64;
  endian: Endian;
}

/** A QEMU user-mode target: interpreter qemu-<name>[-static], and the binfmt_misc magic/mask (hex) it registers. */
export interface QemuFacts {
  name: string;
  magic: string;
  mask: string;
}

/** One GNU cross toolchain: `<triplet>-gcc`, installed by `packages`, with its libc under /usr/<triplet>. */
export interface Toolchain {
  triplet: string;
  packages: readonly string[];
}

/** How each distro family names the C cross compiler for a linux target of this arch. */
export interface LinuxCrossCompilers {
  /** Debian/Ubuntu: gcc-<triplet> + libc6-dev-<debarch>-cross (brings the target glibc). */
  debian?: Toolchain;
  /** Debian's soft-float EABI toolchain (armel), used for GOARM=5 and 6. */
  debianSoftFloat?: Toolchain;
  /** Fedora/EL (EPEL): gcc-<triplet> + binutils-<triplet>, which ship no target glibc. */
  fedora?: Toolchain;
  /** openSUSE: cross-<arch>-gcc14, no target glibc either. */
  suse?: readonly string[];
  /** zig's target (a glibc version may be appended as .2.17); softFloat for GOARM=5/6. */
  zig: string;
  zigSoftFloat?: string;
}

/** The MinGW-w64 compiler for windows targets of this arch. */
export interface WindowsCrossCompiler {
  triplet: string;
  /** Debian/Ubuntu package (a note in parentheses where none ships). */
  debian: string;
  /** Fedora/EL package. */
  fedora?: string;
  zig: string;
}

export interface OciPlatform {
  architecture: string;
  variant?: string;
}

/**
 * How `go build -buildmode=pie` links on one GOOS: 'internal' = Go's own linker (works with
 * CGO_ENABLED=0; on linux the result is dynamically linked, PT_INTERP the glibc loader, never
 * static-pie), 'external' = only through the C linker, i.e. with cgo.
 */
export type PieLinking = 'internal' | 'external';

export interface Arch {
  /** GOARCH; every Go architecture has exactly one row. */
  goarch: string;
  /** The GOARM/GOAMD64/… sub-setting, when the arch has one. */
  variant?: VariantSpec;
  /** Null where Go does not produce ELF for the arch (none today). */
  elf: ElfFacts;
  /** Lower-case machine names the binary readers print (ELF, PE, Mach-O), as compat matches them. */
  machineNames: readonly string[];
  /** `uname -m` names of kernels running this arch. */
  unameM: readonly string[];
  /** Node's process.arch on this arch, if Node runs there. */
  nodeArch?: string;
  /** dpkg --print-architecture; GOARM=5/6 builds are armel rather than armhf. */
  debian?: string;
  debianSoftFloat?: string;
  /** rpm --eval %_arch. */
  rpm?: string;
  /** Alpine's apk arch. */
  alpine?: string;
  oci?: OciPlatform;
  qemu?: QemuFacts;
  linuxCc?: LinuxCrossCompilers;
  windowsCc?: WindowsCrossCompiler;
  /** -buildmode=pie per GOOS (absent: Go has no PIE there). */
  pie?: Readonly<Partial<Record<string, PieLinking>>>;
}

/** An architecture QEMU emulates and binfmt must recognise, but Go has no port for. */
export interface QemuOnlyArch {
  elf: ElfFacts;
  qemu: QemuFacts;
}

export type VariantName = 'GOARM' | 'GOAMD64' | 'GOARM64' | 'GO386' | 'GOMIPS' | 'GOMIPS64' | 'GOPPC64' | 'GORISCV64';

export interface VariantSpec {
  name: VariantName;
  /** Base values with the Go minor release that introduced each. */
  values: ReadonlyArray<readonly [value: string, sinceMinor: number]>;
  /** Optional `,suffix` options (e.g. GOARM=7,softfloat) and the release that introduced them. */
  suffixes: readonly string[];
  suffixesSince: number;
  /** Whether several suffixes may be combined (GOARM64=v8.2,lse,crypto). */
  multipleSuffixes: boolean;
}
