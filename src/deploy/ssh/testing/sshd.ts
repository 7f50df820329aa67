/**
 * A real SSH server on 127.0.0.1 for tests (never shipped): OpenSSH's `/usr/sbin/sshd` with its own
 * config, host keys and authorized_keys in a temp directory, or dropbear. Needs root: each runs in
 * a private mount namespace (`unshare --mount`). Other test files may reuse it.
 *
 * SFTP variants: `internal` (sshd's built-in server), `none` (no `Subsystem sftp` line: the
 * request is refused), `broken` (the subsystem names a program that does not exist: the request is
 * accepted and the channel closes at once — what a dropbear device without sftp-server does).
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createConnection, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DeployHost } from '../../model.ts';

export type SftpVariant = 'internal' | 'none' | 'broken';
export type HostKeyType = 'ed25519' | 'ecdsa' | 'rsa';

export interface TestSshdOptions {
  server?: 'openssh' | 'dropbear';
  sftp?: SftpVariant;
  /** Host key types the server has (default ['ed25519']). */
  hostKeys?: HostKeyType[];
}

export interface TestSshd {
  readonly server: 'openssh' | 'dropbear';
  readonly host: '127.0.0.1';
  readonly port: number;
  readonly dir: string;
  /** Private key the server accepts for root. */
  readonly clientKey: string;
  /** The server's public host keys as `type base64` (one per host key type). */
  readonly hostKeys: Array<{ type: string; base64: string }>;
  /** A DeployHost for this server (root, the client key). */
  deployHost(over?: Partial<DeployHost>): DeployHost;
  /** The server's stderr so far (for a failing test's message). */
  log(): string;
  /** SIGKILL the listener and every session process it forked: connections die mid-flight. */
  kill(): void;
  /** Stop the server and remove its directory. Idempotent. */
  stop(): Promise<void>;
}

const SSHD = '/usr/sbin/sshd';

/**
 * Both servers run the command through root's shell, and bash reads ~/.bashrc when started by an
 * SSH server: on a developer machine that can be slow (pyenv init) or take locks a killed session
 * leaves behind. The servers run in a private mount namespace where that file is empty.
 */
const QUIET_BASHRC = 'if [ -f /root/.bashrc ]; then mount --bind /dev/null /root/.bashrc; fi && ';
const DROPBEAR = '/usr/sbin/dropbear';

