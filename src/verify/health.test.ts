import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseHealth, parseHealthJson, parseHealthVerbose } from './health.ts';

// The exact body examples/hello-service returns with HELLO_FAIL_COMPONENT=database.
const failingJson = JSON.stringify({
  status: 'fail',
  checks: {
    'cache:utilization': [{ componentId: 'cache', status: 'pass' }],
    'database:responseTime': [{ componentId: 'database', status: 'fail', output: 'database is unreachable' }],
    uptime: [{ componentId: 'uptime', status: 'pass' }],
  },
});

test('parseHealthJson() reports every component and the overall status', () => {
  const r = parseHealthJson(JSON.parse(failingJson));
  assert.ok(r);
  assert.equal(r.status, 'fail');
  assert.deepEqual(r.components, [
    { name: 'cache', status: 'pass' },
    { name: 'database', status: 'fail', output: 'database is unreachable' },
    { name: 'uptime', status: 'pass' },
  ]);
});

test('parseHealthJson() names components from the check key when componentId is absent, and maps aliases', () => {
  const r = parseHealthJson({ status: 'up', checks: { 'db:connections': [{ status: 'down' }], 'disk:free': { status: 'warn' } } });
  assert.deepEqual(r, { format: 'json', status: 'pass', components: [{ name: 'db', status: 'fail' }, { name: 'disk', status: 'warn' }] });
});

for (const bad of [null, [], 'pass', { checks: {} }, { status: 'great' }]) {
  test(`parseHealthJson() rejects ${JSON.stringify(bad)}`, () => assert.equal(parseHealthJson(bad), null));
}

test('parseHealthVerbose() reads Kubernetes ?verbose output', () => {
  const r = parseHealthVerbose('[+]ping ok\n[+]log ok\n[-]etcd failed: reason withheld\nhealthz check failed\n');
  assert.deepEqual(r, {
    format: 'verbose',
    status: 'fail',
    components: [{ name: 'ping', status: 'pass' }, { name: 'log', status: 'pass' }, { name: 'etcd', status: 'fail', output: 'reason withheld' }],
  });
  assert.equal(parseHealthVerbose('[+]ping ok\nreadyz check passed')?.status, 'pass');
  assert.equal(parseHealthVerbose('ok'), null);
});

test('parseHealth() auto-detects the format and honours explicit ones', () => {
  assert.equal(parseHealth(failingJson, 'application/health+json', 'auto')?.format, 'json');
  assert.equal(parseHealth('[+]ping ok\nhealthz check passed\n', 'text/plain', 'auto')?.format, 'verbose');
  assert.equal(parseHealth(failingJson, 'application/health+json', 'none'), null);
  assert.equal(parseHealth('not json', 'application/json', 'json'), null);
});
