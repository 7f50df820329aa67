/**
 * The local test fleet is made of real devices: a real systemd as PID 1 with sshd, an arm64
 * userland under QEMU without systemd or SFTP, an older glibc; network cuts are real; stopping it
 * leaves nothing behind. Needs root (network namespaces, systemd-nspawn). Prefix `ft`, 10.232.x.
 */
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { after, before, describe, test } from 'node:test';
import { run } from '../src/process/run.ts';
import { startFleet, type Fleet } from './support/fleet.ts';
import { lacks, REPO } from './support/go.ts';

const PREFIX = 'ft';
const skip = process.getuid?.() !== 0 ? 'needs root (network namespaces, systemd-nspawn)' : lacks('systemd-nspawn', 'sshd', 'ssh', 'sftp', 'dropbearkey', 'ip');

async function ourNamespaces(): Promise<string[]> {
  const r = await run('ip', ['netns', 'list'], { reject: false });
  return r.stdout.split('\n').map((l) => l.split(' ')[0] ?? '').filter((n) => n.startsWith(`gxf${PREFIX}-`));
}

async function ourLinks(): Promise<string[]> {
  const r = await run('ip', ['-o', 'link', 'show'], { reject: false });
  return r.stdout.split('\n').map((l) => l.split(': ')[1]?.split('@')[0] ?? '').filter((n) => n.startsWith(`gxf${PREFIX}h`));
}

describe('the local test fleet (scripts/fleet.sh)', { skip }, () => {
  let fleet: Fleet;
  let pids: number[] = [];
  before(async () => {
    fleet = await startFleet({ systemdDevices: 2, arm64: true, legacy: true, prefix: PREFIX, subnetBase: '10.232' });
    pids = await Promise.all(fleet.hosts.map(async (h) => Number(await readFile(`${fleet.stateDir}/devices/${h.name}/pid`, 'utf8'))));
  });
  after(async () => {
    await fleet?.stop();
  });

  test('inventory lists every device with its kind, arch and address', () => {
    assert.deepEqual(
      fleet.hosts.map((h) => [h.name, h.kind, h.arch, h.address, h.port, h.user]),
      [
        ['dev1', 'systemd', 'amd64', '10.232.1.2', 22, 'root'],
        ['dev2', 'systemd', 'amd64', '10.232.2.2', 22, 'root'],
        ['arm64', 'arm64-dropbear', 'arm64', '10.232.201.2', 2222, 'root'],
        ['legacy', 'legacy-dropbear', 'amd64', '10.232.202.2', 22, 'root'],
      ],
    );
  });

  test('each device has its own host key, recorded in known_hosts', async () => {
    const lines = (await readFile(fleet.knownHosts, 'utf8')).trim().split('\n');
    assert.deepEqual(lines.map((l) => l.split(' ')[0]), ['10.232.1.2', '10.232.2.2', '[10.232.201.2]:2222', '10.232.202.2']);
    assert.equal(new Set(lines.map((l) => l.split(' ')[2])).size, 4);
    const host = (await readFile('/etc/ssh/ssh_host_ed25519_key.pub', 'utf8').catch(() => '')).split(' ')[1];
    assert.ok(!lines.some((l) => l.split(' ')[2] === host), 'a device serves the host machine\'s own key');
  });

  for (const name of ['dev1', 'dev2']) {
    test(`${name} runs systemd as PID 1, with transient timers, on x86_64`, async () => {
      const state = await fleet.exec(name, ['systemctl', 'is-system-running']);
      assert.match(state.stdout.trim(), /^(running|degraded)$/, state.stderr);
      const facts = await fleet.exec(name, ['sh', '-c', 'uname -m; hostname; cat /proc/1/comm']);
      assert.deepEqual(facts.stdout.trim().split('\n'), ['x86_64', name, 'systemd']);
      // A timer that fires by itself, with the controller disconnected: what the revert timer needs.
      const marker = `/opt/fleet-test-${name}`;
      const armed = await fleet.exec(name, ['systemd-run', '--on-active=1', '--timer-property=AccuracySec=100ms', '/bin/touch', marker]);
      assert.equal(armed.exitCode, 0, armed.stderr);
      let fired = false;
      for (let i = 0; i < 50 && !fired; i++) {
        fired = (await fleet.exec(name, ['test', '-e', marker])).exitCode === 0;
        if (!fired) await new Promise((resolve) => setTimeout(resolve, 200));
      }
      assert.ok(fired, `${marker} was never created by the transient timer`);
    });
  }

  test('/opt of a systemd device is the persistent directory in the state dir', async () => {
    const r = await fleet.exec('dev1', ['sh', '-c', 'echo kept > /opt/persist-check']);
    assert.equal(r.exitCode, 0, r.stderr);
    assert.equal(await readFile(`${fleet.stateDir}/devices/dev1/opt/persist-check`, 'utf8'), 'kept\n');
  });

  test('the arm64 router runs an aarch64 userland with glibc 2.36, without systemd or SFTP', async () => {
    const r = await fleet.exec('arm64', ['sh', '-c', 'uname -m; test -d /run/systemd/system && echo systemd || echo no-systemd; command -v systemctl || echo no-systemctl; /lib/aarch64-linux-gnu/libc.so.6 | head -n 1; od -An -tx1 -j18 -N2 /bin/sh']);
    assert.equal(r.exitCode, 0, r.stderr);
    const [machine, init, systemctl, libc, elfMachine] = r.stdout.trim().split('\n');
    assert.equal(machine, 'aarch64');
    assert.equal(init, 'no-systemd');
    assert.equal(systemctl, 'no-systemctl');
    assert.match(libc ?? '', /GLIBC 2\.36/);
    assert.equal(elfMachine?.trim(), 'b7 00', 'ELF e_machine of /bin/sh is EM_AARCH64 (183)');
    const h = fleet.host('arm64');
    const sftp = await run('sftp', [...fleet.sshOptions(), '-P', String(h.port), '-b', '-', `root@${h.address}`], { reject: false, input: 'ls\n', timeoutMs: 30_000 });
    assert.notEqual(sftp.exitCode, 0, 'sftp worked against a device that has no SFTP server');
  });

  test('the legacy device runs x86_64 with glibc 2.31, without systemd or SFTP', async () => {
    const r = await fleet.exec('legacy', ['sh', '-c', 'uname -m; test -d /run/systemd/system && echo systemd || echo no-systemd; /lib/x86_64-linux-gnu/libc.so.6 | head -n 1']);
    assert.equal(r.exitCode, 0, r.stderr);
    const [machine, init, libc] = r.stdout.trim().split('\n');
    assert.equal(machine, 'x86_64');
    assert.equal(init, 'no-systemd');
    assert.match(libc ?? '', /GLIBC 2\.31/);
    const h = fleet.host('legacy');
    const sftp = await run('sftp', [...fleet.sshOptions(), '-P', String(h.port), '-b', '-', `root@${h.address}`], { reject: false, input: 'ls\n', timeoutMs: 30_000 });
    assert.notEqual(sftp.exitCode, 0, 'sftp worked against a device that has no SFTP server');
  });

  test('exec passes every argument through the remote shell unchanged', async () => {
    const args = ['a b', "it's", '$HOME', '`x`', 'semi;colon', ''];
    const r = await fleet.exec('dev2', ['printf', '[%s]\\n', ...args]);
    assert.equal(r.stdout, args.map((a) => `[${a}]\n`).join(''));
  });

  test('a cut device does not answer SSH; restored, it answers again', async () => {
    await fleet.cut('dev2');
    try {
      const cut = await fleet.exec('dev2', ['true'], { timeoutMs: 20_000 });
      assert.notEqual(cut.exitCode, 0, 'ssh reached a device whose network was cut');
      assert.equal(cut.timedOut, false, 'ssh did not give up within its ConnectTimeout');
    } finally {
      await fleet.restore('dev2');
    }
    const back = await fleet.exec('dev2', ['true']);
    assert.equal(back.exitCode, 0, back.stderr);
  });

  test('a second `up` leaves running devices as they are', async () => {
    const again = await run('bash', [`${REPO}/scripts/fleet.sh`, 'up', '--devices', '2', '--state', fleet.stateDir], { reject: false, timeoutMs: 120_000 });
    assert.equal(again.exitCode, 0, again.stderr);
    for (const name of ['dev1', 'dev2', 'arm64', 'legacy']) assert.match(again.stderr, new RegExp(`${name}: already running`));
    const samePids = await Promise.all(fleet.hosts.map(async (h) => Number(await readFile(`${fleet.stateDir}/devices/${h.name}/pid`, 'utf8'))));
    assert.deepEqual(samePids, pids);
  });

  test('stop leaves no namespace, interface or process behind', async () => {
    assert.equal((await ourNamespaces()).length, 4);
    await fleet.stop();
    assert.deepEqual(await ourNamespaces(), []);
    assert.deepEqual(await ourLinks(), []);
    for (const pid of pids) {
      assert.throws(() => process.kill(pid, 0), /ESRCH/, `process ${pid} of the fleet is still alive`);
    }
  });
});

