/**
 * gocross library entry: the use cases (inspect, build, verify, compat, doctor, setup, lock, sbom,
 * strip, size, run, targets, config, deploy), the types they take and return, and the errors they throw.
 * Renderers, tables and helpers stay internal; package.json#exports makes this the whole surface.
 */

// Errors
export { GocrossError, EXIT_CODES, kindOf, isGocrossError, type ErrorKind, type GocrossErrorOptions } from './core/errors.ts';
export { BinaryError, FormatError, UnrecognizedFormatError, BinaryIoError, type BinaryErrorCode } from './binary/errors.ts';
export { ProcessError } from './process/run.ts';
export { ToolchainError, CompilerNotFoundError } from './gobuild/errors.ts';
export { TargetSyntaxError } from './platform/errors.ts';
export { ConfigError, type ConfigProblem } from './config/errors.ts';
export { ProfileConfigError } from './compat/custom.ts';
export { UnknownProfileError } from './compat/resolve.ts';
export { SetupError } from './setup/from-host.ts';
export { LockMismatchError } from './lock/check.ts';
export { LockFileError } from './lock/lockfile.ts';
export { VerifyConfigError } from './verify/config.ts';
export { BinfmtError, BinfmtFormatError } from './emulate/binfmt/errors.ts';
export { RunRefusedError } from './emulate/run/execute.ts';
export { StripRefusedError } from './strip/errors.ts';
export { SbomError } from './sbom/build-info.ts';

// Inspect
export { inspectFile, inspectBytes, detectFormat } from './binary/inspect.ts';
export type * from './binary/types.ts';

// Config
export { loadConfig, parseConfig, findConfigFile } from './config/load.ts';
export type { GocrossConfig, BuildConfig, BuildProfile } from './config/types.ts';

// Targets and build
export { listTargets } from './gobuild/dist-list.ts';
export { parseTargets } from './platform/target-syntax.ts';
export { findToolchains, chooseToolchain, type FindToolchainsOptions } from './gobuild/toolchains.ts';
export { planBuild, type PlannedBuild, type VcsInfo } from './gobuild/plan.ts';
export { buildMatrix, type BuildMatrixOptions, type ArtifactPostStep } from './gobuild/runner.ts';
export { checkReproducible, type ReproducibilityReport } from './gobuild/reproducible.ts';
export { readManifest, type Manifest, type ManifestArtifact } from './gobuild/manifest.ts';
export type { BuildEvent, BuildEventListener } from './gobuild/events.ts';
export type { ArtifactResult, ArtifactFacts, BuildResult } from './gobuild/result.ts';
export type { Toolchain, ToolchainSource } from './gobuild/types.ts';
export type { Target, Variant, TargetInfo } from './platform/target.ts';
export { resolveGoEnv, type ResolvedGoEnv, type GoEnvEntry, type GoEnvLayer, type GoEnvTrap } from './gobuild/goenv.ts';

export type { Check, CheckResult, Finding, Status as CheckStatus } from './core/check.ts';

// Compat
export { evaluate as evaluateCompat } from './compat/evaluate.ts';
export { requirementsOf } from './compat/requirements.ts';
export { resolveProfiles } from './compat/resolve.ts';
export type { Profile, Verdict, Reason, ReasonCode, Requirements, Libc, CpuSetting } from './compat/types.ts';

// Doctor, setup, lock
export { collectHostFacts, type CollectOptions } from './host/collect.ts';
export { collectDoctorFacts, type DoctorFactsOptions } from './host/doctor/collect.ts';
export type { HostFacts } from './host/facts.ts';
export { runChecks, type DoctorReport } from './host/doctor/run.ts';
export { planSetup } from './setup/plan.ts';
export { planInputFromHost } from './setup/from-host.ts';
export { applyPlan, type ApplyEvent, type ApplyResult, type ApplyOptions } from './setup/apply.ts';
export type { SetupPlan, SetupStep, PlanInput } from './setup/types.ts';
export { checkLock, type LockCheck, type CheckLockOptions } from './lock/check.ts';
export { readLock, writeLock, type LockFile, type ToolVersions } from './lock/lockfile.ts';
export { collectToolVersions } from './lock/versions.ts';

// Verify
export { verify, type VerifyOptions } from './verify/verify.ts';
export type { VerifyConfig } from './verify/config.ts';
export { VERIFY_SCHEMA_VERSION, type StageName, type StageStatus, type StageResult, type TargetResult, type VerifyReport } from './verify/model.ts';
export type { VerifyEvent, VerifyListener } from './verify/events.ts';

// Deploy
export {
  deploy,
  rollback,
  listReleases,
  deployConfigOf,
  normalizeDeployConfig,
  DeployConfigError,
  selectHosts,
  describeSelection,
  planWaves,
  failureBudget,
  releaseIdOf,
  statePathOf,
} from './deploy/index.ts';
export type * from './deploy/index.ts';

// Emulate and run
export { readBinfmtStatus } from './emulate/binfmt/read-status.ts';
export { installBinfmt, uninstallBinfmt, type InstallReport } from './emulate/binfmt/install.ts';
export { findQemu, listQemu, type QemuBinary } from './emulate/qemu/find-qemu.ts';
export { runBinary, startBinary, type RunBinaryOptions, type RunBinaryResult, type StartedBinary } from './emulate/run/execute.ts';

// Strip, size, SBOM
export { stripFile, type StripOptions, type StripResult } from './strip/strip-file.ts';
export type { StripMode } from './strip/policy.ts';
export { sizeFile } from './size/size-file.ts';
export { compareSizes, type SizeComparison, type SizeDelta } from './size/compare.ts';
export type { SizeReport, SectionSize, PackageSize } from './size/report.ts';
export { generateSbom, writeSbomForArtifact, type SbomOptions, type WrittenSbom } from './sbom/generate.ts';
export { verifySbom, type VerifyResult as SbomVerifyResult } from './sbom/verify.ts';
export type { SbomFormat } from './sbom/document-options.ts';

// The platform table and the target grammar have their own entry: `gocross/platform`
// (src/platform/index.ts). Compat profiles and the other tables stay internal.
