/**
 * One reporter per format behind one interface: each sees the live events and the final report.
 * Reporters write through the sinks they are given; the library never touches stdout itself.
 */
import type { VerifyEvent } from '../verify/events.ts';
import type { StageStatus, VerifyReport } from '../verify/model.ts';

export interface Reporter {
  onEvent(event: VerifyEvent): void;
  /** Called once with the finished report. */
  finish(report: VerifyReport): Promise<void>;
}

export const STATUS_SYMBOL: Record<StageStatus, string> = { pending: '·', running: '…', passed: '✓', failed: '✗', skipped: '–' };

/** "linux/arm/7" → "linux_arm_7": file and id friendly. */
export function slug(target: string): string {
  return target.replace(/[^A-Za-z0-9.-]+/g, '_');
}

export function formatBytes(n: number | undefined): string {
  if (n === undefined) return '';
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KiB`;
  return `${(n / 1024 / 1024).toFixed(1)} MiB`;
}

export function formatMs(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${(ms / 1000).toFixed(1)} s`;
}
