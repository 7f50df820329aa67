import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { HttpCheck } from './config.ts';
import { evaluateHttpCheck, valueAtPath } from './http-check.ts';

const check = (over: Partial<HttpCheck> = {}): HttpCheck => ({ name: '/healthz', path: '/healthz', status: [200], json: {}, contains: null, health: 'auto', ...over });
const health = (status: string, db: string) =>
  JSON.stringify({ status, checks: { 'database:responseTime': [{ componentId: 'database', status: db, output: db === 'fail' ? 'database is unreachable' : undefined }], uptime: [{ status: 'pass' }] } });

test('valueAtPath() follows dotted paths and JSON pointers', () => {
  const doc = { checks: { 'database:responseTime': [{ status: 'pass' }] }, 'a/b': 1 };
  assert.deepEqual(valueAtPath(doc, 'checks.database:responseTime.0.status'), { found: true, value: 'pass' });
  assert.deepEqual(valueAtPath(doc, '/a~1b'), { found: true, value: 1 });
  assert.deepEqual(valueAtPath(doc, 'checks.missing'), { found: false, value: undefined });
});

const cases: Array<{ name: string; check: HttpCheck; status: number; body: string; ok: boolean; mentions?: RegExp }> = [
  { name: 'healthy health+json', check: check({ json: { status: 'pass' } }), status: 200, body: health('pass', 'pass'), ok: true },
  { name: 'failing component is named', check: check(), status: 503, body: health('fail', 'fail'), ok: false, mentions: /component database failed: database is unreachable/ },
  { name: 'wrong status', check: check({ health: 'none' }), status: 500, body: 'boom', ok: false, mentions: /returned 500, expected 200: boom/ },
  { name: 'accepted status list', check: check({ status: [200, 204], health: 'none' }), status: 204, body: '', ok: true },
  { name: 'json assertion mismatch', check: check({ json: { status: 'pass' }, health: 'none' }), status: 200, body: '{"status":"warn"}', ok: false, mentions: /status is "warn", expected "pass"/ },
  { name: 'json body not JSON', check: check({ json: { status: 'pass' }, health: 'none' }), status: 200, body: 'ok', ok: false, mentions: /not JSON/ },
  { name: 'contains', check: check({ contains: 'hello', health: 'none' }), status: 200, body: 'hello from linux/arm64', ok: true },
  { name: 'verbose k8s', check: check({ path: '/readyz?verbose' }), status: 500, body: '[+]ping ok\n[-]startup failed: not ready yet\nreadyz check failed\n', ok: false, mentions: /component startup failed: not ready yet/ },
];
for (const c of cases) {
  test(`evaluateHttpCheck(): ${c.name}`, () => {
    const r = evaluateHttpCheck(c.check, { status: c.status, contentType: null, body: c.body });
    assert.equal(r.ok, c.ok);
    if (c.mentions) assert.match(r.findings.filter((f) => f.status === 'fail').map((f) => f.message).join('\n'), c.mentions);
  });
}
