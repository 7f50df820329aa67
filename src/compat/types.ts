/** The data model of compatibility checks: target profiles, reasons and verdicts. */

export type Libc = 'glibc' | 'musl';
export type ProfileOs = 'linux' | 'darwin' | 'windows';

/**
 * A place a binary should run: a distro release (or a macOS/Windows version).
 * `cpu` holds the lowest CPU level the target supports, keyed by the Go build setting that
 * selects it (GOAMD64, GOARM, GOARM64, GOPPC64, GORISCV64, GO386).
 */
export interface Profile {
  id: string;
  name: string;
  os: ProfileOs;
  /** Linux only. */
  libc?: Libc;
  /** glibc or musl version the distro ships (Linux only). */
  libcVersion?: string;
  /** Highest GLIBCXX_ version of the distro's libstdc++, when known. */
  glibcxx?: string;
  /** Oldest kernel the profile runs (Linux), or null when it varies (containers, Alpine). */
  kernel?: string | null;
  /** macOS or Windows version ("12", "10", "8.1"). */
  osVersion?: string;
  /** GOARCH names the distro ships. */
  arches: string[];
  cpu?: Partial<Record<CpuSetting, string>>;
  /** Where the numbers come from. */
  source?: string;
  custom?: boolean;
}

export type CpuSetting = 'GOAMD64' | 'GOARM' | 'GOARM64' | 'GOPPC64' | 'GORISCV64' | 'GO386';

export type ReasonCode =
  | 'os'
  | 'arch'
  | 'libc'
  | 'interpreter'
  | 'symbol-version'
  | 'cpu-level'
  | 'go-kernel'
  | 'go-os-version';

/** Why a binary does not run on a profile, with the evidence (symbols, settings) that lets a user fix it. */
export interface Reason {
  code: ReasonCode;
  message: string;
  /** For symbol-version reasons: the library, the version and the symbols bound to it. */
  library?: string;
  version?: string;
  symbols?: string[];
  fix?: string;
}

export interface Verdict {
  profile: string;
  profileName: string;
  runs: boolean;
  reasons: Reason[];
  /** Checks that could not be decided (unknown kernel…), not failures. */
  notes: string[];
}

/** What a binary needs, independent of any profile: the basis of the widest statement. */
export interface Requirements {
  os: string;
  arch: string | null;
  endian: 'little' | 'big';
  /** 'static' binaries need no libc. */
  libc: Libc | 'none' | 'unknown';
  interpreter: string | null;
  glibc: string | null;
  glibcxx: string | null;
  /** Minimum kernel (Linux) or OS version from the Go release, or null. */
  kernel: string | null;
  osVersion: string | null;
  cpu: { setting: CpuSetting; level: string } | null;
  /** x86-64 level (v1…v4) named by the GNU property note's "x86 ISA needed", or null. */
  x86IsaLevel: string | null;
  goVersion: string | null;
}
