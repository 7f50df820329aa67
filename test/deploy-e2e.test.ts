/**
 * `deploy` end to end on a real local fleet (test/support/fleet.ts: systemd + sshd devices in their
 * own network namespaces, an arm64 BusyBox + dropbear "router" under QEMU without systemd), with
 * releases of examples/hello-service built for real. What happened on each device is read back
 * through the fleet's own access (`fleet.exec`, not our SSH code): the oracle.
 *
 * The cases run in order on one fleet, each starting from the state the previous one left:
 * dry run → v1 on the systemd devices (--label) → v2 on the whole fleet (router refused) → budget
 * exceeded in wave 2 by a changed host key (wave rolled back, wave 3 untouched) → Ctrl-C in wave 2
 * and --resume → a release that exits at once stops the run at the canary.
 */
import assert from 'node:assert/strict';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { normalizeDeployConfig } from '../src/deploy/config.ts';
import { deploy } from '../src/deploy/index.ts';
import { statePathOf } from '../src/deploy/fleet/state-file.ts';
import type { DeployConfig, DeployEvent, DeployReport, DeployRunOptions, HostResult, HostSelection } from '../src/deploy/model.ts';
import { machineLock, startFleet, type Fleet } from './support/fleet.ts';
import { gocross } from './support/gocross-cli.ts';
import { REPO } from './support/go.ts';

const SERVICE = 'hello-e2e';
const BASE = `/opt/${SERVICE}`;
const SYSTEMD = ['dev1', 'dev2', 'dev3', 'dev4', 'dev5'];
const ALL: HostSelection = { names: [], groups: [], labels: {} };
const SYSTEMD_ONLY: HostSelection = { names: [], groups: [], labels: { init: 'systemd' } };

let fleet: Fleet;
let work: string;
const dist: Record<'v1' | 'v2' | 'bad', string> = { v1: '', v2: '', bad: '' };

/** A copy of examples/hello-service built for amd64 and arm64 with its version (and ldflags) baked in. */
async function buildRelease(version: string, extraLdflags = ''): Promise<string> {
  const dir = join(work, `src-${version}`);
  await cp(join(REPO, 'examples/hello-service'), dir, { recursive: true });
  const configFile = join(dir, 'gocross.config.yaml');
  const config = (await readFile(configFile, 'utf8'))
    .replace(/^targets: .*$/m, 'targets: [linux/amd64, linux/arm64]')
    .replace('-X main.version={{.Version}}', `-X main.version=${version}${extraLdflags ? ` ${extraLdflags}` : ''}`)
    .replace(/^deploy:[\s\S]*$/m, '');
  await writeFile(configFile, config);
  const r = await gocross(['build'], dir);
  if (r.exitCode !== 0) throw new Error(`gocross build (${version}) failed: ${r.stderr}${r.stdout}`);
  return join(dir, 'dist');
}

function deployConfig(over: Record<string, unknown> = {}, knownHosts = fleet.knownHosts): DeployConfig {
  return normalizeDeployConfig(
    {
      hosts: fleet.hosts.map((d) => ({
        name: d.name,
        address: d.address,
        port: d.port,
        identityFile: fleet.keyFile,
        labels: { init: d.kind === 'systemd' ? 'systemd' : 'none' },
      })),
      knownHosts,
      service: { name: SERVICE, target: 'auto', args: ['--addr', '0.0.0.0:8080'] },
      health: { minHealthySeconds: 2, deadlineSeconds: 20, port: 8080, checks: [{ path: '/healthz', status: 200, json: { status: 'pass' } }] },
      revertAfterSeconds: 90,
      concurrency: 4,
      ...over,
    },
    work,
  );
}

async function run(options: Partial<DeployRunOptions> & { config: DeployConfig; distDir: string }): Promise<{ report: DeployReport; events: DeployEvent[] }> {
  const events: DeployEvent[] = [];
  const report = await deploy({
    projectDir: work,
    selection: ALL,
    dryRun: false,
    resume: false,
    acceptNewHostKeys: false,
    actor: 'e2e@test',
    onEvent: (e) => events.push(e),
    ...options,
  });
  return { report, events };
}

/** The failed steps of every host that did not succeed: the message of a failing assertion. */
function why(report: DeployReport): string {
  return report.hosts
    .filter((h) => h.outcome !== 'updated' && h.outcome !== 'unchanged')
    .map((h) => `${h.host} ${h.outcome}: ${h.steps.filter((s) => s.status === 'fail').map((s) => `${s.step}: ${s.message}`).join('; ')}`)
    .join('\n');
}

const byHost = (report: DeployReport): Record<string, HostResult> => Object.fromEntries(report.hosts.map((h) => [h.host, h]));

