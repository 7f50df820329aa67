/**
 * Test support: a real registry (Debian's docker-registry, distribution 2.8) on a loopback port,
 * plain HTTP or TLS with htpasswd auth (certificate made by openssl, password by htpasswd -B).
 * Stopped by its pid; its storage is a temp dir removed afterwards.
 */
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface TestRegistry {
  host: string;
  dir: string;
  /** PEM of the CA (the self-signed certificate) for TLS registries. */
  caFile?: string;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as { port: number }).port;
      server.close(() => resolve(port));
    });
  });
}

export interface RegistryOptions {
  tls?: boolean;
  /** user → password, stored bcrypt-hashed with htpasswd -B. */
  users?: Record<string, string>;
  readOnly?: boolean;
}

export async function startRegistry(options: RegistryOptions = {}): Promise<TestRegistry> {
  const dir = mkdtempSync(join(tmpdir(), 'gocross-registry-'));
  const port = await freePort();
  const host = `127.0.0.1:${port}`;
  const lines = ['version: 0.1', 'log:', '  level: error', '  accesslog:', '    disabled: true', 'storage:', '  filesystem:', `    rootdirectory: ${join(dir, 'data')}`];
  if (options.readOnly) lines.push('  maintenance:', '    readonly:', '      enabled: true');
  lines.push('http:', `  addr: ${host}`);
  let caFile: string | undefined;
  if (options.tls) {
    caFile = join(dir, 'cert.pem');
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1', '-keyout', join(dir, 'key.pem'), '-out', caFile], { stdio: 'ignore' });
    lines.push('  tls:', `    certificate: ${caFile}`, `    key: ${join(dir, 'key.pem')}`);
  }
  if (options.users) {
    const entries = Object.entries(options.users).map(([u, p]) => execFileSync('htpasswd', ['-Bbn', u, p], { encoding: 'utf8' }).trim());
    writeFileSync(join(dir, 'htpasswd'), `${entries.join('\n')}\n`);
    lines.push('auth:', '  htpasswd:', '    realm: gocross-test', `    path: ${join(dir, 'htpasswd')}`);
  }
  writeFileSync(join(dir, 'config.yml'), `${lines.join('\n')}\n`);
  const child: ChildProcess = spawn('docker-registry', ['serve', join(dir, 'config.yml')], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (c: Buffer) => (stderr += c.toString()));
  const stop = async (): Promise<void> => {
    if (child.exitCode === null && child.pid !== undefined) {
      const exited = new Promise((r) => child.once('exit', r));
      process.kill(child.pid, 'SIGTERM');
      await exited;
    }
    rmSync(dir, { recursive: true, force: true });
  };
  // Ready when the TCP port answers HTTP (any status: 401 with auth).
  for (let i = 0; i < 100; i++) {
    if (child.exitCode !== null) break;
    const ok = await new Promise<boolean>((resolve) => {
      const args = ['-s', '-o', '/dev/null', '-w', '%{http_code}', ...(options.tls ? ['-k', `https://${host}/v2/`] : [`http://${host}/v2/`])];
      const curl = spawn('curl', args, { stdio: ['ignore', 'pipe', 'ignore'] });
      let out = '';
      curl.stdout.on('data', (c: Buffer) => (out += c.toString()));
      curl.on('exit', () => resolve(/^(200|401)$/.test(out)));
    });
    if (ok) return { host, dir, ...(caFile ? { caFile } : {}), stop };
    await new Promise((r) => setTimeout(r, 100));
  }
  await stop();
  throw new Error(`docker-registry did not start on ${host}: ${stderr}`);
}
