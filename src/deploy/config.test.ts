import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DeployConfigError, deployConfigOf, normalizeDeployConfig } from './config.ts';
import { loadConfig, parseConfig } from '../config/load.ts';

const HOME = '/home/op';
const DIR = '/work/project';
const minimal = { hosts: [{ name: 'pi1', address: '10.0.0.5' }], service: { name: 'hello' } };
const with_ = (patch: Record<string, unknown>): Record<string, unknown> => ({ ...minimal, ...patch });

test('normalizeDeployConfig() fills every default from a minimal section', () => {
  const c = normalizeDeployConfig(minimal, DIR, HOME);
  assert.deepEqual(c.hosts, [{ name: 'pi1', address: '10.0.0.5', port: 22, user: 'root', identityFile: null, labels: {}, groups: [] }]);
  assert.deepEqual(c.service, { name: 'hello', target: 'auto', args: [], environment: {}, user: null, workingDirectory: null, readWritePaths: [] });
  assert.equal(c.baseDir, '/opt/hello');
  assert.equal(c.keep, 3);
  assert.deepEqual(c.health, { minHealthySeconds: 5, deadlineSeconds: 30, port: null, checks: [], probeFrom: 'auto', intervalMs: 500 });
  assert.deepEqual(c.waves, [1, '100%']);
  assert.equal(c.concurrency, 4);
  assert.equal(c.maxFailures, 0);
  assert.equal(c.revertAfterSeconds, 120);
  assert.equal(c.knownHosts, '/home/op/.ssh/known_hosts');
  assert.equal(c.connectTimeoutSeconds, 10);
});

test('normalizeDeployConfig() resolves paths, groups and health checks the way verify normalises them', () => {
  const c = normalizeDeployConfig(
    {
      hosts: [
        { name: 'a', address: 'a.lan', port: 2222, user: 'deploy', identityFile: 'keys/id', labels: { site: 'berlin' } },
        { name: 'b', address: '10.0.0.6', identityFile: '~/.ssh/fleet' },
      ],
      groups: { canary: ['a'], all: ['a', 'b'] },
      service: { name: 'hello@1', target: 'linux/arm/6', args: ['--addr', ':8080'], environment: { GODEBUG: 'x=1' }, user: 'hello' },
      health: { port: 8080, checks: [{ path: '/healthz', json: { status: 'pass' } }] },
      knownHosts: 'fleet_known_hosts',
      maxFailures: '5%',
      waves: [1, '10%', '100%'],
    },
    DIR,
    HOME,
  );
  assert.equal(c.hosts[0]!.identityFile, '/work/project/keys/id');
  assert.equal(c.hosts[1]!.identityFile, '/home/op/.ssh/fleet');
  assert.deepEqual(c.hosts[0]!.groups, ['canary', 'all']);
  assert.deepEqual(c.hosts[1]!.groups, ['all']);
  assert.equal(c.knownHosts, '/work/project/fleet_known_hosts');
  assert.deepEqual(c.health.checks, [{ name: '/healthz', path: '/healthz', status: [200], json: { status: 'pass' }, contains: null, health: 'auto' }]);
  assert.equal(c.baseDir, '/opt/hello@1');
  assert.equal(c.maxFailures, '5%');
});

