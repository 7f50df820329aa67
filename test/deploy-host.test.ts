/**
 * The per-host pipeline on real devices: a small fleet of its own (2 systemd + sshd devices, the
 * arm64 BusyBox/dropbear router and the glibc 2.31 legacy device, on a subnet no other test uses),
 * releases of examples/hello-service
 * built by `gocross build` (good ones, and ones broken at build time with -X main.fault=…).
 * Every verdict is checked through the fleet's own oracle (a shell inside the device, not our SSH):
 * where `current` points, whether the unit is active, what the running binary says it is.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { readManifest } from '../src/gobuild/manifest.ts';
import { normalizeDeployConfig } from '../src/deploy/config.ts';
import { deployHost, revertHost } from '../src/deploy/host.ts';
import { rollback } from '../src/deploy/rollback.ts';
import { listReleases } from '../src/deploy/releases.ts';
import { parseDeployLog } from '../src/deploy/steps/deploy-log.ts';
import type { DeployConfig, DeployEvent, DeployHost, HostContext, HostResult } from '../src/deploy/model.ts';
import { TRICKY_ARGS, TRICKY_ENVIRONMENT } from '../src/deploy/testing/unit-args.ts';
import { REPO } from './support/go.ts';
import { gocross } from './support/gocross-cli.ts';
import { machineLock, startFleet, type Fleet } from './support/fleet.ts';

const SERVICE = 'hello-orch';
const BASE = `/opt/${SERVICE}`;
const PORT = 8080;
const ACTOR = 'deploy-host-test@controller';

/** Release name → build-time fault (examples/hello-service/faults.go). */
const RELEASES: Record<string, string> = { v1: '', v2: '', 'v-exit': 'exit', 'v-unhealthy': 'unhealthy', 'v-slow': 'slow' };

let project = '';
let fleet: Fleet | null = null;
const contexts = new Map<string, Omit<HostContext, 'config' | 'emit'>>();

/** `cgo`: linked dynamically against this host's glibc (2.36), so it needs GLIBC_2.34 symbols. */
async function buildRelease(name: string, fault: string, options: { cgo?: boolean } = {}): Promise<void> {
  const config = join(project, `${name}.yaml`);
  const ldflags = `-s -w -X main.version=${name}${fault ? ` -X main.fault=${fault}` : ''}`;
  await writeFile(config, `name: hello-service\ntargets: [linux/amd64]\nbuild:\n  ldflags: ${ldflags}\n${options.cgo ? '  cgo: true\n' : ''}`);
  const dist = join(project, `dist-${name}`);
  const r = await gocross(['build', '-c', config, '-o', dist, '-t', 'linux/amd64'], project);
  if (r.exitCode !== 0) throw new Error(`gocross build of ${name} failed: ${r.stderr}${r.stdout}`);
  const manifest = await readManifest(join(dist, 'manifest.json'));
  if (!manifest) throw new Error(`no manifest for ${name}`);
  contexts.set(name, { manifest, distDir: dist, version: name, actor: ACTOR, acceptNewHostKeys: false, dryRun: false });
}

let unlock: (() => Promise<void>) | undefined;

before(async () => {
  unlock = await machineLock('gocross-deploy-host-fleet');
  project = join(await mkdtemp(join(tmpdir(), 'gocross-deploy-host-')), 'hello-service');
  await cp(join(REPO, 'examples/hello-service'), project, { recursive: true });
  await rm(join(project, 'gocross.config.yaml'));
  for (const [name, fault] of Object.entries(RELEASES)) await buildRelease(name, fault);
  await buildRelease('v-cgo', '', { cgo: true });
  fleet = await startFleet({ prefix: 'orch', subnetBase: '10.237', systemdDevices: 2, arm64: true, legacy: true });
});

after(async () => {
  try {
    await fleet?.stop();
    if (project) await rm(join(project, '..'), { recursive: true, force: true });
  } finally {
    await unlock?.();
  }
});

function host(name: string): DeployHost {
  const h = deployConfig().hosts.find((x) => x.name === name);
  assert.ok(h, `fleet has ${name}`);
  return h;
}

