/**
 * A one-line progress status for long work (`inspect -r` over many files, `sbom` of many files):
 * a counter and the current item, redrawn in place on stderr and erased at the end. Only on a
 * TTY that can move the cursor: nothing in CI, in a pipe, with --json, or with TERM=dumb.
 */
import type { Out } from './style.ts';
import { printable } from '../util/printable.ts';

export interface ProgressFacts {
  /** Whether the stream progress would go to (stderr) is a terminal. */
  isTTY: boolean;
  env: NodeJS.ProcessEnv;
  /** --json: machine output; nothing extra anywhere. */
  json: boolean;
}

/** The one decision: a live line, or nothing at all. */
export function showLiveProgress(facts: ProgressFacts): boolean {
  const ci = facts.env.CI !== undefined && facts.env.CI !== '' && facts.env.CI !== '0' && facts.env.CI !== 'false';
  return facts.isTTY && !facts.json && !ci && facts.env.TERM !== 'dumb';
}

export interface ProgressLine {
  /** Shows `text` (untrusted parts are escaped here), at most every `intervalMs`. */
  update(text: string): void;
  /** Erases the line if one is shown (before other output, and at the end). */
  clear(): void;
}

export interface ProgressLineOptions {
  /** Terminal width; the line is cut to fit so it never wraps (a wrapped line cannot be erased with \r). */
  columns?: number;
  /** Nothing is drawn before this much time has passed, so quick work shows no flicker. */
  delayMs?: number;
  intervalMs?: number;
  now?: () => number;
}

const NOTHING: ProgressLine = { update() {}, clear() {} };

export function progressLine(out: Pick<Out, 'write'>, enabled: boolean, options: ProgressLineOptions = {}): ProgressLine {
  if (!enabled) return NOTHING;
  const now = options.now ?? (() => performance.now());
  const start = now();
  const delay = options.delayMs ?? 200;
  const interval = options.intervalMs ?? 100;
  // A pseudo-terminal may report no size (0): assume 80 columns.
  const width = Math.max(10, (options.columns || 80) - 1);
  let last = -Infinity;
  let shown = false;
  return {
    update(text) {
      const t = now();
      if (t - start < delay || t - last < interval) return;
      last = t;
      const safe = printable(text);
      out.write(`\r${safe.length > width ? `${safe.slice(0, width - 1)}…` : safe}\u001b[K`);
      shown = true;
    },
    clear() {
      if (!shown) return;
      out.write('\r\u001b[K');
      shown = false;
    },
  };
}

/** "hashing app 120/800 MiB": a byte count of long work on one file (whole MiB; the name is escaped by update()). */
export function byteProgressText(doing: string, name: string, done: number, total: number): string {
  const mib = (n: number): number => Math.floor(n / (1024 * 1024));
  return `${doing} ${name} ${mib(done)}/${mib(total)} MiB`;
}
