/** Reading structured log lines (JSON objects or logfmt) into records: pure, one line at a time. */

export type LogRecord = Record<string, unknown>;

export interface LogLine {
  stream: 'stdout' | 'stderr';
  /** 1-based line number within its stream. */
  number: number;
  text: string;
}

export type ParsedLine = { ok: true; record: LogRecord } | { ok: false; error: string };

/** The non-empty lines of the selected streams, numbered within each stream. */
export function logLines(streams: { stdout: string; stderr: string }, which: 'stdout' | 'stderr' | 'both'): LogLine[] {
  const out: LogLine[] = [];
  for (const stream of ['stdout', 'stderr'] as const) {
    if (which !== 'both' && which !== stream) continue;
    streams[stream].split('\n').forEach((text, i) => {
      const line = text.replace(/\r$/, '');
      if (line.trim()) out.push({ stream, number: i + 1, text: line });
    });
  }
  return out;
}

export function parseJsonLine(text: string): ParsedLine {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { ok: false, error: 'not JSON' };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { ok: false, error: 'not a JSON object' };
  return { ok: true, record: value as LogRecord };
}

/** logfmt (key=value, key="quoted \"value\"", bare key = true), as Heroku and go-kit write it. */
export function parseLogfmtLine(text: string): ParsedLine {
  const record: LogRecord = {};
  let i = 0;
  const n = text.length;
  while (i < n) {
    while (i < n && text[i] === ' ') i++;
    if (i >= n) break;
    const keyStart = i;
    while (i < n && text[i] !== '=' && text[i] !== ' ' && text[i] !== '"') i++;
    const key = text.slice(keyStart, i);
    if (!key) return { ok: false, error: `not logfmt (unexpected ${JSON.stringify(text[i])} at column ${i + 1})` };
    if (text[i] !== '=') {
      record[key] = true;
      continue;
    }
    i++;
    if (text[i] === '"') {
      let value = '';
      i++;
      while (i < n && text[i] !== '"') {
        if (text[i] === '\\' && i + 1 < n) {
          const c = text[i + 1]!;
          value += c === 'n' ? '\n' : c === 't' ? '\t' : c;
          i += 2;
        } else value += text[i++];
      }
      if (i >= n) return { ok: false, error: `not logfmt (unterminated quote in ${key})` };
      i++;
      record[key] = value;
    } else {
      const start = i;
      while (i < n && text[i] !== ' ') i++;
      record[key] = text.slice(start, i);
    }
  }
  if (!Object.keys(record).length) return { ok: false, error: 'not logfmt (no key=value pairs)' };
  return { ok: true, record };
}

/** Every field of a record with its dotted path (nested JSON objects flattened), for forbidden-field and pattern checks. */
export function fieldsOf(record: LogRecord, prefix = ''): Array<{ path: string; key: string; value: unknown }> {
  const out: Array<{ path: string; key: string; value: unknown }> = [];
  for (const [key, value] of Object.entries(record)) {
    const path = prefix ? `${prefix}.${key}` : key;
    out.push({ path, key, value });
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) out.push(...fieldsOf(value as LogRecord, path));
  }
  return out;
}

const RFC3339 = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):[0-5]\d:([0-5]\d|60)(\.\d+)?(Z|[+-]([01]\d|2[0-3]):[0-5]\d)$/i;

export function isRfc3339(value: unknown): boolean {
  return typeof value === 'string' && RFC3339.test(value) && !Number.isNaN(Date.parse(value));
}
