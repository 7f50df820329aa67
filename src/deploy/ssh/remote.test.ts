/**
 * The Remote against real servers on 127.0.0.1: OpenSSH with SFTP, without it, with a broken one,
 * and dropbear without sftp-server (like a BusyBox device). Commands, output, stdin, errors,
 * uploads checked with the device's own sha256sum, cancellation, and a server killed mid-command.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isGocrossError } from '../../core/errors.ts';
import type { Remote } from '../model.ts';
import { connect } from './connect.ts';
import { ConnectionLostError, RemoteCommandError } from './errors.ts';
import { startSshd, type SftpVariant, type TestSshd } from './testing/sshd.ts';

const NO_AGENT = { agentSocket: undefined, home: '/nonexistent-home' };
const scratch = mkdtempSync(join(tmpdir(), 'gocross-remote-'));
const servers: TestSshd[] = [];
test.after(async () => {
  for (const s of servers) await s.stop();
  rmSync(scratch, { recursive: true, force: true });
});

async function server(options: Parameters<typeof startSshd>[0] = {}): Promise<TestSshd> {
  const s = await startSshd(options);
  servers.push(s);
  return s;
}

async function open(s: TestSshd): Promise<Remote> {
  return connect(s.deployHost(), { knownHostsFile: join(s.dir, 'known_hosts'), acceptNewHostKeys: true, timeoutMs: 10_000 }, NO_AGENT);
}

const payload = randomBytes(5 * 1024 * 1024);
const payloadFile = join(scratch, 'payload.bin');
writeFileSync(payloadFile, payload);
const payloadSha = createHash('sha256').update(payload).digest('hex');

const NASTY = ['', "it's", '$(id)', '`id`', 'a\nb', '*', '~', '-n', 'ünï ✓', '\x1b[2J', '"', '\\', ' lead', 'A=b'];

test('OpenSSH with SFTP: commands, output, stdin, errors, upload, cancellation', async (t) => {
  const s = await server({ sftp: 'internal' });
  const remote = await open(s);
  t.after(() => remote.close());

  await t.test('exec() delivers every argument literally', async () => {
    const result = await remote.exec(['printf', '%s\\0', ...NASTY]);
    assert.equal(result.code, 0);
    assert.deepEqual(result.stdout, Buffer.from(NASTY.map((a) => `${a}\0`).join('')));
  });

  await t.test('exec() reports exit codes, signals and stderr', async () => {
    const failed = await remote.exec(['sh', '-c', 'echo out; echo "err $1" >&2; exit 7', 'sh', 'x']);
    assert.deepEqual({ code: failed.code, signal: failed.signal, stdout: failed.stdout.toString(), stderr: failed.stderr.toString() }, { code: 7, signal: null, stdout: 'out\n', stderr: 'err x\n' });
    const killed = await remote.exec(['sh', '-c', 'kill -TERM $$']);
    assert.deepEqual({ code: killed.code, signal: killed.signal }, { code: null, signal: 'SIGTERM' });
  });

  await t.test('exec() runs 25 commands started at once (more than sshd\'s MaxSessions of 10)', async () => {
    const outputs = await Promise.all(Array.from({ length: 25 }, (_, i) => remote.run(['sh', '-c', 'sleep 0.05; echo "$1"', 'sh', String(i)])));
    assert.deepEqual(outputs.map((o) => o.toString()), Array.from({ length: 25 }, (_, i) => `${i}\n`));
  });

  await t.test('exec() sends stdin from a Buffer and counts it in bytesSent', async () => {
    const before = remote.bytesSent;
    const input = Buffer.from('line one\n\0binary\xff');
    const result = await remote.exec(['cat'], { stdin: input });
    assert.deepEqual(result.stdout, input);
    assert.equal(remote.bytesSent - before, input.length);
  });

  await t.test('run() throws RemoteCommandError with the quoted command, the exit code and stderr made printable', async () => {
    await assert.rejects(remote.run(['sh', '-c', 'printf "boom \\033[31mred\\n" >&2; exit 3']), (e) => {
      assert.ok(e instanceof RemoteCommandError && isGocrossError(e, 'failure'), String(e));
      assert.equal(e.exitCode, 3);
      // The command is shown through printable(): its backslashes appear doubled.
      assert.equal(e.message, `Cannot run sh -c 'printf "boom \\\\033[31mred\\\\n" >&2; exit 3' on test-openssh (root@127.0.0.1:${s.port}): exit code 3: boom \\x1b[31mred`);
      return true;
    });
    assert.equal((await remote.run(['echo', 'fine'])).toString(), 'fine\n');
  });

  await t.test('exec() with timeoutMs fails with the limit in the message; the session stays usable', async () => {
    // OpenSSH ignores the KILL request in a root session (it signals only with privilege
    // separation, which a root login skips): the dropbear test checks that the command dies.
    await assert.rejects(remote.exec(['sleep', '3'], { timeoutMs: 300 }), (e) => {
      assert.ok(isGocrossError(e, 'failure'), String(e));
      assert.match(e.message, /timed out after 300 ms/);
      return true;
    });
    assert.equal((await remote.exec(['true'])).code, 0);
  });

  await t.test('exec() stops with kind interrupted when its signal aborts', async () => {
    const controller = new AbortController();
    const pending = remote.exec(['sleep', '3'], { signal: controller.signal });
    setTimeout(() => controller.abort(), 100);
    await assert.rejects(pending, (e) => isGocrossError(e, 'interrupted'));
    assert.equal((await remote.exec(['true'])).code, 0, 'the session still works');
  });

  await t.test('exec() fails past 16 MiB of output instead of holding it all', async () => {
    await assert.rejects(remote.exec(['head', '-c', String(17 * 1024 * 1024), '/dev/zero']), /wrote more than 16 MiB to stdout/);
  });

  await t.test('upload() uses SFTP, sets the mode, and the device computes the same SHA-256', async () => {
    const before = remote.bytesSent;
    const seen: number[] = [];
    const target = join(s.dir, 'upload.bin.tmp');
    const result = await remote.upload(payloadFile, target, { mode: 0o750, onProgress: (sent) => seen.push(sent) });
    assert.deepEqual(result, { bytes: payload.length, via: 'sftp' });
    assert.equal(remote.bytesSent - before, payload.length);
    assert.equal(seen.at(-1), payload.length);
    const [sum, mode] = (await remote.run(['sh', '-c', 'sha256sum "$1" | cut -d" " -f1; stat -c %a "$1"', 'sh', target])).toString().trim().split('\n');
    assert.equal(sum, payloadSha);
    assert.equal(mode, '750');
  });

  await t.test('upload() stops with kind interrupted when aborted mid-way; the session stays usable', async () => {
    const controller = new AbortController();
    await assert.rejects(remote.upload(payloadFile, join(s.dir, 'aborted.tmp'), { signal: controller.signal, onProgress: (sent) => sent > 0 && controller.abort() }), (e) => isGocrossError(e, 'interrupted'));
    assert.equal((await remote.exec(['true'])).code, 0);
  });

  await t.test('upload() of a missing local file is an input error naming it', async () => {
    await assert.rejects(remote.upload(join(scratch, 'nope'), join(s.dir, 'x')), (e) => isGocrossError(e, 'input') && e.message.includes('nope'));
  });

  await t.test('close() is idempotent; afterwards commands fail saying the session was closed', async () => {
    const other = await open(s);
    await Promise.all([other.close(), other.close()]);
    await other.close();
    await assert.rejects(other.exec(['true']), /the SSH session was closed/);
  });
});

for (const sftp of ['none', 'broken'] as SftpVariant[]) {
  test(`OpenSSH with SFTP ${sftp === 'none' ? 'absent' : 'failing to start'}: upload() streams through cat on an exec channel`, async () => {
    const s = await server({ sftp });
    const remote = await open(s);
    try {
      const target = join(s.dir, 'upload.bin.tmp');
      const before = remote.bytesSent;
      assert.deepEqual(await remote.upload(payloadFile, target, { mode: 0o755 }), { bytes: payload.length, via: 'exec' });
      assert.equal(remote.bytesSent - before, payload.length);
      // Remembered for the session: the second upload goes the same way at once.
      assert.deepEqual(await remote.upload(payloadFile, `${target}2`, { mode: 0o600 }), { bytes: payload.length, via: 'exec' });
      const out = (await remote.run(['sh', '-c', 'sha256sum "$1" "$2" | cut -d" " -f1; stat -c %a "$1" "$2"', 'sh', target, `${target}2`])).toString().trim().split('\n');
      assert.deepEqual(out, [payloadSha, payloadSha, '755', '600']);

      const controller = new AbortController();
      await assert.rejects(remote.upload(payloadFile, join(s.dir, 'aborted.tmp'), { signal: controller.signal, onProgress: (sent) => sent > 0 && controller.abort() }), (e) => isGocrossError(e, 'interrupted'));
      await assert.rejects(remote.upload(payloadFile, '/proc/no/such/dir/file'), (e) => e instanceof RemoteCommandError && /cannot create \/proc\/no\/such\/dir\/file: Directory nonexistent/.test(e.message));
    } finally {
      await remote.close();
    }
  });
}

test('dropbear with sftp-server: upload() uses SFTP and the device computes the same SHA-256', async () => {
  const s = await server({ server: 'dropbear', sftp: 'internal' });
  const remote = await open(s);
  try {
    const target = join(s.dir, 'upload.bin.tmp');
    assert.deepEqual(await remote.upload(payloadFile, target, { mode: 0o700 }), { bytes: payload.length, via: 'sftp' });
    assert.deepEqual((await remote.run(['sh', '-c', 'sha256sum "$1" | cut -d" " -f1; stat -c %a "$1"', 'sh', target])).toString().trim().split('\n'), [payloadSha, '700']);
  } finally {
    await remote.close();
  }
});

test('dropbear without sftp-server: commands and an upload through the exec fallback', async () => {
  const s = await server({ server: 'dropbear', sftp: 'broken' });
  const remote = await open(s);
  try {
    const result = await remote.exec(['printf', '%s\\0', ...NASTY]);
    assert.deepEqual(result.stdout, Buffer.from(NASTY.map((a) => `${a}\0`).join('')));
    assert.equal((await remote.exec(['sh', '-c', 'exit 5'])).code, 5);
    for (let round = 0; round < 3; round++) {
      const outputs = await Promise.all(Array.from({ length: 20 }, (_, i) => remote.run(['sh', '-c', 'sleep 0.01; echo "$1"', 'sh', String(i)])));
      assert.deepEqual(outputs.map((o) => o.toString()), Array.from({ length: 20 }, (_, i) => `${i}\n`));
    }
    const target = join(s.dir, 'upload.bin.tmp');
    assert.deepEqual(await remote.upload(payloadFile, target, { mode: 0o755 }), { bytes: payload.length, via: 'exec' });
    assert.equal((await remote.run(['sha256sum', target])).toString().split(' ')[0], payloadSha);

    // dropbear honours the KILL request: a timed-out command does not live on.
    const marker = `${4000 + Math.floor(Math.random() * 1000)}.5`;
    await assert.rejects(remote.exec(['sleep', marker], { timeoutMs: 300 }), /timed out after 300 ms/);
    let left = '';
    for (let i = 0; i < 20; i++) {
      left = (await remote.exec(['sh', '-c', 'pgrep -f "^sleep $1$" || true', 'sh', marker])).stdout.toString();
      if (left === '') break;
      await new Promise((r) => setTimeout(r, 100));
    }
    assert.equal(left, '', `sleep ${marker} still runs on the device`);
  } finally {
    await remote.close();
  }
});

test('a server killed mid-command rejects every pending command and upload with ConnectionLostError', async () => {
  const s = await server({ sftp: 'none' });
  const remote = await open(s);
  // Each command marks that it runs before the server is killed (the test runs on the same machine).
  const started = (name: string): string[] => ['sh', '-c', 'touch "$1"; exec sleep 5', 'sh', join(s.dir, name)];
  const pending = [remote.exec(started('a')), remote.run(started('b')), remote.exec(['cat'], { stdin: Buffer.from('x') }).then(() => remote.exec(started('c')))];
  for (const name of ['a', 'b', 'c']) {
    while (!existsSync(join(s.dir, name))) await new Promise((r) => setTimeout(r, 20));
  }
  s.kill();
  for (const p of pending) {
    await assert.rejects(p, (e) => {
      assert.ok(e instanceof ConnectionLostError && isGocrossError(e, 'failure'), String(e));
      assert.match(e.message, /connection to 127\.0\.0\.1 lost/);
      return true;
    });
  }
  await assert.rejects(remote.exec(['true']), ConnectionLostError);
  await assert.rejects(remote.upload(payloadFile, '/tmp/x'), ConnectionLostError);
  await remote.close();
});

test('a network that goes silent (no FIN, no RST) is noticed by keepalives and rejects pending work with ConnectionLostError', async () => {
  const { createServer, createConnection } = await import('node:net');
  const s = await server({ sftp: 'none' });
  // A relay that can stop forwarding without closing anything: a pulled cable, as SSH sees it.
  const pairs: Array<[import('node:net').Socket, import('node:net').Socket]> = [];
  const relay = createServer((inbound) => {
    const outbound = createConnection({ host: '127.0.0.1', port: s.port });
    inbound.pipe(outbound).pipe(inbound);
    inbound.on('error', () => {});
    outbound.on('error', () => {});
    pairs.push([inbound, outbound]);
  });
  await new Promise<void>((r) => relay.listen(0, '127.0.0.1', r));
  const port = (relay.address() as import('node:net').AddressInfo).port;
  const remote = await connect(s.deployHost({ port }), { knownHostsFile: join(s.dir, 'relay_known_hosts'), acceptNewHostKeys: true, timeoutMs: 10_000 }, NO_AGENT);
  try {
    assert.equal((await remote.run(['echo', 'up'])).toString(), 'up\n');
    const pending = remote.exec(['sleep', '20']);
    for (const [inbound, outbound] of pairs) {
      inbound.unpipe(outbound);
      outbound.unpipe(inbound);
      inbound.pause();
      outbound.pause();
    }
    await assert.rejects(pending, (e) => {
      assert.ok(e instanceof ConnectionLostError, String(e));
      assert.match(e.message, /connection to 127\.0\.0\.1 lost \(Keepalive timeout\)/);
      return true;
    });
  } finally {
    await remote.close();
    for (const [inbound, outbound] of pairs) {
      inbound.destroy();
      outbound.destroy();
    }
    relay.close();
  }
});