function deployConfig(overrides: Partial<DeployConfig> = {}): DeployConfig {
  const config = normalizeDeployConfig(
    {
      hosts: fleet!.hosts.map((h) => ({ name: h.name, address: h.address, port: h.port, user: h.user, identityFile: h.identityFile })),
      knownHosts: fleet!.knownHosts,
      service: { name: SERVICE, args: ['--addr', `0.0.0.0:${PORT}`] },
      keep: 2,
      health: {
        minHealthySeconds: 2,
        deadlineSeconds: 8,
        port: PORT,
        intervalMs: 300,
        checks: [{ path: '/healthz', status: 200, json: { status: 'pass' } }, { path: '/readyz' }],
      },
      revertAfterSeconds: 60,
    },
    project,
  );
  return { ...config, ...overrides };
}

function contextOf(release: string, options: { config?: DeployConfig; onEvent?: (e: DeployEvent) => void; dryRun?: boolean } = {}): HostContext {
  const base = contexts.get(release);
  assert.ok(base, release);
  return { ...base, dryRun: options.dryRun ?? false, config: options.config ?? deployConfig(), emit: options.onEvent ?? (() => undefined) };
}

async function deploy(
  release: string,
  hostName: string,
  options: { config?: DeployConfig; onEvent?: (e: DeployEvent) => void; dryRun?: boolean; signal?: AbortSignal } = {},
): Promise<HostResult> {
  return deployHost(contextOf(release, options), host(hostName), 1, options.signal ?? new AbortController().signal);
}

/** The fleet's oracle: a command run inside the device, independent of gocross's SSH. */
async function sh(hostName: string, script: string): Promise<string> {
  const r = await fleet!.exec(hostName, ['sh', '-c', script]);
  return r.stdout.trim();
}

const currentOf = (h: string) => sh(h, `readlink ${BASE}/current || true`);
const activeOf = (h: string) => sh(h, `systemctl is-active ${SERVICE}.service || true`);
const versionOf = (h: string) => sh(h, `${BASE}/current --version || true`);
const timerOf = (h: string) => sh(h, `systemctl is-active gocross-revert-${SERVICE}.timer || true`);

function stepSummary(result: HostResult): string {
  return result.steps.map((s) => `${s.step}:${s.status}:${s.durationMs}ms`).join(' ');
}

function failedStep(result: HostResult, step: string) {
  const s = result.steps.find((x) => x.step === step && x.status === 'fail');
  assert.ok(s, `${step} failed in: ${stepSummary(result)}`);
  return s;
}

test('a first deploy (no previous release) installs, switches, passes both gates and commits', async (t) => {
  const r = await deploy('v1', 'dev1');
  t.diagnostic(stepSummary(r));
  assert.equal(r.outcome, 'updated', JSON.stringify(r.steps, null, 1));
  assert.equal(r.fromRelease, null);
  assert.match(r.toRelease ?? '', /^v1-[0-9a-f]{12}$/);
  assert.equal(await currentOf('dev1'), `releases/${r.toRelease}`);
  assert.equal(await activeOf('dev1'), 'active');
  assert.match(await versionOf('dev1'), /^hello-service v1 linux\/amd64$/);
  assert.equal(await timerOf('dev1'), 'inactive', 'the revert timer is disarmed by the commit');
  assert.ok(r.bytesSent > 1_000_000, `bytes sent: ${r.bytesSent}`);
});

test('deploying the same release again uploads nothing and reports unchanged', async () => {
  const r = await deploy('v1', 'dev1');
  assert.equal(r.outcome, 'unchanged', JSON.stringify(r.steps, null, 1));
  assert.equal(r.steps.find((s) => s.step === 'upload')?.status, 'skip');
  assert.ok(r.bytesSent < 100_000, `bytes sent: ${r.bytesSent}`);
});

test('v2 replaces v1: deploy.log records the switch and the commit by the actor', async (t) => {
  const r = await deploy('v2', 'dev1');
  t.diagnostic(stepSummary(r));
  assert.equal(r.outcome, 'updated', JSON.stringify(r.steps, null, 1));
  assert.match(r.fromRelease ?? '', /^v1-/);
  assert.match(await versionOf('dev1'), /^hello-service v2 /);
  const log = parseDeployLog(await sh('dev1', `cat ${BASE}/deploy.log`));
  const last = log.slice(-2);
  assert.deepEqual(last.map((e) => [e.action, e.from, e.to, e.by]), [
    ['deploy', r.fromRelease, r.toRelease, ACTOR],
    ['commit', r.fromRelease, r.toRelease, ACTOR],
  ]);
});

