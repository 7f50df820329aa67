/**
 * What verify needs from the other areas, as narrow interfaces: building (src/build), reading
 * (src/binary), judging compatibility (src/compat) and running (src/emulate). The default
 * implementations live in adapters.ts; tests of the orchestration can pass their own.
 */
import type { Target } from '../platform/target.ts';
import type { BinaryInfo } from '../binary/types.ts';
import type { Launch } from './service.ts';
import type { RunOutcome } from './smoke.ts';
import type { RunPlan } from './stages.ts';

export interface BuiltTarget {
  target: string;
  ok: boolean;
  artifactPath: string | null;
  size: number;
  sha256: string | null;
  durationMs: number;
  /** Command, env and the compiler's output: the build stage's log. */
  log: string;
  /** One line: the first compiler error, or a short verdict. */
  reason: string;
}

export interface BuildRequest {
  dir: string;
  pkg: string | undefined;
  targets: Target[];
  /** Target ids in the order their builds should start (the report keeps the targets' order). */
  order?: string[];
  jobs: number | undefined;
  cgo: boolean | undefined;
  configFile: string | null;
  signal: AbortSignal | undefined;
  onTargetStart(target: string): void;
  onTargetDone(result: BuiltTarget): void;
}

export interface Builder {
  /** Resolves target specs (globs, negations) to targets, or throws a usage error. */
  resolveTargets(specs: string[], dir: string): Promise<Target[]>;
  /** Builds every target; reports each as it finishes; never throws for a failing target. */
  build(request: BuildRequest): Promise<{ outputDir: string }>;
}

export interface CompatVerdict {
  profile: string;
  runs: boolean;
  reasons: string[];
}

export interface CompatJudge {
  /** Throws (usage error) when a profile name is unknown. */
  checkProfileNames(names: readonly string[]): void;
  evaluate(info: BinaryInfo, profiles: readonly string[]): CompatVerdict[];
}

export interface Emulator {
  /** Whether and how this host can run the binary (native, qemu-<arch>, …). */
  plan(path: string, info: BinaryInfo): Promise<RunPlan>;
  runOnce(path: string, info: BinaryInfo, args: string[], env: Record<string, string>, timeoutMs: number, signal?: AbortSignal): Promise<RunOutcome & { command: string }>;
  launcher(path: string, info: BinaryInfo): Launch;
}

export interface VerifyDeps {
  builder: Builder;
  inspect(path: string): Promise<BinaryInfo>;
  compat: CompatJudge;
  emulator: Emulator;
}