describe('scripts/fleet.sh refuses what it cannot do, with the fix', { skip: process.getuid?.() !== 0 ? 'needs root' : false }, () => {
  const fleetSh = (...args: string[]) => run('bash', [`${REPO}/scripts/fleet.sh`, ...args], { reject: false, timeoutMs: 30_000 });

  test('an id that would make interface names longer than 15 characters', async () => {
    const r = await fleetSh('up', '--id', 'muchtoolong', '--state', '/nonexistent-gocross-fleet-state');
    assert.equal(r.exitCode, 1);
    assert.match(r.stderr, /Cannot use fleet id 'muchtoolong': use 1 to 6 characters/);
  });

  test('cutting a device the fleet does not have', async () => {
    const r = await fleetSh('cut', 'nosuch', '--state', '/nonexistent-gocross-fleet-state');
    assert.equal(r.exitCode, 1);
    assert.match(r.stderr, /Cannot cut 'nosuch': no such device in .*fleet\.sh status lists them/);
  });

  test('only `up` makes a state directory', async () => {
    await fleetSh('status', '--state', '/nonexistent-gocross-fleet-state');
    await fleetSh('down', '--state', '/nonexistent-gocross-fleet-state');
    assert.equal(existsSync('/nonexistent-gocross-fleet-state'), false);
  });

  test('running as a user other than root', { skip: lacks('setpriv') }, async () => {
    const r = await run('setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', 'bash', `${REPO}/scripts/fleet.sh`, 'status'], { reject: false, timeoutMs: 30_000 });
    assert.equal(r.exitCode, 1);
    assert.match(r.stderr, /Cannot manage the fleet: network namespaces and systemd-nspawn need root/);
  });
});