test('a release that exits at once fails the systemd gate: rolled back to v2, journal kept', async () => {
  const r = await deploy('v-exit', 'dev1');
  assert.equal(r.outcome, 'rolled-back', JSON.stringify(r.steps, null, 1));
  assert.match(failedStep(r, 'health-systemd').message, /restart|failed|stopped/);
  assert.match(r.journal ?? '', /fault=exit/);
  assert.match(await currentOf('dev1'), /^releases\/v2-/);
  assert.equal(await activeOf('dev1'), 'active');
  assert.match(await versionOf('dev1'), /^hello-service v2 /);
  assert.equal(await timerOf('dev1'), 'inactive');
});

test('a release whose health reports a failed component fails the HTTP gate: rolled back', async () => {
  const r = await deploy('v-unhealthy', 'dev1');
  assert.equal(r.outcome, 'rolled-back', JSON.stringify(r.steps, null, 1));
  const http = failedStep(r, 'health-http');
  assert.ok(http.findings?.some((f) => f.status === 'fail' && /database/.test(f.message)), JSON.stringify(http.findings));
  assert.match(await versionOf('dev1'), /^hello-service v2 /);
  assert.equal(await activeOf('dev1'), 'active');
});

test('a release never ready within the deadline is rolled back', async () => {
  const r = await deploy('v-slow', 'dev1');
  assert.equal(r.outcome, 'rolled-back', JSON.stringify(r.steps, null, 1));
  assert.match(failedStep(r, 'health-http').message, /not healthy within 8 s/);
  assert.match(await versionOf('dev1'), /^hello-service v2 /);
});

test('an updated deploy prunes to keep releases, never the current or the previous', async () => {
  const before = (await sh('dev1', `ls ${BASE}/releases`)).split('\n');
  assert.equal(before.length, 5, before.join(' '));
  const r = await deploy('v1', 'dev1');
  assert.equal(r.outcome, 'updated', JSON.stringify(r.steps, null, 1));
  assert.equal(r.steps.find((s) => s.step === 'upload')?.status, 'skip', 'v1 was still on the device');
  const left = (await sh('dev1', `ls ${BASE}/releases`)).split('\n').sort();
  assert.deepEqual(left.map((id) => id.split('-')[0]), ['v1', 'v2']);
});

test('rollback --to v2 and releases: the switch, who made it, which is current', async () => {
  const config = deployConfig();
  const report = await rollback({ config, projectDir: project, selection: { names: ['dev1'], groups: [], labels: {} }, dryRun: false, acceptNewHostKeys: false, actor: 'rollback-test', to: 'v2' });
  assert.equal(report.exitCode, 0, JSON.stringify(report.hosts, null, 1));
  assert.equal(report.hosts[0]?.outcome, 'updated');
  assert.match(await versionOf('dev1'), /^hello-service v2 /);
  const listing = await listReleases({ config, selection: { names: ['dev1', 'dev2'], groups: [], labels: {} }, acceptNewHostKeys: false });
  const dev1 = listing.hosts.find((h) => h.host === 'dev1');
  assert.equal(dev1?.error, null);
  const current = dev1?.releases.filter((x) => x.current) ?? [];
  assert.equal(current.length, 1);
  assert.match(current[0]!.id, /^v2-/);
  assert.equal(current[0]!.switchedBy, 'rollback-test');
  const missing = await rollback({ config, projectDir: project, selection: { names: ['dev1'], groups: [], labels: {} }, dryRun: false, acceptNewHostKeys: false, actor: 'x', to: 'v9' });
  assert.equal(missing.hosts[0]?.outcome, 'refused');
  assert.match(missing.hosts[0]?.steps.find((s) => s.status === 'fail')?.message ?? '', /release v9 is not on the device \(present: .*v1-.*\)/);
});

