/**
 * Host key policy for one connection, like OpenSSH with `StrictHostKeyChecking=yes` (or
 * `accept-new` when asked): a known key connects, an unknown one is refused unless accept-new
 * adds it to known_hosts, a changed or revoked one is always refused. The verdict itself is
 * known-hosts.ts (pure); this file reads and appends the file.
 */
import { mkdir, readFile, realpath, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { ServerHostKeyAlgorithm } from 'ssh2';
import { GocrossError, ioReason } from '../../core/errors.ts';
import { atomicWrite } from '../../util/atomic-write.ts';
import type { ConnectOptions, DeployHost } from '../model.ts';
import { describeTarget } from './errors.ts';
import { fingerprintOf, keyTypeOf } from './key-blob.ts';
import { checkHostKey, knownHostName, knownHostsLine, knownKeyTypes, parseKnownHosts } from './known-hosts.ts';

/** ssh2's host key algorithms in its default order; `ssh-rsa` keys are signed with the rsa-sha2 ones. */
const ALGORITHMS: readonly ServerHostKeyAlgorithm[] = ['ssh-ed25519', 'ecdsa-sha2-nistp256', 'ecdsa-sha2-nistp384', 'ecdsa-sha2-nistp521', 'rsa-sha2-512', 'rsa-sha2-256', 'ssh-rsa'];

function algorithmsFor(keyType: string): ServerHostKeyAlgorithm[] {
  if (keyType === 'ssh-rsa') return ['rsa-sha2-512', 'rsa-sha2-256', 'ssh-rsa'];
  return ALGORITHMS.filter((a) => a === keyType);
}

/**
 * The host key algorithms to ask for: those of the key types known_hosts has for the host first,
 * so a device with several host keys presents one we know rather than one we would call unknown.
 */
export function preferredAlgorithms(knownTypes: readonly string[]): ServerHostKeyAlgorithm[] {
  const first = knownTypes.flatMap(algorithmsFor);
  return [...new Set([...first, ...ALGORITHMS])];
}

export interface HostKeyGate {
  /** For ssh2's `algorithms.serverHostKey`. */
  algorithms: ServerHostKeyAlgorithm[];
  /** ssh2's hostVerifier: true to go on. Never throws; a refusal is kept for `refusal`. */
  verify(blob: Buffer): Promise<boolean>;
  /** Why the key was refused, once verify said false. */
  refusal(): GocrossError | null;
}

export async function hostKeyGate(host: DeployHost, options: Pick<ConnectOptions, 'knownHostsFile' | 'acceptNewHostKeys'>): Promise<HostKeyGate> {
  const file = options.knownHostsFile;
  const target = describeTarget(host);
  const entries = parseKnownHosts(await readKnownHosts(file, target));
  let refused: GocrossError | null = null;
  const refuse = (error: GocrossError): false => {
    refused = error;
    return false;
  };
  return {
    algorithms: preferredAlgorithms(knownKeyTypes(entries, host.address, host.port)),
    refusal: () => refused,
    async verify(blob) {
      const keyType = keyTypeOf(blob);
      if (keyType === null) return refuse(new GocrossError('failure', `Cannot connect to ${target}: the device sent a host key gocross cannot read`));
      const offered = `${keyType} ${fingerprintOf(blob)}`;
      const verdict = checkHostKey(entries, host.address, host.port, keyType, blob);
      switch (verdict.status) {
        case 'match':
          return true;
        case 'revoked':
          return refuse(new GocrossError('failure', `Cannot connect to ${target}: its host key ${offered} is marked @revoked in ${file}:${verdict.entry!.line}`, {
            fix: 'give the device a new host key (ssh-keygen -A on it, after removing the old keys), then add the new key',
          }));
        case 'changed': {
          const known = verdict.entry!;
          const name = knownHostName(host.address, host.port);
          return refuse(new GocrossError('failure',
            `Cannot connect to ${target}: REMOTE HOST IDENTIFICATION HAS CHANGED: the device offered ${offered}, but ${file}:${known.line} says ${known.keyType} ${fingerprintOf(known.key)}. ` +
              'Someone could be intercepting the connection, or the device was reinstalled', {
              fix: `if the device was really reinstalled, remove the old key with ssh-keygen -R '${name}' -f ${file} and connect again with --accept-new-host-keys`,
            }));
        }
        case 'unknown':
          if (!options.acceptNewHostKeys) {
            return refuse(new GocrossError('environment', `Cannot connect to ${target}: its host key ${offered} is not in ${file}`, {
              fix: `if this is the device you expect (compare the fingerprint with its host key's, ssh-keygen -lf on the device), run again with --accept-new-host-keys, or add it first: ssh-keyscan -p ${host.port} ${host.address} >> ${file}`,
            }));
          }
          try {
            await appendKnownHost(file, knownHostsLine(host.address, host.port, keyType, blob));
            return true;
          } catch (error) {
            return refuse(new GocrossError('environment', `Cannot connect to ${target}: cannot add its host key to ${file}: ${ioReason(error)}`, { cause: error }));
          }
      }
    },
  };
}

async function readKnownHosts(file: string, target: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return '';
    throw new GocrossError('environment', `Cannot connect to ${target}: cannot read ${file}: ${ioReason(error)}`, { cause: error });
  }
}

/** One append at a time per file: hosts of a wave connect in parallel and each publish rewrites the file. */
const appendQueues = new Map<string, Promise<void>>();

/**
 * Adds a line to known_hosts: published whole (temp, fsync, rename) with the old content kept, the
 * file's mode kept (0600 for a new one, in a 0700 directory created if needed). A symlinked file
 * is written where the link points.
 */
export function appendKnownHost(file: string, line: string): Promise<void> {
  const previous = appendQueues.get(file) ?? Promise.resolve();
  const next = previous.then(async () => {
    const path = await realpath(file).catch(() => file);
    const old = await readFile(path, 'utf8').catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return null;
      throw error;
    });
    if (old === null) await mkdir(dirname(path), { recursive: true, mode: 0o700 });
    const mode = old === null ? 0o600 : (await stat(path)).mode & 0o777;
    const separator = old === null || old === '' || old.endsWith('\n') ? '' : '\n';
    await atomicWrite(path, `${old ?? ''}${separator}${line}\n`, { mode });
  });
  const tail = next.then(() => {}, () => {});
  appendQueues.set(file, tail);
  void tail.then(() => {
    if (appendQueues.get(file) === tail) appendQueues.delete(file);
  });
  return next;
}
