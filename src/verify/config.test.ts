import { test } from 'node:test';
import { parseTarget } from '../platform/target.ts';
import assert from 'node:assert/strict';
import { DEFAULT_VERIFY_TARGETS, normalizeVerifyConfig, profilesFor, VerifyConfigError } from './config.ts';

test('normalizeVerifyConfig() gives working defaults without a config', () => {
  const c = normalizeVerifyConfig(undefined);
  assert.deepEqual(c.targets, DEFAULT_VERIFY_TARGETS);
  assert.deepEqual(c.smoke?.args, ['--version']);
  assert.equal(c.service, null);
  assert.equal(c.policy.linkage, 'any');
});

test('normalizeVerifyConfig() fills service defaults', () => {
  const c = normalizeVerifyConfig({ service: { args: ['--addr', '{addr}'], checks: [{ path: '/healthz', status: 200 }] } });
  assert.deepEqual(c.service?.readiness, { path: '/readyz', status: 200, timeoutMs: 30000, intervalMs: 200 });
  assert.deepEqual(c.service?.checks[0]?.status, [200]);
});

test('normalizeVerifyConfig() leaves runtime checks off unless configured, and fills their defaults', () => {
  const off = normalizeVerifyConfig({ service: { portEnv: 'PORT', checks: [{ path: '/healthz' }] } });
  assert.deepEqual(off.service?.runtime, { logs: null, trace: null, tls: null, reachability: null });
  const on = normalizeVerifyConfig({
    service: {
      args: ['--upstream', '{upstream}', '--addr', '{addr}'],
      checks: [{ path: '/healthz' }],
      logs: { forbid: { fields: ['user_id'], patterns: { email: '@' } } },
      trace: { path: '/work' },
      tls: {},
      reachability: { mustNotAnswer: ['tcp://10.0.0.5:5432'] },
    },
  }).service!.runtime;
  assert.equal(on.logs?.format, 'json');
  assert.equal(on.logs?.fields.traceId, 'trace_id');
  assert.deepEqual(on.logs?.forbidFields, ['user_id']);
  assert.equal(on.trace?.expectUpstream, true, '{upstream} in args means an upstream call is expected');
  assert.deepEqual(on.tls, { serverName: 'localhost', ca: null, maxValidityDays: null, minRemainingDays: 14, minVersion: 'TLSv1.2' });
  assert.deepEqual(on.reachability, { mustAnswer: [], mustNotAnswer: ['tcp://10.0.0.5:5432'], timeoutMs: 2000 });
});

const invalid: Array<[unknown, RegExp]> = [
  [{ smoke: { timeoutMs: 'x' } }, /verify\.smoke\.timeoutMs: expected integer, got "x"/],
  [{ bogus: 1 }, /verify\.bogus: unknown key/],
  [{ policy: { linkage: 'dyn' } }, /verify\.policy\.linkage: expected one of "static", "any", got "dyn"/],
  [{ policy: { forbid: ['shiny'] } }, /verify\.policy\.forbid\.0: expected one of/],
  [{ service: {} }, /verify\.service: missing required key "checks"/],
  [{ service: { checks: [{ path: '/a' }] } }, /cannot be told its port/],
  [{ smoke: { stdout: '(' } }, /verify\.smoke\.stdout: invalid regular expression/],
  [{ service: { portEnv: 'PORT', checks: [{ path: '/a' }], logs: { format: 'xml' } } }, /verify\.service\.logs\.format: expected one of "json", "logfmt"/],
  [{ service: { portEnv: 'PORT', checks: [{ path: '/a' }], logs: { forbid: { patterns: { bad: '[' } } } } }, /verify\.service\.logs\.forbid\.patterns\.bad: invalid regular expression/],
  [{ service: { portEnv: 'PORT', checks: [{ path: '/a' }], trace: { path: '/w', expectUpstream: true } } }, /verify\.service\.trace: .*cannot be told the upstream/],
  [{ service: { portEnv: 'PORT', checks: [{ path: '/a' }], reachability: { mustAnswer: ['db:5432'] } } }, /verify\.service\.reachability\.mustAnswer\.0/],
  [{ service: { portEnv: 'PORT', checks: [{ path: '/a' }], tls: { minVersion: 'SSLv3' } } }, /verify\.service\.tls\.minVersion: expected one of/],
];
for (const [raw, message] of invalid) {
  test(`normalizeVerifyConfig() rejects ${JSON.stringify(raw)}`, () => {
    assert.throws(() => normalizeVerifyConfig(raw), (e: unknown) => e instanceof VerifyConfigError && message.test(e.message));
  });
}

test('profilesFor() prefers the exact target, then os/arch, then "*"', () => {
  const c = { profiles: { 'linux/arm64': ['centos7'], 'linux/arm': ['raspios12'], '*': ['debian12'] } };
  assert.deepEqual(profilesFor(c, parseTarget('linux/arm64')), ['centos7']);
  assert.deepEqual(profilesFor(c, parseTarget('linux/arm/7')), ['raspios12']);
  assert.deepEqual(profilesFor(c, parseTarget('linux/s390x')), ['debian12']);
  assert.deepEqual(profilesFor({ profiles: {} }, parseTarget('linux/s390x')), []);
});

test('the config loader accepts the example config and rejects a bad verify key with its line', async () => {
  const { parseConfig } = await import('../config/load.ts');
  const { readFile } = await import('node:fs/promises');
  const file = new URL('../../examples/hello-service/gocross.config.yaml', import.meta.url);
  const parsed = parseConfig(await readFile(file, 'utf8'), file.pathname);
  assert.ok(normalizeVerifyConfig(parsed.verify).service);
  assert.throws(() => parseConfig('verify:\n  smoke:\n    timeoutMs: soon\n', 'x.yaml'), /x\.yaml:3/);
});
