/**
 * OpenSSH's known_hosts file (sshd(8) "SSH_KNOWN_HOSTS FILE FORMAT"), pure: text in, entries out,
 * and the verdict for a key a host offers. Lines are `[@marker] hosts keytype base64 [comment]`;
 * `hosts` is a pattern list (see host-pattern.ts) or one hashed name `|1|base64(salt)|base64(HMAC-SHA1(salt, name))`.
 * A host on a port other than 22 is known as `[host]:port`, like OpenSSH writes it.
 *
 * `@cert-authority` lines are kept but never match a key: gocross does not do host certificates
 * (a CA-signed host key is not a plain key), so such a host is "unknown" unless its own key is
 * listed too. `@revoked` keys are refused for the hosts the line names.
 */
import { createHmac } from 'node:crypto';
import { keyTypeOf } from './key-blob.ts';
import { matchesHostPatterns } from './host-pattern.ts';

export interface KnownHostEntry {
  /** 1-based line number in the file. */
  line: number;
  marker: 'revoked' | 'cert-authority' | null;
  /** The host field as written: a pattern list or a `|1|salt|hash` hashed name. */
  hosts: string;
  keyType: string;
  key: Buffer;
}

export type HostKeyStatus = 'match' | 'unknown' | 'changed' | 'revoked';

export interface HostKeyCheck {
  status: HostKeyStatus;
  /**
   * match: the entry holding the key; changed: the entry with the key we expected (same type, or,
   * when the host offered a type it was never known by, the first key it is known by); revoked:
   * the `@revoked` line; unknown: null.
   */
  entry: KnownHostEntry | null;
}

/** Every well-formed line. Malformed ones (missing fields, a key that is not base64 of its type) are skipped, as OpenSSH does. */
export function parseKnownHosts(text: string): KnownHostEntry[] {
  const entries: KnownHostEntry[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const fields = lines[i]!.trim().split(/[ \t]+/);
    if (fields[0] === '' || fields[0]!.startsWith('#')) continue;
    let marker: KnownHostEntry['marker'] = null;
    if (fields[0]!.startsWith('@')) {
      const name = fields.shift()!;
      if (name === '@revoked') marker = 'revoked';
      else if (name === '@cert-authority') marker = 'cert-authority';
      else continue;
    }
    const [hosts, keyType, base64] = fields;
    if (hosts === undefined || keyType === undefined || base64 === undefined) continue;
    if (!/^[A-Za-z0-9+/]+={0,2}$/.test(base64)) continue;
    const key = Buffer.from(base64, 'base64');
    if (keyTypeOf(key) !== keyType) continue;
    entries.push({ line: i + 1, marker, hosts, keyType, key });
  }
  return entries;
}

/** The name a host is filed under: `host` on port 22, `[host]:port` elsewhere. */
export function knownHostName(host: string, port: number): string {
  return port === 22 ? host : `[${host}]:${port}`;
}

/** The entries (any marker) whose host field names `host`:`port`. */
export function entriesForHost(entries: readonly KnownHostEntry[], host: string, port: number): KnownHostEntry[] {
  const name = knownHostName(host, port).toLowerCase();
  return entries.filter((e) => hostFieldMatches(e.hosts, name));
}

function hostFieldMatches(field: string, name: string): boolean {
  if (!field.startsWith('|')) return matchesHostPatterns(name, field);
  const [, magic, salt, hash] = field.split('|');
  if (magic !== '1' || salt === undefined || hash === undefined) return false;
  return createHmac('sha1', Buffer.from(salt, 'base64')).update(name).digest('base64') === hash;
}

/**
 * The verdict for the key `host`:`port` offered. Stricter than OpenSSH in one place: a host
 * known by keys of other types that offers a type it is not known by is `changed`, not
 * `unknown`, so accept-new cannot be talked into adding a second identity for a known host
 * (gocross asks for the known types first, so a genuine host offers one of them).
 */
export function checkHostKey(entries: readonly KnownHostEntry[], host: string, port: number, keyType: string, key: Uint8Array): HostKeyCheck {
  const forHost = entriesForHost(entries, host, port);
  const revoked = forHost.find((e) => e.marker === 'revoked' && e.key.equals(key));
  if (revoked) return { status: 'revoked', entry: revoked };
  const plain = forHost.filter((e) => e.marker === null);
  const match = plain.find((e) => e.keyType === keyType && e.key.equals(key));
  if (match) return { status: 'match', entry: match };
  const expected = plain.find((e) => e.keyType === keyType) ?? plain[0];
  if (expected) return { status: 'changed', entry: expected };
  return { status: 'unknown', entry: null };
}

/** Key types the host is known by, in file order, without duplicates (for ordering the host key algorithms asked for). */
export function knownKeyTypes(entries: readonly KnownHostEntry[], host: string, port: number): string[] {
  const types = entriesForHost(entries, host, port).filter((e) => e.marker === null).map((e) => e.keyType);
  return [...new Set(types)];
}

/** The line accept-new appends (no trailing newline), in the form `ssh` writes without HashKnownHosts. */
export function knownHostsLine(host: string, port: number, keyType: string, key: Uint8Array): string {
  return `${knownHostName(host, port)} ${keyType} ${Buffer.from(key).toString('base64')}`;
}
