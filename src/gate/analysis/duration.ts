/** Prometheus-style durations ("30s", "5m", "1h30m", "250ms") in milliseconds; one grammar, parsed here. */
import { GocrossError } from '../../core/errors.ts';

const UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000, y: 31_536_000_000 };

export class DurationError extends GocrossError {
  constructor(text: string) {
    super('config', `Cannot read duration "${text}": expected a number and unit, e.g. 30s, 5m, 1h30m (units ms s m h d w y)`);
  }
}

export function parseDuration(text: string | number): number {
  if (typeof text === 'number') {
    if (!Number.isFinite(text) || text < 0) throw new DurationError(String(text));
    return text * 1000;
  }
  const trimmed = text.trim();
  if (trimmed === '0') return 0;
  const parts = [...trimmed.matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h|d|w|y)/g)];
  if (parts.length === 0 || parts.map((p) => p[0]).join('') !== trimmed) throw new DurationError(text);
  return parts.reduce((total, p) => total + Number(p[1]) * UNITS[p[2]!]!, 0);
}

/** 90000 → "1m30s": how durations are shown back and put into PromQL offsets. */
export function formatDuration(ms: number): string {
  if (ms === 0) return '0s';
  let rest = Math.round(ms);
  let out = '';
  for (const [unit, size] of [['h', 3_600_000], ['m', 60_000], ['s', 1000], ['ms', 1]] as const) {
    const n = Math.floor(rest / size);
    if (n > 0) out += `${n}${unit}`;
    rest -= n * size;
  }
  return out;
}