test('network cut right after the switch: reverted, and the device restores the old release by itself', async () => {
  const first = await deploy('v1', 'dev2');
  assert.equal(first.outcome, 'updated', JSON.stringify(first.steps, null, 1));
  const config = deployConfig({ revertAfterSeconds: 12 });
  let cut: Promise<void> | null = null;
  const r = await deploy('v2', 'dev2', {
    config,
    onEvent: (e) => {
      if (e.type === 'step' && e.step === 'switch' && e.phase === 'end' && e.status === 'ok') cut = fleet!.cut('dev2');
    },
  });
  await cut;
  try {
    assert.equal(r.outcome, 'reverted', JSON.stringify(r.steps, null, 1));
    const note = r.steps.find((s) => s.step === 'rollback')?.message ?? '';
    assert.match(note, new RegExp(`lost dev2 after switching; the device restores ${first.toRelease} by itself at \\S+ \\(timer gocross-revert-${SERVICE}\\)`));
  } finally {
    await fleet!.restore('dev2');
  }
  // The device, on its own: back on v1 and active once the timer has fired.
  let current = '';
  for (let i = 0; i < 120; i++) {
    current = await currentOf('dev2');
    if (current === `releases/${first.toRelease}` && (await activeOf('dev2')) === 'active') break;
    await sleep(500);
  }
  assert.equal(current, `releases/${first.toRelease}`);
  assert.match(await versionOf('dev2'), /^hello-service v1 /);
  const log = parseDeployLog(await sh('dev2', `cat ${BASE}/deploy.log`));
  assert.deepEqual(log.map((e) => [e.action, e.by]).at(-1), ['revert', 'gocross-revert-timer']);
});

test('an arm64 router given an amd64-only build is refused in preflight and left untouched', async () => {
  const router = fleet!.hosts.find((h) => h.name === 'arm64');
  assert.ok(router);
  const before = await sh('arm64', 'ls -la /opt 2>&1; ls /etc/systemd/system 2>&1');
  const r = await deploy('v1', 'arm64');
  assert.equal(r.outcome, 'refused', JSON.stringify(r.steps, null, 1));
  assert.deepEqual(r.steps.map((s) => s.step), ['connect', 'preflight']);
  const preflight = failedStep(r, 'preflight');
  // The arch is the reason (the router also lacks systemd, which is a second, separate finding).
  assert.ok(
    preflight.findings?.some((f) => f.status === 'fail' && /no artifact in dist\/ runs on this device/.test(f.message) && /aarch64|arm64/.test(f.message)),
    JSON.stringify(preflight.findings, null, 1),
  );
  assert.equal(r.artifact, null);
  assert.equal(await sh('arm64', 'ls -la /opt 2>&1; ls /etc/systemd/system 2>&1'), before);
});

test('a cgo build linked against glibc 2.36 is refused on the glibc 2.31 device, in compat\'s words, and the device is untouched', async () => {
  const before = await sh('legacy', 'ls -la /opt 2>&1');
  const r = await deploy('v-cgo', 'legacy');
  assert.equal(r.outcome, 'refused', JSON.stringify(r.steps, null, 1));
  assert.deepEqual(r.steps.map((s) => s.step), ['connect', 'preflight']);
  assert.equal(r.artifact, 'linux/amd64');
  const findings = failedStep(r, 'preflight').findings ?? [];
  const glibc = findings.find((f) => f.status === 'fail' && f.code === 'compat/symbol-version');
  assert.ok(glibc, JSON.stringify(findings, null, 1));
  assert.match(glibc.message, /needs GLIBC_2\.3[4-9]/);
  assert.match(glibc.message, /glibc 2\.31/);
  assert.ok(glibc.fix, 'compat names a fix');
  assert.equal(await sh('legacy', 'ls -la /opt 2>&1'), before);
});

test('a dry run reports the plan per step and changes nothing', async () => {
  const before = await sh('dev2', `readlink ${BASE}/current; ls ${BASE}/releases; wc -l < ${BASE}/deploy.log`);
  const r = await deploy('v-unhealthy', 'dev2', { dryRun: true });
  assert.equal(r.outcome, 'untouched', JSON.stringify(r.steps, null, 1));
  assert.deepEqual(r.steps.filter((s) => s.status !== 'skip').map((s) => s.step), ['connect', 'preflight']);
  assert.match(r.steps.find((s) => s.step === 'switch')?.message ?? '', /^would switch current from v1-\w+ to v-unhealthy-\w+$/);
  assert.equal(await sh('dev2', `readlink ${BASE}/current; ls ${BASE}/releases; wc -l < ${BASE}/deploy.log`), before);
});

test('interrupted before the switch: untouched, the unfinished upload removed', async () => {
  const before = await sh('dev2', `readlink ${BASE}/current; ls -a ${BASE}/releases`);
  const abort = new AbortController();
  const r = await deploy('v-unhealthy', 'dev2', {
    signal: abort.signal,
    onEvent: (e) => {
      if (e.type === 'step' && e.step === 'upload' && e.phase === 'start') abort.abort();
    },
  });
  assert.equal(r.outcome, 'untouched', JSON.stringify(r.steps, null, 1));
  assert.ok(!r.steps.some((s) => s.step === 'switch'));
  assert.equal(await sh('dev2', `readlink ${BASE}/current; ls -a ${BASE}/releases`), before);
});

