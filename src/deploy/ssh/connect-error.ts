/**
 * What went wrong while connecting, in words, from ssh2's and Node's errors: refused, no answer,
 * unreachable, unresolvable, keys not accepted, handshake broken. The network's problems are kind
 * `failure` (the device or the path to it); keys are `environment` (this machine's setup).
 */
import { GocrossError } from '../../core/errors.ts';
import { printable } from '../../util/printable.ts';
import type { DeployHost } from '../model.ts';
import { describeTarget } from './errors.ts';

export interface ConnectErrorContext {
  timeoutMs: number;
  /** The credentials offered (auth.ts AuthPlan.offered). */
  offered: readonly string[];
}

type Ssh2Error = Error & { level?: string; code?: string };

export function connectError(error: unknown, host: DeployHost, context: ConnectErrorContext): GocrossError {
  if (error instanceof GocrossError) return error;
  const e = (error instanceof Error ? error : new Error(String(error))) as Ssh2Error;
  const target = describeTarget(host);
  const fail = (what: string, fix: string): GocrossError => new GocrossError('failure', `Cannot connect to ${target}: ${what}`, { fix, cause: e });
  const route = 'check the address and that the device is up and on the network';
  switch (e.code) {
    case 'ECONNREFUSED':
      return fail(`connection refused (nothing listens on port ${host.port})`, `start sshd (or dropbear) on the device, or correct the host's port in gocross.config.yaml`);
    case 'EHOSTUNREACH':
      return fail('host unreachable', route);
    case 'ENETUNREACH':
      return fail('network unreachable', `check the route to ${host.address} from this machine`);
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return fail(`cannot resolve ${printable(host.address)}`, "check the host's address in gocross.config.yaml and this machine's DNS");
    case 'ETIMEDOUT':
      return fail(`no answer within ${seconds(context.timeoutMs)}`, route);
    case 'ECONNRESET':
      return fail('the device reset the connection during the handshake', "check the device's SSH server log (it may refuse this address or have too many connections)");
  }
  if (e.level === 'client-authentication') {
    return new GocrossError('environment', `Cannot connect to ${target}: the device accepted none of the keys offered (${context.offered.join(', ')})`, {
      fix: `authorize your public key for ${host.user} on the device (ssh-copy-id -p ${host.port} ${host.user}@${host.address}), or set identityFile for host '${host.name}' in gocross.config.yaml`,
      cause: e,
    });
  }
  if (e.level === 'client-timeout' && /handshake/i.test(e.message)) {
    return fail(`no SSH handshake within ${seconds(context.timeoutMs)}`, `${route} (deploy.connectTimeoutSeconds raises the limit)`);
  }
  if (/Connection lost before handshake/i.test(e.message)) {
    return fail('the device closed the connection before the SSH handshake', "check the device's SSH server log (it may refuse this address or have too many connections)");
  }
  return fail(`the SSH connection failed: ${printable(e.message)}`, `try ssh -p ${host.port} ${host.user}@${host.address} to see what the device says`);
}

function seconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${ms} ms`;
}