export async function startSshd(options: TestSshdOptions = {}): Promise<TestSshd> {
  const server = options.server ?? 'openssh';
  const binary = server === 'openssh' ? SSHD : DROPBEAR;
  if (!existsSync(binary)) {
    const pkg = server === 'openssh' ? 'openssh-server' : 'dropbear-bin';
    throw new Error(`Cannot start the test SSH server: ${binary} is missing (apt-get install -y ${pkg}; scripts/setup.sh installs it)`);
  }
  const dir = mkdtempSync(join(tmpdir(), `gocross-${server}-`));
  const clientKey = join(dir, 'client_ed25519');
  execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'gocross-test', '-f', clientKey]);
  writeFileSync(join(dir, 'authorized_keys'), readFileSync(`${clientKey}.pub`), { mode: 0o600 });
  const port = await freePort();
  const keyTypes = options.hostKeys ?? ['ed25519'];
  const hostKeys = keyTypes.map((type) => {
    const file = join(dir, `host_${type}`);
    let publicLine: string;
    if (server === 'openssh') {
      execFileSync('ssh-keygen', ['-q', '-t', type, '-N', '', '-C', '', '-f', file]);
      publicLine = readFileSync(`${file}.pub`, 'utf8');
    } else {
      execFileSync('dropbearkey', ['-t', type, '-f', file], { stdio: 'ignore' });
      publicLine = /^(ssh-|ecdsa-)\S+ \S+/m.exec(execFileSync('dropbearkey', ['-y', '-f', file], { encoding: 'utf8' }))?.[0] ?? '';
    }
    const [keyType, base64] = publicLine.trim().split(' ');
    return { type: keyType!, base64: base64!, file };
  });

  let child: ChildProcess;
  if (server === 'openssh') {
    // sshd refuses to start without its privilege separation directory.
    mkdirSync('/run/sshd', { recursive: true, mode: 0o755 });
    const sftp = options.sftp ?? 'internal';
    const config = [
      `Port ${port}`,
      'ListenAddress 127.0.0.1',
      ...hostKeys.map((k) => `HostKey ${k.file}`),
      `PidFile ${join(dir, 'sshd.pid')}`,
      `AuthorizedKeysFile ${join(dir, 'authorized_keys')}`,
      'StrictModes no',
      'UsePAM no',
      'PermitRootLogin prohibit-password',
      'PasswordAuthentication no',
      'KbdInteractiveAuthentication no',
      process.env.SSHD_LOG ?? 'LogLevel ERROR',
      ...(sftp === 'internal' ? ['Subsystem sftp internal-sftp'] : sftp === 'broken' ? [`Subsystem sftp ${join(dir, 'no-such-sftp-server')}`] : []),
    ];
    writeFileSync(join(dir, 'sshd_config'), `${config.join('\n')}\n`);
    child = spawn('unshare', ['--mount', '--propagation', 'private', 'sh', '-c', `${QUIET_BASHRC}exec "$@"`, 'sh', SSHD, '-D', '-e', '-f', join(dir, 'sshd_config')], { stdio: ['ignore', 'ignore', 'pipe'] });
  } else {
    // dropbear reads root's authorized_keys from ~root/.ssh: a private mount namespace shows it
    // ours there, and hides sftp-server unless SFTP is wanted (a router-like device has none).
    const home = join(dir, 'dot-ssh');
    mkdirSync(home, { mode: 0o700 });
    writeFileSync(join(home, 'authorized_keys'), readFileSync(`${clientKey}.pub`), { mode: 0o600 });
    const hideSftp = (options.sftp ?? 'broken') === 'internal' ? '' : 'mount -t tmpfs none /usr/lib/openssh && ';
    const script = `mkdir -p /root/.ssh && mount --bind "$1" /root/.ssh && ${hideSftp}${QUIET_BASHRC}shift && exec "$@"`;
    const args = [DROPBEAR, '-F', '-E', '-s', '-p', `127.0.0.1:${port}`, ...hostKeys.flatMap((k) => ['-r', k.file])];
    child = spawn('unshare', ['--mount', '--propagation', 'private', 'sh', '-c', script, 'sh', home, ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
  }
  let stderr = '';
  child.stderr!.on('data', (c: Buffer) => {
    stderr += c.toString('utf8');
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let stopped = false;

  const kill = (): void => {
    if (child.pid === undefined) return;
    // Servers before their commands: a command killed first would end its channel cleanly
    // (exit-signal) before the connection drops.
    const below = descendants(child.pid);
    signal(child.pid);
    for (const pid of below) signal(pid);
  };
  const handle: TestSshd = {
    server,
    host: '127.0.0.1',
    port,
    dir,
    clientKey,
    hostKeys: hostKeys.map(({ type, base64 }) => ({ type, base64 })),
    deployHost: (over = {}) => ({ name: `test-${server}`, address: '127.0.0.1', port, user: 'root', identityFile: clientKey, labels: {}, groups: [], ...over }),
    log: () => stderr,
    kill,
    async stop() {
      if (stopped) return;
      stopped = true;
      process.removeListener('exit', killOnExit);
      kill();
      await Promise.race([exited, new Promise((r) => setTimeout(r, 2000))]);
      rmSync(dir, { recursive: true, force: true });
    },
  };
  // A test process that dies without stop() (a crash, a closed pipe) takes its server with it.
  const killOnExit = (): void => {
    kill();
    rmSync(dir, { recursive: true, force: true });
  };
  process.on('exit', killOnExit);
  try {
    await waitForBanner(port, exited, () => stderr);
  } catch (error) {
    await handle.stop();
    throw error;
  }
  return handle;
}

function signal(pid: number): void {
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    // already gone
  }
}

/** Every process below `pid`, parents before children (sshd forks one per connection, each in its own session). */
function descendants(pid: number): number[] {
  const children = new Map<number, number[]>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${name}/stat`, 'utf8');
    } catch {
      continue;
    }
    const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    const list = children.get(ppid) ?? [];
    list.push(Number(name));
    children.set(ppid, list);
  }
  const out: number[] = [];
  const walk = (p: number): void => {
    for (const c of children.get(p) ?? []) {
      out.push(c);
      walk(c);
    }
  };
  walk(pid);
  return out;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** Resolves once the server greets with `SSH-2.0`, fails if it exits or stays silent for 10 s. */
async function waitForBanner(port: number, exited: Promise<void>, log: () => string): Promise<void> {
  let gone = false;
  void exited.then(() => {
    gone = true;
  });
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    if (gone) throw new Error(`Cannot start the test SSH server: it exited\n${log()}`);
    if (await greets(port)) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`Cannot start the test SSH server: no SSH banner on 127.0.0.1:${port} within 10 s\n${log()}`);
}

function greets(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port });
    const done = (ok: boolean): void => {
      socket.destroy();
      resolve(ok);
    };
    socket.once('data', (c: Buffer) => done(c.toString('latin1').startsWith('SSH-')));
    socket.once('error', () => done(false));
    socket.setTimeout(1000, () => done(false));
  });
}
