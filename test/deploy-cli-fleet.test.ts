/**
 * `gocross deploy`, `releases` and `rollback` end to end through the CLI on one real device of the
 * local fleet (systemd + sshd in its own network namespace): the dry run's NDJSON, a real deploy's
 * summary and report files, two releases listed with the current one marked, and a rollback to the
 * first. Needs root and the fleet's tools; prefix `ui`, subnet 10.243 (no other test file uses them).
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { parse, stringify } from 'yaml';
import type { DeployEvent, DeployReport, ReleasesReport } from '../src/deploy/model.ts';
import { startFleet, type Fleet } from './support/fleet.ts';
import { builtExample, gocross } from './support/gocross-cli.ts';
import { lacks, REPO } from './support/go.ts';
import { parseXml } from './support/xml.ts';

const BIN = join(REPO, 'src/cli/bin.ts');
const skip = process.getuid?.() !== 0 ? 'needs root (network namespaces, systemd-nspawn)' : lacks('go', 'systemd-nspawn', 'sshd', 'ssh', 'ip');

describe('deploy, releases and rollback through the CLI on a real device', { skip }, () => {
  let fleet: Fleet | undefined;
  let project = '';
  before(async () => {
    [fleet, project] = await Promise.all([startFleet({ systemdDevices: 1, prefix: 'ui', subnetBase: '10.243' }), builtExample('linux/amd64', 'hello-service')]);
    const file = join(project, 'gocross.config.yaml');
    const config = parse(await readFile(file, 'utf8')) as { deploy: Record<string, unknown> };
    config.deploy.hosts = fleet.hosts.map((h) => ({ name: h.name, address: h.address, port: h.port, user: h.user, identityFile: h.identityFile }));
    config.deploy.groups = {};
    config.deploy.knownHosts = fleet.knownHosts;
    config.deploy.waves = [1];
    await writeFile(file, stringify(config));
  });
  after(async () => {
    await fleet?.stop();
    if (project) await rm(dirname(project), { recursive: true, force: true });
  });

  const cli = (args: string[]) => gocross(args, project, { CI: 'true' });

  test('--dry-run --json: NDJSON events, the last one the plan report; nothing changed', async () => {
    const r = await cli(['deploy', '--dry-run', '--json']);
    assert.equal(r.exitCode, 0, r.stderr);
    const events = r.stdout.trimEnd().split('\n').map((l) => JSON.parse(l) as DeployEvent & { schemaVersion: number });
    assert.deepEqual([events[0]!.type, events.at(-1)!.type], ['plan', 'done']);
    assert.ok(events.every((e) => e.schemaVersion === 1));
    const report = (events.at(-1) as Extract<DeployEvent, { type: 'done' }>).report;
    assert.equal(report.dryRun, true);
    const dev1 = report.hosts[0]!;
    assert.equal(dev1.artifact, 'linux/amd64');
    assert.equal(dev1.steps.find((s) => s.step === 'preflight')?.status, 'ok');
    assert.match(r.stderr, /^Plan: deploy hello-service /m, 'the plan goes to stderr with --json');
    const releases = await cli(['releases', '--json']);
    assert.deepEqual((JSON.parse(releases.stdout) as ReleasesReport).hosts[0]!.releases, [], 'a dry run installs nothing');
  });

  test('a deploy prints the wave table and writes junit.xml, deploy.html and deploy.json', async () => {
    const r = await cli(['deploy', '--release-version', '1.0.0', '--report-dir', 'reports']);
    assert.equal(r.exitCode, 0, r.stderr + r.stdout);
    assert.match(r.stdout, /^ {2}dev1 +✓ updated +linux\/amd64 +— → 1\.0\.0-[0-9a-f]{12} /m);
    assert.match(r.stdout, /^OK Deployed hello-service 1\.0\.0/m);
    assert.match(r.stderr, /^ {2}dev1 health-http ok/m, 'plain progress lines in CI');
    const report = JSON.parse(readFileSync(join(project, 'reports/deploy.json'), 'utf8')) as DeployReport;
    assert.equal(report.exitCode, 0);
    const junit = parseXml(readFileSync(join(project, 'reports/junit.xml'), 'utf8'));
    assert.deepEqual(junit.children[0]!.children.map((c) => c.attributes.name), report.hosts[0]!.steps.map((s) => s.step));
    assert.equal(junit.attributes.failures, '0');
    assert.match(readFileSync(join(project, 'reports/deploy.html'), 'utf8'), /<tr data-host="dev1" data-outcome="updated">/);
  });

  test('releases lists both releases with the current one marked; rollback goes back to the first', async () => {
    const second = await cli(['deploy', '--release-version', '1.1.0']);
    assert.equal(second.exitCode, 0, second.stderr + second.stdout);
    const before = JSON.parse((await cli(['releases', '--json'])).stdout) as ReleasesReport;
    const ids = before.hosts[0]!.releases;
    assert.deepEqual(ids.filter((x) => x.current).map((x) => x.id.split('-')[0]), ['1.1.0']);
    assert.equal(ids.length, 2);
    const table = await cli(['releases']);
    assert.match(table.stdout, /^ {2}1\.1\.0-[0-9a-f]{12} +\* /m);
    const back = await cli(['rollback']);
    assert.equal(back.exitCode, 0, back.stderr + back.stdout);
    assert.match(back.stdout, /^OK Rollback of hello-service/m);
    const after = JSON.parse((await cli(['releases', '--json'])).stdout) as ReleasesReport;
    assert.deepEqual(after.hosts[0]!.releases.filter((x) => x.current).map((x) => x.id.split('-')[0]), ['1.0.0']);
  });

  test('Ctrl-C mid-deploy: the host in flight is finished or switched back, the summary says so, exit 130', async () => {
    const child = spawn(process.execPath, [BIN, 'deploy', '--release-version', '2.0.0'], { cwd: project, env: { ...process.env, CI: 'true', NO_COLOR: '1' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    const interrupted = new Promise<void>((resolve) => {
      child.stderr.on('data', (d: Buffer) => {
        stderr += d.toString();
        // Once the release is on the device, before the switch: the run must not leave it half-done.
        if (/^ {2}dev1 upload ok/m.test(stderr) && !child.killed) {
          child.kill('SIGINT');
          resolve();
        }
      });
    });
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    await interrupted;
    assert.equal(code, 130, stderr + stdout);
    assert.match(stderr, /^interrupted: finishing or switching back the hosts in flight/m);
    assert.match(stdout, /^Interrupted: hosts in flight were finished or switched back; run 'gocross deploy --resume' to continue\.$/m);
    const state = JSON.parse((await cli(['releases', '--json'])).stdout) as ReleasesReport;
    const current = state.hosts[0]!.releases.find((x) => x.current)!.id.split('-')[0];
    assert.ok(current === '1.0.0' || current === '2.0.0', `dev1 is on a whole release, not half of one: ${current}`);
    assert.match(stdout, current === '2.0.0' ? /dev1 +✓ updated/ : /dev1 +[·↩⊘✗] /);
  });
});
