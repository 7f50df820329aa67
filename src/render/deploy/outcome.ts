/**
 * How a host's outcome and a step's status look on a terminal: one row per value, read by the live,
 * plain and summary renderers alike (the HTML and JUnit reports use the names, not these colours).
 */
import type { HostOutcome, StepStatus } from '../../deploy/model.ts';
import type { Style } from '../style.ts';

export const OUTCOME_LOOK: Readonly<Record<HostOutcome, { symbol: string; style: Style; words: string }>> = {
  updated: { symbol: '✓', style: 'green', words: 'updated' },
  unchanged: { symbol: '=', style: 'green', words: 'unchanged' },
  'rolled-back': { symbol: '↩', style: 'yellow', words: 'rolled back' },
  reverted: { symbol: '↺', style: 'yellow', words: 'reverted by the device' },
  refused: { symbol: '⊘', style: 'red', words: 'refused' },
  failed: { symbol: '✗', style: 'red', words: 'failed' },
  untouched: { symbol: '·', style: 'gray', words: 'untouched' },
};

export const STEP_LOOK: Readonly<Record<StepStatus, { symbol: string; style: Style }>> = {
  ok: { symbol: '✓', style: 'green' },
  fail: { symbol: '✗', style: 'red' },
  skip: { symbol: '–', style: 'gray' },
};
