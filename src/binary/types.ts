/**
 * The facts the reader reports about one executable. This is the library's data model and,
 * serialised as-is, each entry of `gocross inspect --json` (schemaVersion 1).
 */
import type { Endian } from './endian.ts';

export type Format = 'elf' | 'pe' | 'macho' | 'macho-fat';
export type Kind = 'executable' | 'shared-library' | 'object' | 'core' | 'unknown';
export type Linkage = 'static' | 'static-pie' | 'dynamic';

export interface Section {
  name: string;
  /** Size in the file (0 for NOBITS/zero-fill sections such as .bss). */
  size: number;
  /** Size in memory, when it differs from `size` (e.g. .bss). */
  memSize?: number;
  /** File offset, or null when the section occupies no file bytes. */
  offset: number | null;
  /** Virtual address as a hex string (addresses may exceed 2^53). */
  address: string;
  /** ELF section type name (PROGBITS, NOBITS…) or PE/Mach-O equivalent. */
  type: string;
  flags: string[];
}

export interface Segment {
  type: string;
  offset: number;
  fileSize: number;
  memSize: number;
  vaddr: string;
  /** r/w/x */
  flags: string;
}

export interface VersionNeed {
  file: string;
  versions: string[];
  /** Dynamic symbols bound to each version, e.g. { "GLIBC_2.34": ["__libc_start_main"] } (empty when no .gnu.version). */
  symbols: Record<string, string[]>;
}

export interface ElfSecurity {
  nx: boolean;
  relro: 'none' | 'partial' | 'full';
  pie: boolean;
  canary: boolean;
  rpath: boolean;
  runpath: boolean;
  /**
   * FORTIFY_SOURCE as checksec counts it: glibc functions called through their `__*_chk` variant
   * (fortified) out of those called that have one (fortifiable). Set by readElf().
   */
  fortify?: { fortified: number; fortifiable: number };
}

/** What NT_GNU_PROPERTY_TYPE_0 notes mark (readelf -n "Properties:"); empty lists when unmarked. */
export interface GnuProperties {
  /** GNU_PROPERTY_X86_ISA_1_NEEDED, e.g. ['x86-64-baseline', 'x86-64-v2', 'x86-64-v3']. */
  x86IsaNeeded: string[];
  /** GNU_PROPERTY_X86_FEATURE_1_AND: 'IBT', 'SHSTK' (CET). */
  x86Features: string[];
  /** GNU_PROPERTY_AARCH64_FEATURE_1_AND: 'BTI', 'PAC'. */
  aarch64Features: string[];
}
export interface PeSecurity {
  aslr: boolean;
  highEntropyVa: boolean;
  nx: boolean;
  cfg: boolean;
}
export interface MachoSecurity {
  pie: boolean;
  allowStackExecution: boolean;
  noHeapExecution: boolean;
}
export type Security = ElfSecurity | PeSecurity | MachoSecurity;

export interface GoModule {
  path: string;
  version: string;
  sum: string | null;
  replace: GoModule | null;
}

export interface GoBuildInfo {
  /** e.g. "go1.23.4" */
  version: string;
  /** Main package path (e.g. "example.com/hello" or "command-line-arguments"). */
  path: string;
  main: GoModule | null;
  deps: GoModule[];
  /** build settings in file order, e.g. { "GOARCH": "arm64", "-trimpath": "true" } */
  settings: Record<string, string>;
}

export interface BinaryInfo {
  format: Format;
  goos: string | null;
  goarch: string | null;
  /** Machine name, e.g. "AArch64", "x86-64", "ARM", "MIPS", "i386". */
  machine: string;
  bits: 32 | 64;
  endian: Endian;
  kind: Kind;
  pie: boolean;
  linkage: Linkage;
  interpreter: string | null;
  needed: string[];
  rpath: string[];
  runpath: string[];
  versionNeeds: VersionNeed[];
  /** Highest GLIBC_x.y needed: the oldest glibc that can load it. */
  requiredGlibc: string | null;
  buildId: { gnu: string | null; go: string | null };
  stripped: boolean;
  debugInfo: boolean;
  security: Security;
  /** ELF only: GNU property notes (x86 ISA level needed, CET, BTI/PAC). */
  gnuProperties?: GnuProperties;
  sections: Section[];
  segments: Segment[];
  go: GoBuildInfo | null;
  /** Format-specific extras (ELF OSABI, PE subsystem, Mach-O cpu subtype…). */
  details: Record<string, string | number | boolean | null>;
  /** Fat Mach-O only: one entry per architecture slice. */
  slices?: BinaryInfo[];
  /** Non-fatal problems (e.g. unreadable optional table): reported, not thrown. */
  warnings: string[];
}
