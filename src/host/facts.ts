/** Everything doctor knows about a host: gathered once (collect.ts), judged by pure checks. */
import type { BinfmtFact } from './binfmt.ts';
import type { CrossCompilerFact } from './cross-cc.ts';
import type { GoCacheFact } from './disk.ts';
import type { GoFacts } from './go.ts';
import type { KernelFact } from './kernel.ts';
import type { LibcFact } from './libc.ts';
import type { OsRelease } from './os-release.ts';
import type { PackageManager } from './package-manager.ts';
import type { ProgramFact } from './programs.ts';
import type { QemuFact } from './qemu.ts';
import type { LockCheck } from '../lock/check.ts';

export interface HostFacts {
  root: string;
  /** GOARCH of the host machine. */
  hostGoarch: string;
  /** GOARCHes of the Linux targets the user builds for (cross compilers, QEMU). */
  targets: string[];
  os: OsRelease | null;
  kernel: KernelFact | null;
  libc: LibcFact | null;
  binutils: ProgramFact | null;
  go: GoFacts;
  crossCompilers: CrossCompilerFact[];
  zig: ProgramFact | null;
  qemu: QemuFact[];
  binfmt: BinfmtFact;
  goCache: GoCacheFact | null;
  packageManager: PackageManager | null;
  /** gocross.lock comparison, when the project has one. */
  lock: LockCheck | null;
  /** Why gocross.lock could not be read, when it is broken. */
  lockError: string | null;
  /** doctor --locked: a lock difference is a failure, not a warning. */
  lockRequired: boolean;
}
