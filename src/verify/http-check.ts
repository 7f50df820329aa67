/** An HTTP check's verdict from a response: pure, so it is tested with tables of responses. */
import type { HttpCheck } from './config.ts';
import { parseHealth, type HealthReport } from './health.ts';
import type { Finding } from './model.ts';

export interface HttpResponse {
  status: number;
  contentType: string | null;
  body: string;
}

export interface HttpCheckResult {
  ok: boolean;
  findings: Finding[];
  health: HealthReport | null;
}

/** Value at a dotted path ("checks.database:responseTime.0.status") or a JSON pointer ("/checks/…"). */
export function valueAtPath(doc: unknown, path: string): { found: boolean; value: unknown } {
  const parts = path.startsWith('/')
    ? path.slice(1).split('/').map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'))
    : path.split('.');
  let v: unknown = doc;
  for (const p of parts) {
    if (typeof v !== 'object' || v === null || !Object.hasOwn(v, p)) return { found: false, value: undefined };
    v = (v as Record<string, unknown>)[p];
  }
  return { found: true, value: v };
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function clip(text: string, max = 200): string {
  const one = text.replace(/\s+/g, ' ').trim();
  return one.length > max ? `${one.slice(0, max)}…` : one;
}

export function evaluateHttpCheck(check: HttpCheck, response: HttpResponse): HttpCheckResult {
  const findings: Finding[] = [];
  const id = `http${check.path}`;
  const health = parseHealth(response.body, response.contentType, check.health);
  if (health) {
    for (const c of health.components) {
      findings.push({
        id: `health/${c.name}`,
        status: c.status,
        message: c.status === 'fail' ? `component ${c.name} failed${c.output ? `: ${c.output}` : ''}` : `component ${c.name}: ${c.status}`,
      });
    }
  }
  const statusOk = check.status.includes(response.status);
  findings.push({
    id: `${id}/status`,
    status: statusOk ? 'pass' : 'fail',
    message: statusOk
      ? `${check.path} → ${response.status}`
      : `${check.path} returned ${response.status}, expected ${check.status.join(' or ')}${response.body ? `: ${clip(response.body)}` : ''}`,
  });
  const assertions = Object.entries(check.json);
  if (assertions.length) {
    let doc: unknown;
    try {
      doc = JSON.parse(response.body);
    } catch {
      findings.push({ id: `${id}/json`, status: 'fail', message: `${check.path} body is not JSON: ${clip(response.body)}` });
      doc = undefined;
    }
    if (doc !== undefined) {
      for (const [path, expected] of assertions) {
        const { found, value } = valueAtPath(doc, path);
        const ok = found && same(value, expected);
        findings.push({
          id: `${id}/json/${path}`,
          status: ok ? 'pass' : 'fail',
          message: ok
            ? `${path} = ${JSON.stringify(expected)}`
            : `${check.path}: ${path} is ${found ? JSON.stringify(value) : 'missing'}, expected ${JSON.stringify(expected)}`,
        });
      }
    }
  }
  if (check.contains !== null) {
    const ok = response.body.includes(check.contains);
    findings.push({ id: `${id}/contains`, status: ok ? 'pass' : 'fail', message: ok ? `body contains ${JSON.stringify(check.contains)}` : `${check.path} body lacks ${JSON.stringify(check.contains)}` });
  }
  return { ok: !findings.some((f) => f.status === 'fail'), findings, health };
}
