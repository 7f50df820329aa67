/** W3C Trace Context `traceparent` (https://www.w3.org/TR/trace-context/#traceparent-header): one parser, one formatter. */
import { randomBytes } from 'node:crypto';

export interface TraceParent {
  version: string;
  /** 32 lower-case hex digits, not all zero. */
  traceId: string;
  /** 16 lower-case hex digits, not all zero: the caller's span. */
  parentId: string;
  flags: string;
}

const FORMAT = /^([0-9a-f]{2})-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$/;

/** The parsed header, or null when it is not a valid traceparent. */
export function parseTraceParent(header: string | null | undefined): TraceParent | null {
  const m = FORMAT.exec(header?.trim() ?? '');
  if (!m) return null;
  const [, version, traceId, parentId, flags] = m as unknown as [string, string, string, string, string];
  if (version === 'ff' || /^0+$/.test(traceId) || /^0+$/.test(parentId)) return null;
  return { version, traceId, parentId, flags };
}

export function formatTraceParent(t: Pick<TraceParent, 'traceId' | 'parentId'> & { flags?: string }): string {
  return `00-${t.traceId}-${t.parentId}-${t.flags ?? '01'}`;
}

/** A fresh sampled traceparent with random ids. */
export function newTraceParent(): TraceParent {
  return { version: '00', traceId: randomBytes(16).toString('hex'), parentId: randomBytes(8).toString('hex'), flags: '01' };
}
