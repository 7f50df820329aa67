/** Typed events of a verify run; renderers (src/report/terminal.ts) decide how to show them. */
import type { StageName, StageResult, TargetResult, VerifyReport } from './model.ts';

export type VerifyEvent =
  | { type: 'start'; targets: string[]; stages: readonly StageName[] }
  | { type: 'stage-start'; target: string; stage: StageName }
  | { type: 'stage-end'; target: string; result: StageResult }
  | { type: 'target-end'; result: TargetResult }
  | { type: 'end'; report: VerifyReport };

export type VerifyListener = (event: VerifyEvent) => void;
