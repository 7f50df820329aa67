/**
 * connect() against a real OpenSSH sshd on 127.0.0.1: host key policy (unknown, accept-new,
 * changed, revoked, hashed, [host]:port, several key types), credentials and the errors a user
 * meets connecting.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isGocrossError } from '../../core/errors.ts';
import type { ConnectOptions, Remote } from '../model.ts';
import { connect } from './connect.ts';
import { startSshd, type TestSshd } from './testing/sshd.ts';
import { fingerprintOf } from './key-blob.ts';

const NO_AGENT = { agentSocket: undefined, home: '/nonexistent-home' };
const scratch = mkdtempSync(join(tmpdir(), 'gocross-connect-'));
let sshd: TestSshd;
let multiKey: TestSshd;
test.before(async () => {
  sshd = await startSshd();
  multiKey = await startSshd({ hostKeys: ['ed25519', 'ecdsa', 'rsa'] });
});
test.after(async () => {
  await sshd?.stop();
  await multiKey?.stop();
  rmSync(scratch, { recursive: true, force: true });
});

let files = 0;
const knownHostsPath = (): string => join(scratch, `kh-${++files}`, 'known_hosts');
const options = (knownHostsFile: string, over: Partial<ConnectOptions> = {}): ConnectOptions => ({ knownHostsFile, acceptNewHostKeys: false, timeoutMs: 5000, ...over });
const hostLine = (s: TestSshd, type = 0): string => `[127.0.0.1]:${s.port} ${s.hostKeys[type]!.type} ${s.hostKeys[type]!.base64}`;
const fingerprint = (s: TestSshd, type = 0): string => fingerprintOf(Buffer.from(s.hostKeys[type]!.base64, 'base64'));

function writeKnownHosts(text: string): string {
  const file = knownHostsPath();
  execFileSync('mkdir', ['-p', join(file, '..')]);
  writeFileSync(file, text, { mode: 0o644 });
  return file;
}

async function echo(remote: Remote): Promise<string> {
  return (await remote.run(['echo', 'hello'])).toString();
}

test('connect() refuses an unknown host key, names host and fingerprint, and leaves known_hosts untouched', async () => {
  const existing = writeKnownHosts(`# mine\nother.example ${sshd.hostKeys[0]!.type} ${sshd.hostKeys[0]!.base64}\n`);
  const before = readFileSync(existing, 'utf8');
  const missing = knownHostsPath();
  for (const file of [existing, missing]) {
    await assert.rejects(connect(sshd.deployHost(), options(file), NO_AGENT), (e) => {
      assert.ok(isGocrossError(e, 'environment'), String(e));
      assert.match(e.message, new RegExp(`root@127\\.0\\.0\\.1:${sshd.port}`));
      assert.ok(e.message.includes(`ssh-ed25519 ${fingerprint(sshd)}`), e.message);
      assert.match(e.fix ?? '', /--accept-new-host-keys/);
      return true;
    });
  }
  assert.equal(readFileSync(existing, 'utf8'), before);
  assert.equal(existsSync(missing), false);
});

test('connect() with acceptNewHostKeys adds the key (file 0600, directory 0700, old lines kept); the next connect matches it', async () => {
  const fresh = join(scratch, 'new-dir', 'sub', 'known_hosts');
  const remote = await connect(sshd.deployHost(), options(fresh, { acceptNewHostKeys: true }), NO_AGENT);
  assert.equal(await echo(remote), 'hello\n');
  await remote.close();
  assert.equal(readFileSync(fresh, 'utf8'), `${hostLine(sshd)}\n`);
  assert.equal(statSync(fresh).mode & 0o777, 0o600);
  assert.equal(statSync(join(scratch, 'new-dir', 'sub')).mode & 0o777, 0o700);
  // ssh itself reads what we wrote.
  assert.match(execFileSync('ssh-keygen', ['-F', `[127.0.0.1]:${sshd.port}`, '-f', fresh], { encoding: 'utf8' }), /found: line 1/);

  const existing = writeKnownHosts('# keep me\nother.example ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIP01Bxs9GVRFBVh1rpBbLLS/Y9PHmgZM8768Z9gxHut/');
  const again = await connect(sshd.deployHost(), options(existing, { acceptNewHostKeys: true }), NO_AGENT);
  await again.close();
  const text = readFileSync(existing, 'utf8');
  assert.equal(text, `# keep me\nother.example ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIP01Bxs9GVRFBVh1rpBbLLS/Y9PHmgZM8768Z9gxHut/\n${hostLine(sshd)}\n`);
  assert.equal(statSync(existing).mode & 0o777, 0o644, 'the existing mode is kept');
  const third = await connect(sshd.deployHost(), options(existing), NO_AGENT);
  assert.equal(await echo(third), 'hello\n');
  await third.close();
  assert.equal(readFileSync(existing, 'utf8'), text);
});

test('connect() with acceptNewHostKeys for two devices at once keeps both lines', async () => {
  const file = knownHostsPath();
  const remotes = await Promise.all([sshd, multiKey].map((s) => connect(s.deployHost(), options(file, { acceptNewHostKeys: true }), NO_AGENT)));
  await Promise.all(remotes.map((r) => r.close()));
  const lines = readFileSync(file, 'utf8').trim().split('\n').sort();
  assert.equal(lines.length, 2);
  assert.ok(lines.includes(hostLine(sshd)));
  assert.ok(lines.some((l) => l.startsWith(`[127.0.0.1]:${multiKey.port} `)));
});

test('connect() refuses a changed host key even with acceptNewHostKeys, and says where the old key is', async () => {
  const oldKey = 'AAAAC3NzaC1lZDI1NTE5AAAAIP01Bxs9GVRFBVh1rpBbLLS/Y9PHmgZM8768Z9gxHut/';
  const file = writeKnownHosts(`# line 1\n[127.0.0.1]:${sshd.port} ssh-ed25519 ${oldKey}\n`);
  const before = readFileSync(file, 'utf8');
  for (const acceptNewHostKeys of [false, true]) {
    await assert.rejects(connect(sshd.deployHost(), options(file, { acceptNewHostKeys }), NO_AGENT), (e) => {
      assert.ok(isGocrossError(e, 'failure'), String(e));
      assert.match(e.message, /REMOTE HOST IDENTIFICATION HAS CHANGED/);
      assert.ok(e.message.includes(`${file}:2`), e.message);
      assert.ok(e.message.includes(fingerprintOf(Buffer.from(oldKey, 'base64'))), e.message);
      assert.ok(e.message.includes(fingerprint(sshd)), e.message);
      assert.equal(e.fix, `if the device was really reinstalled, remove the old key with ssh-keygen -R '[127.0.0.1]:${sshd.port}' -f ${file} and connect again with --accept-new-host-keys`);
      return true;
    });
  }
  assert.equal(readFileSync(file, 'utf8'), before);
});

test('connect() refuses a key marked @revoked', async () => {
  const file = writeKnownHosts(`@revoked * ${sshd.hostKeys[0]!.type} ${sshd.hostKeys[0]!.base64}\n${hostLine(sshd)}\n`);
  await assert.rejects(connect(sshd.deployHost(), options(file, { acceptNewHostKeys: true }), NO_AGENT), /marked @revoked in .*:1/);
});

test('connect() matches a [127.0.0.1]:PORT line and a line hashed by ssh-keygen -H', async () => {
  const plain = writeKnownHosts(`${hostLine(sshd)}\n`);
  const hashed = writeKnownHosts(`${hostLine(sshd)}\n`);
  execFileSync('ssh-keygen', ['-H', '-f', hashed], { stdio: 'ignore' });
  assert.match(readFileSync(hashed, 'utf8'), /^\|1\|/);
  for (const file of [plain, hashed]) {
    const remote = await connect(sshd.deployHost(), options(file), NO_AGENT);
    assert.equal(await echo(remote), 'hello\n');
    await remote.close();
  }
});

test('connect() asks a device with several host keys for the type known_hosts has', async () => {
  // known_hosts has only the RSA key; ssh2 would otherwise negotiate ed25519 and call it changed.
  const file = writeKnownHosts(`${hostLine(multiKey, 2)}\n`);
  const remote = await connect(multiKey.deployHost(), options(file), NO_AGENT);
  assert.equal(await echo(remote), 'hello\n');
  await remote.close();
  const ecdsa = writeKnownHosts(`${hostLine(multiKey, 1)}\n`);
  const second = await connect(multiKey.deployHost(), options(ecdsa), NO_AGENT);
  await second.close();
});

test('connect() names the device and the keys offered when none is accepted', async () => {
  const file = writeKnownHosts(`${hostLine(sshd)}\n`);
  const stranger = join(scratch, 'stranger');
  execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', stranger]);
  await assert.rejects(connect(sshd.deployHost({ identityFile: stranger }), options(file), NO_AGENT), (e) => {
    assert.ok(isGocrossError(e, 'environment'), String(e));
    assert.equal(e.message, `Cannot connect to test-openssh (root@127.0.0.1:${sshd.port}): the device accepted none of the keys offered (${stranger})`);
    assert.match(e.fix ?? '', /ssh-copy-id -p \d+ root@127\.0\.0\.1/);
    return true;
  });
});

test('connect() refuses a passphrase-protected identity file without an agent, and a missing one, with the fix', async () => {
  const file = writeKnownHosts(`${hostLine(sshd)}\n`);
  const locked = join(scratch, 'locked');
  execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', 'secret words', '-f', locked]);
  await assert.rejects(connect(sshd.deployHost({ identityFile: locked }), options(file), NO_AGENT), (e) => {
    assert.ok(isGocrossError(e, 'environment'), String(e));
    assert.match(e.message, /protected by a passphrase/);
    assert.match(e.fix ?? '', new RegExp(`ssh-add ${locked}`));
    return true;
  });
  await assert.rejects(connect(sshd.deployHost({ identityFile: join(scratch, 'no-such-key') }), options(file), NO_AGENT), /cannot read the identity file .*no-such-key: no such file or directory/);
});

test('connect() with no identityFile uses ssh-agent, else ~/.ssh/id_ed25519; with neither it says so', async () => {
  const file = writeKnownHosts(`${hostLine(sshd)}\n`);
  const home = join(scratch, 'home');
  execFileSync('mkdir', ['-p', join(home, '.ssh')]);
  await assert.rejects(connect(sshd.deployHost({ identityFile: null }), options(file), { agentSocket: undefined, home }), (e) => {
    assert.ok(isGocrossError(e, 'environment'));
    assert.match(e.message, /no SSH key to offer/);
    return true;
  });
  execFileSync('cp', [sshd.clientKey, join(home, '.ssh', 'id_ed25519')]);
  const viaFile = await connect(sshd.deployHost({ identityFile: null }), options(file), { agentSocket: undefined, home });
  await viaFile.close();

  const agentDir = mkdtempSync(join(tmpdir(), 'gocross-agent-'));
  const socket = join(agentDir, 'agent.sock');
  const out = execFileSync('ssh-agent', ['-a', socket], { encoding: 'utf8' });
  const agentPid = Number(/SSH_AGENT_PID=(\d+)/.exec(out)?.[1]);
  try {
    execFileSync('ssh-add', [sshd.clientKey], { env: { ...process.env, SSH_AUTH_SOCK: socket }, stdio: 'ignore' });
    const viaAgent = await connect(sshd.deployHost({ identityFile: null }), options(file), { agentSocket: socket, home: '/nonexistent-home' });
    assert.equal(await echo(viaAgent), 'hello\n');
    await viaAgent.close();
  } finally {
    process.kill(agentPid);
    rmSync(agentDir, { recursive: true, force: true });
  }
});

test('connect() says "connection refused" for a port nothing listens on', async () => {
  const file = writeKnownHosts('');
  const dead = await startSshd();
  const port = dead.port;
  await dead.stop();
  await assert.rejects(connect(dead.deployHost({ name: 'gone', identityFile: sshd.clientKey }), options(file), NO_AGENT), (e) => {
    assert.ok(isGocrossError(e, 'failure'), String(e));
    assert.equal(e.message, `Cannot connect to gone (root@127.0.0.1:${port}): connection refused (nothing listens on port ${port})`);
    return true;
  });
});

test('connect() says it cannot resolve a name that does not exist', async () => {
  await assert.rejects(connect(sshd.deployHost({ name: 'ghost', address: 'gocross-test.invalid', port: 22 }), options(writeKnownHosts('')), NO_AGENT), (e) => {
    assert.ok(isGocrossError(e, 'failure'), String(e));
    assert.equal(e.message, 'Cannot connect to ghost (root@gocross-test.invalid:22): cannot resolve gocross-test.invalid');
    return true;
  });
});

test('connect() gives up after timeoutMs on a port that accepts but never speaks SSH, and stops when aborted', async () => {
  const { createServer } = await import('node:net');
  const sockets: import('node:net').Socket[] = [];
  const silent = createServer((s) => sockets.push(s));
  await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
  const port = (silent.address() as import('node:net').AddressInfo).port;
  try {
    const host = { ...sshd.deployHost(), port };
    await assert.rejects(connect(host, options(writeKnownHosts(''), { timeoutMs: 300 }), NO_AGENT), (e) => {
      assert.ok(isGocrossError(e, 'failure'), String(e));
      assert.match(e.message, /no SSH handshake within 300 ms/);
      return true;
    });
    const controller = new AbortController();
    const attempt = connect(host, options(writeKnownHosts(''), { timeoutMs: 60_000, signal: controller.signal }), NO_AGENT);
    setTimeout(() => controller.abort(), 100);
    await assert.rejects(attempt, (e) => isGocrossError(e, 'interrupted') && /cancelled/.test(e.message));
  } finally {
    for (const s of sockets) s.destroy();
    silent.close();
  }
});