/** The oracle: what a device runs, read through the fleet's own access. */
async function onDevice(name: string): Promise<{ current: string | null; active: string; releases: string }> {
  const current = await fleet.exec(name, ['sh', '-c', `readlink ${BASE}/current || true`]);
  const active = await fleet.exec(name, ['sh', '-c', `systemctl is-active ${SERVICE}.service || true`]);
  const releases = await fleet.exec(name, ['sh', '-c', `ls -la --time-style=+%s ${BASE}/releases 2>/dev/null || true`]);
  const target = current.stdout.trim();
  return { current: target === '' ? null : target.replace(/^.*\//, ''), active: active.stdout.trim(), releases: releases.stdout };
}

let unlock: (() => Promise<void>) | undefined;

before(async () => {
  unlock = await machineLock('gocross-deploy-e2e-fleet');
  work = await mkdtemp(join(tmpdir(), 'gocross-deploy-e2e-'));
  // Own prefix and subnet: test/fleet.test.ts uses fx/10.232, scripts/fleet.sh 0/10.231.
  fleet = await startFleet({ systemdDevices: SYSTEMD.length, arm64: true, legacy: false, prefix: 'rune2e', subnetBase: '10.241' });
  dist.v1 = await buildRelease('v1.0.0');
  dist.v2 = await buildRelease('v2.0.0');
  // The orchestrator's fault knob: this build exits at once, so systemd fails it.
  dist.bad = await buildRelease('v3.0.0', '-X main.fault=exit');
}, { timeout: 15 * 60_000 });

after(async () => {
  try {
    await fleet?.stop();
    if (work) await rm(work, { recursive: true, force: true });
  } finally {
    await unlock?.();
  }
});

describe('deploy on the local fleet', { concurrency: false, timeout: 30 * 60_000 }, () => {
  it('--dry-run plans every host (artifact, preflight verdicts, steps) and touches nothing', async () => {
    const { report, events } = await run({ config: deployConfig({ waves: [1, '50%', '100%'] }), distDir: dist.v1, dryRun: true, releaseVersion: 'v1.0.0' });
    const hosts = byHost(report);
    assert.equal(report.dryRun, true);
    assert.deepEqual(report.hosts.map((h) => h.host), [...SYSTEMD, 'arm64']);
    for (const name of SYSTEMD) {
      assert.equal(hosts[name]!.artifact, 'linux/amd64', `${name}\n${why(report)}`);
      assert.match(hosts[name]!.toRelease ?? '', /^v1\.0\.0-[0-9a-f]{12}$/);
      const preflight = hosts[name]!.steps.find((s) => s.step === 'preflight');
      assert.equal(preflight?.status, 'ok', `${name}: ${preflight?.message}`);
      assert.deepEqual(hosts[name]!.steps.filter((s) => s.status === 'skip').map((s) => s.step).slice(0, 5), ['upload', 'verify-checksum', 'install-unit', 'arm-revert', 'switch']);
    }
    // The router: an arm64 userland (the arm64 artifact is chosen for it), but no systemd — refused in preflight.
    assert.equal(hosts.arm64!.outcome, 'refused');
    const routerPreflight = hosts.arm64!.steps.find((s) => s.step === 'preflight');
    assert.equal(routerPreflight?.status, 'fail');
    const findings = (routerPreflight?.findings ?? []).map((f) => `${f.status}: ${f.message}`);
    assert.ok(findings.includes('pass: chose linux/arm64'), findings.join('\n'));
    assert.ok(findings.some((f) => /^fail: arm64 has no systemd/.test(f)), findings.join('\n'));
    assert.equal(report.exitCode, 1);
    assert.ok(events.some((e) => e.type === 'plan' && e.dryRun));
    for (const name of SYSTEMD) assert.deepEqual(await onDevice(name), { current: null, active: 'inactive', releases: '' }, name);
    await assert.rejects(readFile(statePathOf(work, SERVICE)), { code: 'ENOENT' });
  });

  it('ships v1 to the systemd devices (--label init=systemd) in waves [1, 50%, 100%]', async () => {
    const { report, events } = await run({ config: deployConfig({ waves: [1, '50%', '100%'] }), distDir: dist.v1, selection: SYSTEMD_ONLY, releaseVersion: 'v1.0.0' });
    assert.deepEqual(report.waves.map((w) => w.hosts), [['dev1'], ['dev2', 'dev3'], ['dev4', 'dev5']]);
    assert.deepEqual(report.hosts.map((h) => [h.host, h.outcome]), SYSTEMD.map((n) => [n, 'updated']), why(report));
    assert.equal(report.exitCode, 0);
    // Waves in order: every host of wave 1 is done before wave 2 starts.
    const order = events.filter((e) => e.type === 'wave-start' || e.type === 'host-done').map((e) => (e.type === 'wave-start' ? `wave${e.wave}` : e.result.host));
    assert.deepEqual(order.slice(0, 3), ['wave1', 'dev1', 'wave2']);
    for (const name of SYSTEMD) {
      const device = await onDevice(name);
      assert.equal(device.current, report.hosts.find((h) => h.host === name)!.toRelease, name);
      assert.equal(device.active, 'active', name);
    }
    const state = JSON.parse(await readFile(statePathOf(work, SERVICE), 'utf8'));
    assert.equal(state.status, 'complete');
  });

  it('ships v2 to the whole fleet: the router is refused in preflight and left alone, every systemd device runs v2', async () => {
    const { report } = await run({ config: deployConfig({ waves: [1, '50%', '100%'], maxFailures: 1 }), distDir: dist.v2, releaseVersion: 'v2.0.0' });
    const hosts = byHost(report);
    assert.deepEqual(report.hosts.map((h) => [h.host, h.outcome]), [...SYSTEMD.map((n) => [n, 'updated']), ['arm64', 'refused']], why(report));
    assert.deepEqual([report.failures, report.budgetExceeded, report.exitCode], [1, false, 1]);
    for (const name of SYSTEMD) {
      const device = await onDevice(name);
      assert.match(device.current ?? '', /^v2\.0\.0-[0-9a-f]{12}$/, name);
      assert.equal(device.current, hosts[name]!.toRelease);
      assert.equal(hosts[name]!.fromRelease?.startsWith('v1.0.0-'), true);
      assert.equal(device.active, 'active', name);
    }
    const router = await fleet.exec('arm64', ['sh', '-c', `ls ${BASE} 2>&1 || true`]);
    assert.match(router.stdout, /No such file or directory/);
  });

  it('a changed host key in wave 2 exceeds the budget: that wave is rolled back, wave 3 is untouched', async () => {
    // dev3's known_hosts entry now holds dev4's key: the key dev3 presents is "changed".
    const knownHosts = join(work, 'known_hosts.changed');
    await writeFile(knownHosts, swapHostKey(await readFile(fleet.knownHosts, 'utf8'), fleet.host('dev3').address, fleet.host('dev4').address));
    const before = { dev4: await onDevice('dev4'), dev5: await onDevice('dev5') };
    const { report, events } = await run({
      config: deployConfig({ waves: [1, 3, '100%'], maxFailures: 0 }, knownHosts),
      distDir: dist.v1,
      selection: SYSTEMD_ONLY,
      releaseVersion: 'v1.0.0',
    });
    const hosts = byHost(report);
    assert.deepEqual(report.hosts.map((h) => [h.host, h.wave, h.outcome]), [
      ['dev1', 1, 'updated'],
      ['dev2', 2, 'rolled-back'],
      ['dev3', 2, 'failed'],
      ['dev4', 3, 'untouched'],
      ['dev5', 3, 'untouched'],
    ], why(report));
    assert.match(hosts.dev3!.steps.find((s) => s.step === 'connect')?.message ?? '', /REMOTE HOST IDENTIFICATION HAS CHANGED/);
    assert.deepEqual([report.failures, report.maxFailures, report.budgetExceeded, report.exitCode], [1, 0, true, 1]);
    assert.ok(events.some((e) => e.type === 'budget-exceeded' && e.wave === 2));
    assert.ok(!events.some((e) => e.type === 'wave-start' && e.wave === 3));
    // Oracle: wave 1 keeps v1; wave 2 is back on v2 and healthy; wave 3 never saw the run.
    assert.match((await onDevice('dev1')).current ?? '', /^v1\.0\.0-/);
    for (const name of ['dev2', 'dev3']) {
      const device = await onDevice(name);
      assert.match(device.current ?? '', /^v2\.0\.0-/, name);
      assert.equal(device.active, 'active', name);
    }
    assert.deepEqual({ dev4: await onDevice('dev4'), dev5: await onDevice('dev5') }, before);
  });

  it('Ctrl-C in wave 2 leaves no host half-switched; --resume finishes the run', async () => {
    const config = deployConfig({ waves: [1, 3, '100%'], maxFailures: 0 });
    const controller = new AbortController();
    const events: DeployEvent[] = [];
    const first = await deploy({
      config, projectDir: work, distDir: dist.v1, selection: SYSTEMD_ONLY, dryRun: false, resume: false, acceptNewHostKeys: false, actor: 'e2e@test', releaseVersion: 'v1.0.0',
      signal: controller.signal,
      onEvent: (e) => {
        events.push(e);
        if (e.type === 'host-done' && e.result.wave === 2) controller.abort();
      },
    });
    assert.equal(first.interrupted, true);
    assert.ok(events.some((e) => e.type === 'interrupted'));
    const done = first.hosts.filter((h) => h.outcome === 'updated' || h.outcome === 'unchanged').map((h) => h.host);
    assert.ok(done.includes('dev1') && done.length >= 2 && done.length < 5, `done: ${done.join(', ')}`);
    assert.deepEqual(first.hosts.filter((h) => h.wave === 3).map((h) => h.outcome), ['untouched', 'untouched']);
    // Never half-switched: every device is on v1 or v2, and its service is active.
    for (const name of SYSTEMD) {
      const device = await onDevice(name);
      assert.match(device.current ?? '', /^v[12]\.0\.0-[0-9a-f]{12}$/, name);
      assert.equal(device.active, 'active', name);
    }
    const state = JSON.parse(await readFile(statePathOf(work, SERVICE), 'utf8'));
    assert.equal(state.status, 'interrupted');
    assert.deepEqual(SYSTEMD.filter((n) => state.hosts[n].progress === 'done').sort(), [...done].sort());

    const { report } = await run({ config, distDir: dist.v1, resume: true, releaseVersion: 'v1.0.0' });
    assert.equal(report.resumed?.runId, state.runId);
    assert.deepEqual([...(report.resumed?.kept ?? [])].sort(), [...done].sort());
    assert.deepEqual(report.hosts.map((h) => [h.host, h.outcome === 'unchanged' ? 'updated' : h.outcome]), SYSTEMD.map((n) => [n, 'updated']), why(report));
    assert.equal(report.exitCode, 0);
    for (const name of SYSTEMD) {
      const device = await onDevice(name);
      assert.match(device.current ?? '', /^v1\.0\.0-/, name);
      assert.equal(device.active, 'active', name);
    }
    assert.equal(JSON.parse(await readFile(statePathOf(work, SERVICE), 'utf8')).status, 'complete');
    // Resuming a complete run has nothing to do: every host is kept.
    const again = await run({ config, distDir: dist.v1, resume: true, releaseVersion: 'v1.0.0' });
    assert.deepEqual([...(again.report.resumed?.kept ?? [])].sort(), [...SYSTEMD].sort());
    assert.ok(!again.events.some((e) => e.type === 'wave-start'));
    // A resume with another release is refused, naming both.
    await assert.rejects(run({ config, distDir: dist.v2, resume: true, releaseVersion: 'v2.0.0' }), /Cannot resume: the state is for v1\.0\.0 .*dist\/ now holds v2\.0\.0/);
  });

  it('a release that exits at once fails the canary: rolled back with its journal, the budget stops the run before wave 2', async () => {
    const before = await Promise.all(SYSTEMD.map(onDevice));
    const { report, events } = await run({ config: deployConfig({ waves: [1, '100%'], maxFailures: 0 }), distDir: dist.bad, selection: SYSTEMD_ONLY, releaseVersion: 'v3.0.0' });
    const canary = report.hosts[0]!;
    assert.deepEqual([canary.host, canary.outcome], ['dev1', 'rolled-back']);
    assert.match(canary.toRelease ?? '', /^v3\.0\.0-/);
    assert.ok(canary.journal && canary.journal.length > 0, 'the failed release\'s journal is in the report');
    assert.deepEqual(report.hosts.slice(1).map((h) => h.outcome), ['untouched', 'untouched', 'untouched', 'untouched']);
    assert.deepEqual([report.failures, report.budgetExceeded, report.exitCode], [1, true, 1]);
    assert.ok(events.some((e) => e.type === 'budget-exceeded' && e.wave === 1));
    // Oracle: the canary is back on v1 and healthy; the rest never saw v3.
    const afterRun = await Promise.all(SYSTEMD.map(onDevice));
    assert.deepEqual({ current: afterRun[0]!.current, active: afterRun[0]!.active }, { current: before[0]!.current, active: 'active' });
    assert.deepEqual(afterRun.slice(1), before.slice(1));
    const state = JSON.parse(await readFile(statePathOf(work, SERVICE), 'utf8'));
    assert.equal(state.status, 'stopped');
    await assert.rejects(run({ config: deployConfig(), distDir: dist.bad, resume: true, releaseVersion: 'v3.0.0' }), /stopped when its failure budget was exceeded/);
  });
});

/** known_hosts text with the key of `victim` replaced by the key of `donor` (addresses as written by the fleet). */
function swapHostKey(text: string, victim: string, donor: string): string {
  const lines = text.split('\n');
  const hostOf = (line: string): string => line.split(' ')[0] ?? '';
  const matches = (line: string, address: string): boolean => hostOf(line).split(',').some((h) => h === address || h.startsWith(`[${address}]:`));
  const donorLine = lines.find((l) => matches(l, donor));
  assert.ok(donorLine && lines.some((l) => matches(l, victim)), `known_hosts has no entry for ${victim} or ${donor}`);
  const donorKey = donorLine.split(' ').slice(1).join(' ');
  return lines.map((l) => (matches(l, victim) ? `${hostOf(l)} ${donorKey}` : l)).join('\n');
}
