/** A setup plan: the exact package-manager steps that make a host ready for some targets. */
import type { Target } from '../platform/target.ts';
import type { OsFamily } from '../host/os-release.ts';
import type { PackageManager } from '../host/package-manager.ts';

export type StepKind = 'repo' | 'refresh' | 'install';

export interface SetupStep {
  kind: StepKind;
  description: string;
  /** argv, run as-is (prefixed with sudo when not root). */
  command: string[];
  env?: Record<string, string>;
  /** install steps: the packages (apply skips the installed ones and says so). */
  packages?: string[];
  /** repo steps that write a file instead of running a command. */
  writeFile?: { path: string; content: string };
  /** repo steps: already done when one of these files contains this text. */
  doneWhen?: { files: string[]; contains: string };
}

export interface SetupPlan {
  packageManager: PackageManager;
  family: OsFamily;
  /** "debian 12", "rocky 9.3"… */
  os: string;
  targets: string[];
  steps: SetupStep[];
  /** Caveats: EPEL, no target glibc in EL's cross gcc, old distro Go… */
  notes: string[];
  /** Packages left out because the host already has them (setup/plan.ts withoutInstalled). */
  alreadyInstalled?: string[];
}

export interface PlanInput {
  family: OsFamily;
  /** os-release ID and VERSION_ID ("rocky", "9.3"). */
  osId: string;
  versionId: string;
  codename: string | null;
  packageManager: PackageManager;
  hostGoarch: string;
  /** Parsed by the one target grammar (platform/target.ts). */
  targets: Target[];
  /** Plan C cross compilers for CGO (default true). */
  cgo?: boolean;
  /** Extra packages to install with the rest (`--also`). */
  extra?: string[];
}

/** What a family planner returns; plan.ts adds the common parts. */
export interface FamilyPlan {
  steps: SetupStep[];
  notes: string[];
}

export interface Needs {
  /** GOARCHes that need QEMU (foreign Linux targets). */
  qemu: string[];
  /** GOARCHes that need a C compiler (Linux targets, CGO). */
  cc: string[];
}