test('interrupted after the switch: switched back with a deadline of its own, reported rolled back', async () => {
  const from = await currentOf('dev2');
  const abort = new AbortController();
  const r = await deploy('v2', 'dev2', {
    signal: abort.signal,
    onEvent: (e) => {
      if (e.type === 'step' && e.step === 'restart' && e.phase === 'start') abort.abort();
    },
  });
  assert.equal(r.outcome, 'rolled-back', JSON.stringify(r.steps, null, 1));
  assert.match(r.steps.find((s) => s.step === 'rollback')?.message ?? '', /^interrupted; current → /);
  assert.equal(await currentOf('dev2'), from);
  assert.equal(await activeOf('dev2'), 'active');
  assert.equal(await timerOf('dev2'), 'inactive');
});

test('a port the controller cannot reach is probed on the device (probeFrom auto), and revertHost puts an updated host back', async () => {
  const from = await currentOf('dev2');
  const base = deployConfig();
  const config = { ...base, service: { ...base.service, args: ['--addr', `127.0.0.1:${PORT}`] } };
  const r = await deploy('v2', 'dev2', { config });
  assert.equal(r.outcome, 'updated', JSON.stringify(r.steps, null, 1));
  assert.match(r.steps.find((s) => s.step === 'health-http')?.message ?? '', /passed from the device/);
  assert.match(await versionOf('dev2'), /^hello-service v2 /);
  const back = await revertHost(contextOf('v2', { config }), host('dev2'), r, 'the failure budget was exceeded in wave 1');
  assert.equal(back.outcome, 'rolled-back', JSON.stringify(back.steps, null, 1));
  assert.equal(await currentOf('dev2'), from);
  assert.equal(await activeOf('dev2'), 'active');
  const log = parseDeployLog(await sh('dev2', `cat ${BASE}/deploy.log`));
  assert.deepEqual(log.map((e) => [e.action, e.to]).at(-1), ['rollback', from.replace('releases/', '')]);
});

test('a first deploy that fails its gate leaves the service stopped, disabled and without current', async () => {
  const base = deployConfig();
  const config = { ...base, baseDir: '/opt/hello-first', service: { ...base.service, name: 'hello-first' } };
  const r = await deploy('v-exit', 'dev2', { config });
  assert.equal(r.outcome, 'rolled-back', JSON.stringify(r.steps, null, 1));
  assert.equal(r.fromRelease, null);
  assert.match(r.steps.find((s) => s.step === 'rollback')?.message ?? '', /no previous release: hello-first\.service stopped and disabled/);
  assert.equal(await sh('dev2', 'systemctl is-active hello-first.service; systemctl is-enabled hello-first.service; test -e /opt/hello-first/current && echo current-exists; exit 0'), 'inactive\ndisabled');
});

test('arguments and environment that are hard to carry through a unit file reach the service byte for byte (/proc/PID/cmdline and environ)', async () => {
  const base = deployConfig();
  // hello-service's flag parsing stops at "--"; everything after it is only carried.
  const args = ['--addr', `0.0.0.0:${PORT}`, '--', ...TRICKY_ARGS];
  const config = { ...base, service: { ...base.service, args, environment: { ...TRICKY_ENVIRONMENT } } };
  const r = await deploy('v1', 'dev1', { config });
  assert.equal(r.outcome, 'updated', JSON.stringify(r.steps, null, 1));
  const pid = await sh('dev1', `systemctl show -p MainPID --value ${SERVICE}.service`);
  assert.match(pid, /^[1-9]\d*$/);
  const read = async (file: string): Promise<string[]> => {
    const text = Buffer.from(await sh('dev1', `base64 -w0 /proc/${pid}/${file}`), 'base64').toString('utf8');
    return text.split('\0').slice(0, -1);
  };
  const argv = await read('cmdline');
  assert.deepEqual(argv.slice(1), args);
  const environ = new Map((await read('environ')).map((kv) => [kv.slice(0, kv.indexOf('=')), kv.slice(kv.indexOf('=') + 1)]));
  for (const [key, value] of Object.entries(TRICKY_ENVIRONMENT)) assert.equal(environ.get(key), value, key);
});
