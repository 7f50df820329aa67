/**
 * The verify report model: one result per target and stage. Serialised as-is by the JSON
 * reporter; every other reporter renders from it. Rendering never lives here.
 */
import type { Finding as CheckFinding } from '../core/check.ts';

/** 2: stage findings are core check findings ({ id, status, message, fix? }) instead of { id, ok, message }. */
export const VERIFY_SCHEMA_VERSION = 2;

export const STAGES = ['build', 'inspect', 'policy', 'compat', 'smoke', 'service'] as const;
export type StageName = (typeof STAGES)[number];

/** `pending`/`running` only appear in live events; a finished report holds the last three. */
export type StageStatus = 'pending' | 'running' | 'passed' | 'failed' | 'skipped';

/** A stage's finding: a check finding with the id of what made it. Only `fail` fails the stage. */
export interface Finding extends CheckFinding {
  /** Check id, e.g. "linkage/static-required", "health/component", "compat/centos7". */
  id: string;
}

export interface StageResult {
  stage: StageName;
  status: StageStatus;
  /** One line: why it failed or was skipped; a short verdict when it passed. */
  reason: string;
  durationMs: number;
  /** Full log of this stage (relative to the report directory when written by a reporter). */
  logPath?: string;
  /** The full log text (kept in memory; reporters write it to logPath). */
  log?: string;
  findings: Finding[];
}

export interface CompatRow {
  profile: string;
  runs: boolean;
  reasons: string[];
}

export interface ServiceComponent {
  /** Check (endpoint) it was reported by, e.g. "/healthz". */
  check: string;
  name: string;
  status: 'pass' | 'warn' | 'fail';
  output?: string;
}

export interface TargetFacts {
  artifact?: string;
  size?: number;
  sha256?: string;
  linkage?: string;
  interpreter?: string | null;
  needed?: string[];
  requiredGlibc?: string | null;
  stripped?: boolean;
  goVersion?: string;
  /** How emulated stages ran: "native", "qemu-aarch64-static", … */
  runner?: string;
  compat?: CompatRow[];
  components?: ServiceComponent[];
  port?: number;
}

export interface TargetResult {
  target: string;
  status: 'passed' | 'failed';
  stages: StageResult[];
  facts: TargetFacts;
  durationMs: number;
}

export interface VerifySummary {
  targets: number;
  passedTargets: number;
  failedTargets: number;
  stages: { passed: number; failed: number; skipped: number };
}

export interface VerifyReport {
  schemaVersion: typeof VERIFY_SCHEMA_VERSION;
  tool: { name: 'gocross'; version: string };
  package: string;
  startedAt: string;
  durationMs: number;
  ok: boolean;
  /** Skipped stages count as failures when true (`--fail-on-skip`). */
  failOnSkip: boolean;
  summary: VerifySummary;
  targets: TargetResult[];
}

/** A target fails when any stage failed, or any was skipped under failOnSkip. */
export function targetStatus(stages: readonly StageResult[], failOnSkip: boolean): 'passed' | 'failed' {
  return stages.some((s) => s.status === 'failed' || (failOnSkip && s.status === 'skipped')) ? 'failed' : 'passed';
}

export function summarize(targets: readonly TargetResult[]): VerifySummary {
  const stages = { passed: 0, failed: 0, skipped: 0 };
  for (const t of targets) {
    for (const s of t.stages) {
      if (s.status === 'passed' || s.status === 'failed' || s.status === 'skipped') stages[s.status]++;
    }
  }
  const passedTargets = targets.filter((t) => t.status === 'passed').length;
  return { targets: targets.length, passedTargets, failedTargets: targets.length - passedTargets, stages };
}