/** [section, exact key path, what the message says]. */
const invalid: Array<[unknown, string, RegExp]> = [
  [{ service: { name: 'x' } }, 'deploy', /missing required key "hosts"/],
  [with_({ hosts: [] }), 'deploy.hosts', /fewer than 1 items/],
  [with_({ bogus: 1 }), 'deploy.bogus', /unknown key/],
  [with_({ hosts: [{ name: 'a', address: 'x', prot: 22 }] }), 'deploy.hosts[0].prot', /unknown key/],
  [with_({ hosts: [{ name: 'a', address: 'x', port: 70000 }] }), 'deploy.hosts[0].port', /<= 65535/],
  [with_({ hosts: [{ name: 'a', address: 'x y' }] }), 'deploy.hosts[0].address', /pattern/],
  [with_({ hosts: [{ name: 'a', address: 'x' }, { name: 'a', address: 'y' }] }), 'deploy.hosts[1].name', /duplicate host name "a" \(also hosts\[0\]\)/],
  [with_({ groups: { canary: ['pi1', 'pi9'] } }), 'deploy.groups.canary[1]', /no host named "pi9"/],
  [with_({ service: { name: 'my service' } }), 'deploy.service.name', /pattern/],
  [with_({ service: { name: 'tmpl@' } }), 'deploy.service.name', /not a valid unit name/],
  [with_({ service: { name: 'x', target: 'linux/arm/9' } }), 'deploy.service.target', /linux\/arm\/9/],
  [with_({ service: { name: 'x', target: 'linux' } }), 'deploy.service.target', /expected os\/arch/],
  [with_({ service: { name: 'x', target: 'windows/amd64' } }), 'deploy.service.target', /not a linux target/],
  [with_({ service: { name: 'x', environment: { 'A-B': '1' } } }), 'deploy.service.environment["A-B"]', /must match pattern/],
  [with_({ service: { name: 'x', readWritePaths: ['/var/lib/x/../y'] } }), 'deploy.service.readWritePaths[0]', /not a normalised absolute path/],
  [with_({ baseDir: 'opt/x' }), 'deploy.baseDir', /pattern "\^\/"/],
  [with_({ baseDir: '/' }), 'deploy.baseDir', /is the root directory/],
  [with_({ baseDir: '/opt/x/' }), 'deploy.baseDir', /not normalised \(write \/opt\/x\)/],
  [with_({ baseDir: '/opt/a/../b' }), 'deploy.baseDir', /not normalised \(write \/opt\/b\)/],
  [with_({ baseDir: '/usr/lib/hello' }), 'deploy.baseDir', /inside \/usr/],
  [with_({ baseDir: '/etc' }), 'deploy.baseDir', /inside \/etc/],
  [with_({ baseDir: '/proc/x' }), 'deploy.baseDir', /inside \/proc/],
  [with_({ baseDir: '/opt' }), 'deploy.baseDir', /shared directory/],
  [with_({ keep: 0 }), 'deploy.keep', />= 1/],
  [with_({ waves: [] }), 'deploy.waves', /fewer than 1 items/],
  [with_({ waves: [0] }), 'deploy.waves[0]', />= 1/],
  [with_({ waves: [1, '0%'] }), 'deploy.waves[1]', /pattern/],
  [with_({ waves: [1, '101%'] }), 'deploy.waves[1]', /pattern/],
  [with_({ waves: [1.5] }), 'deploy.waves[0]', /expected integer,string/],
  [with_({ maxFailures: -1 }), 'deploy.maxFailures', />= 0/],
  [with_({ maxFailures: 'two' }), 'deploy.maxFailures', /pattern/],
  [with_({ health: { port: 8080 } }), 'deploy.health.checks', /nothing to probe/],
  [with_({ health: { checks: [{ path: '/healthz' }] } }), 'deploy.health.port', /need the port/],
  [with_({ health: { port: 8080, checks: [{ path: 'healthz' }] } }), 'deploy.health.checks[0].path', /pattern/],
  [with_({ health: { probeFrom: 'moon' } }), 'deploy.health.probeFrom', /expected one of "auto", "controller", "device"/],
  [with_({ health: { deadlineSeconds: 100 } }), 'deploy.health', /revert timer \(120 s\) would fire during the health gate .* = 135 s/],
  [with_({ revertAfterSeconds: 60 }), 'deploy.revertAfterSeconds', /revert timer \(60 s\)/],
];
for (const [raw, path, message] of invalid) {
  test(`normalizeDeployConfig() rejects ${JSON.stringify(raw)} at ${path}`, () => {
    assert.throws(
      () => normalizeDeployConfig(raw, DIR, HOME),
      (e: unknown) => {
        assert.ok(e instanceof DeployConfigError, String(e));
        assert.equal(e.kind, 'config');
        assert.equal(e.keyPath, path);
        assert.match(e.message, message);
        assert.ok(e.message.startsWith(`Cannot use config: ${path}: `), e.message);
        return true;
      },
    );
  });
}

test('normalizeDeployConfig() explains a revert timer that is too short with the fix', () => {
  assert.throws(() => normalizeDeployConfig(with_({ revertAfterSeconds: 60 }), DIR, HOME), (e: DeployConfigError) => /more than 65/.test(e.fix ?? ''));
});

const example = `name: hello-service
deploy:
  hosts:
    - { name: pi1, address: 10.77.0.11, labels: { site: berlin } }
    - { name: pi2, address: 10.77.0.12, port: 2222, user: deploy, identityFile: keys/fleet }
  groups:
    canary: [pi1]
  service:
    name: hello-service
    args: [--addr, ':8080', 'quoted "arg" with %n and $HOME']
    environment: { GODEBUG: asyncpreemptoff=1 }
  health:
    minHealthySeconds: 5
    deadlineSeconds: 30
    port: 8080
    checks:
      - path: /healthz
        json: { status: pass }
      - path: /readyz?verbose
  waves: [1, 10%, 100%]
  maxFailures: 5%
  revertAfterSeconds: 120
`;

test('the published schema accepts a full deploy section, and deployConfigOf() normalises it', async () => {
  const parsed = parseConfig(example, 'gocross.config.yaml');
  const c = deployConfigOf({ config: parsed, file: '/p/gocross.config.yaml', dir: '/p', projectDir: '/p' }, HOME);
  assert.equal(c.hosts[1]!.identityFile, '/p/keys/fleet');
  assert.deepEqual(c.waves, [1, '10%', '100%']);
  assert.equal(c.health.checks.length, 2);
});

test('the loader names the line of a schema problem in the deploy section', () => {
  assert.throws(() => parseConfig(example.replace('port: 2222', 'port: two'), 'x.yaml'), /x\.yaml:5: deploy\.hosts\[1\]\.port: expected integer/);
});

test('deployConfigOf() names the file and line of a semantic problem, and refuses a config without a deploy section', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'gocross-deploy-config-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  await writeFile(join(dir, 'gocross.config.yaml'), example.replace('canary: [pi1]', 'canary: [pi1, pi3]'));
  const loaded = await loadConfig({ dir });
  assert.throws(
    () => deployConfigOf(loaded, HOME),
    (e: DeployConfigError) => e.line === 7 && e.message === `Cannot use config ${join(dir, 'gocross.config.yaml')}:7: deploy.groups.canary[1]: no host named "pi3"` && /pi1, pi2/.test(e.fix ?? ''),
  );
  assert.throws(
    () => deployConfigOf({ config: { name: 'x' }, file: '/p/gocross.config.yaml', dir: '/p', projectDir: '/p' }, HOME),
    (e: DeployConfigError) => e.kind === 'config' && e.keyPath === 'deploy' && /add a deploy: section/.test(e.fix ?? ''),
  );
});
