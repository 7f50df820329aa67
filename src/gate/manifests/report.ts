/** The result of `gocross gate manifests`, as every reporter (terminal, JSON, SARIF, JUnit, GitHub) reads it. */
import type { Status } from '../../core/check.ts';
import type { IgnoreProblem } from './ignores.ts';
import type { Category, ReportFinding } from './model.ts';
import type { InputProblem } from './parse.ts';

export const GATE_SCHEMA_VERSION = 1;

export interface RuleSummary {
  id: string;
  title: string;
  severity: 'warn' | 'fail';
  category: Category;
  fix: string;
  /** Worst status of the rule's findings that no ignore silenced ('pass' when none). */
  status: Status;
}

export interface ListedIgnore {
  rule: string;
  reason: string;
  source: string;
  objects: string[];
  containers: string[];
  /** Findings it silenced: an ignore that matches nothing is stale. */
  matched: number;
}

export interface GateReport {
  schemaVersion: number;
  /** No finding at or above failOn (ignored ones aside), no input problem, no refused ignore. */
  ok: boolean;
  failOn: 'warn' | 'fail';
  summary: { files: number; objects: number; workloads: number; fail: number; warn: number; info: number; ignored: number };
  rules: RuleSummary[];
  findings: ReportFinding[];
  ignores: ListedIgnore[];
  ignoreProblems: IgnoreProblem[];
  inputProblems: InputProblem[];
}
