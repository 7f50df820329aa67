/**
 * Reading health endpoints into per-component results. Pure: takes the response body and its
 * content type. Two formats:
 *  - application/health+json (draft-inadarei-api-health-check): { status, checks: { "name:measurement": [ { componentId?, status, output? } ] } }
 *  - Kubernetes ?verbose text: "[+]etcd ok" / "[-]etcd failed: reason withheld", then "healthz check passed|failed".
 */
import type { HealthFormat } from './config.ts';

export type HealthStatus = 'pass' | 'warn' | 'fail';

export interface ComponentHealth {
  name: string;
  status: HealthStatus;
  output?: string;
}

export interface HealthReport {
  format: 'json' | 'verbose';
  /** Overall status as reported (or derived from the components when absent). */
  status: HealthStatus;
  components: ComponentHealth[];
}

/** The draft allows aliases: "ok"/"up" for pass, "error"/"down" for fail. */
function normalizeStatus(value: unknown): HealthStatus | null {
  if (typeof value !== 'string') return null;
  const v = value.toLowerCase();
  if (v === 'pass' || v === 'ok' || v === 'up') return 'pass';
  if (v === 'warn') return 'warn';
  if (v === 'fail' || v === 'error' || v === 'down') return 'fail';
  return null;
}

function worst(statuses: HealthStatus[]): HealthStatus {
  return statuses.includes('fail') ? 'fail' : statuses.includes('warn') ? 'warn' : 'pass';
}

export function parseHealthJson(body: unknown): HealthReport | null {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return null;
  const doc = body as Record<string, unknown>;
  const status = normalizeStatus(doc.status);
  if (status === null) return null;
  const components: ComponentHealth[] = [];
  const checks = doc.checks;
  if (typeof checks === 'object' && checks !== null && !Array.isArray(checks)) {
    for (const [key, entries] of Object.entries(checks as Record<string, unknown>)) {
      const list = Array.isArray(entries) ? entries : [entries];
      for (const entry of list) {
        if (typeof entry !== 'object' || entry === null) continue;
        const e = entry as Record<string, unknown>;
        const name = typeof e.componentId === 'string' && e.componentId ? e.componentId : (key.split(':')[0] ?? key);
        const output = typeof e.output === 'string' && e.output ? e.output : undefined;
        components.push({ name, status: normalizeStatus(e.status) ?? 'fail', ...(output ? { output } : {}) });
      }
    }
  }
  return { format: 'json', status, components };
}

const VERBOSE_LINE = /^\[([+-])\](\S+) (ok|failed)(?:: ?(.*))?$/;
const VERBOSE_VERDICT = /^(\S+) check (passed|failed)$/;

export function parseHealthVerbose(text: string): HealthReport | null {
  const components: ComponentHealth[] = [];
  let verdict: HealthStatus | null = null;
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    const m = VERBOSE_LINE.exec(line);
    if (m) {
      const failed = m[1] === '-' || m[3] === 'failed';
      components.push({ name: m[2]!, status: failed ? 'fail' : 'pass', ...(failed && m[4] ? { output: m[4] } : {}) });
      continue;
    }
    const v = VERBOSE_VERDICT.exec(line);
    if (v) verdict = v[2] === 'passed' ? 'pass' : 'fail';
  }
  if (components.length === 0 && verdict === null) return null;
  return { format: 'verbose', status: verdict ?? worst(components.map((c) => c.status)), components };
}

/** Reads a health response in the requested format ('auto' tries JSON, then verbose text). */
export function parseHealth(body: string, contentType: string | null, format: HealthFormat): HealthReport | null {
  if (format === 'none') return null;
  if (format === 'json' || format === 'auto') {
    let doc: unknown;
    try {
      doc = JSON.parse(body);
    } catch {
      if (format === 'json' || /json/i.test(contentType ?? '')) return null;
    }
    if (doc !== undefined) return parseHealthJson(doc);
  }
  return parseHealthVerbose(body);
}
