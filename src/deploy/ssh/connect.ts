/**
 * Opening an SSH session to a device: credentials (auth.ts), host key policy (host-key.ts), the
 * time limits, and the errors in words (connect-error.ts). Keepalives every 2 s with 3 unanswered
 * allowed: a cut network is noticed within about 8 s and every pending command rejects with
 * ConnectionLostError.
 */
import ssh2 from 'ssh2';
import { GocrossError } from '../../core/errors.ts';
import type { ConnectOptions, DeployHost, Remote } from '../model.ts';
import { authEnvironment, planAuth, type AuthEnvironment } from './auth.ts';
import { connectError } from './connect-error.ts';
import { describeTarget } from './errors.ts';
import { hostKeyGate } from './host-key.ts';
import { SshRemote } from './remote.ts';

export const KEEPALIVE_INTERVAL_MS = 2000;
export const KEEPALIVE_COUNT_MAX = 3;

export async function connect(host: DeployHost, options: ConnectOptions, environment: AuthEnvironment = authEnvironment()): Promise<Remote> {
  const cancelled = (): GocrossError => new GocrossError('interrupted', `Cannot connect to ${describeTarget(host)}: cancelled`);
  if (options.signal?.aborted) throw cancelled();
  const auth = await planAuth(host, environment);
  const gate = await hostKeyGate(host, options);
  if (options.signal?.aborted) throw cancelled();
  const client = new ssh2.Client();
  return new Promise<Remote>((resolve, reject) => {
    let settled = false;
    const settle = (error: GocrossError | null): void => {
      if (settled) return;
      settled = true;
      options.signal?.removeEventListener('abort', onAbort);
      client.removeListener('ready', onReady);
      client.removeListener('error', onError);
      client.removeListener('close', onClose);
      if (error === null) {
        resolve(new SshRemote(client, host));
        return;
      }
      client.on('error', () => {});
      client.destroy();
      reject(error);
    };
    const onReady = (): void => settle(null);
    // A refused host key makes ssh2 fail the handshake with its own words; ours say why.
    const onError = (error: Error): void => settle(gate.refusal() ?? connectError(error, host, { timeoutMs: options.timeoutMs, offered: auth.offered }));
    const onClose = (): void => settle(gate.refusal() ?? connectError(new Error('Connection lost before handshake'), host, { timeoutMs: options.timeoutMs, offered: auth.offered }));
    const onAbort = (): void => settle(cancelled());
    options.signal?.addEventListener('abort', onAbort, { once: true });
    client.on('ready', onReady).on('error', onError).on('close', onClose);
    // Without TCP_NODELAY, each window adjustment of a small-window server (dropbear: 24 KiB)
    // waits out Nagle against delayed ACKs: uploads to dropbear ran 10× slower.
    client.once('connect', () => client.setNoDelay(true));
    client.connect({
      host: host.address,
      port: host.port,
      username: host.user,
      authHandler: auth.methods,
      hostVerifier: (key: Buffer, verify: (ok: boolean) => void) => {
        void gate.verify(key).then(verify);
      },
      algorithms: { serverHostKey: gate.algorithms },
      readyTimeout: options.timeoutMs,
      keepaliveInterval: KEEPALIVE_INTERVAL_MS,
      keepaliveCountMax: KEEPALIVE_COUNT_MAX,
    });
  });
}
