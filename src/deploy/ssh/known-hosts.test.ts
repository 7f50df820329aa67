import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkHostKey, entriesForHost, knownHostsLine, knownKeyTypes, parseKnownHosts } from './known-hosts.ts';
import { fingerprintOf, keyTypeOf } from './key-blob.ts';
import { matchesPattern } from './host-pattern.ts';

const dir = mkdtempSync(join(tmpdir(), 'gocross-known-hosts-'));
test.after(() => rmSync(dir, { recursive: true, force: true }));

interface PublicKey { type: string; base64: string; blob: Buffer; file: string }

function newKey(name: string, type: 'ed25519' | 'ecdsa' | 'rsa'): PublicKey {
  const file = join(dir, name);
  execFileSync('ssh-keygen', ['-q', '-t', type, ...(type === 'rsa' ? ['-b', '2048'] : []), '-N', '', '-C', name, '-f', file]);
  const [keyType, base64] = readFileSync(`${file}.pub`, 'utf8').split(' ');
  return { type: keyType!, base64: base64!, blob: Buffer.from(base64!, 'base64'), file: `${file}.pub` };
}

const ed = newKey('ed', 'ed25519');
const ec = newKey('ec', 'ecdsa');
const rsa = newKey('rsa', 'rsa');
const other = newKey('other', 'ed25519');
const k = (key: PublicKey): string => `${key.type} ${key.base64}`;

const FILE_TEXT = [
  '# a comment, then a blank line',
  '',
  `host1 ${k(ed)}`,
  `host2,host3 ${k(ec)} a comment`,
  `*.example.com,!bad.example.com ${k(ed)}`,
  `[host1]:2222 ${k(ec)}`,
  `[h?st*]:2200 ${k(rsa)}`,
  `@revoked host4 ${k(other)}`,
  `host4 ${k(ed)}`,
  `@cert-authority host5 ${k(ed)}`,
  `  Host6\t${k(rsa)}`,
  `10.0.0.1,[10.0.0.1]:2022 ${k(ed)}`,
  `host1 ${k(rsa)}`,
].join('\n') + '\n';

const QUERIES: Array<[string, number]> = [
  ['host1', 22], ['HOST1', 22], ['host3', 22], ['a.example.com', 22], ['bad.example.com', 22], ['example.com', 22],
  ['host1', 2222], ['host9', 2200], ['hst', 2200], ['host4', 22], ['host5', 22], ['host6', 22], ['10.0.0.1', 22],
  ['10.0.0.1', 2022], ['10.0.0.2', 22], ['nohost', 22],
];

/** The lines `ssh-keygen -F` reports for a host: the oracle. */
function oracleLines(file: string, host: string, port: number): number[] {
  const name = port === 22 ? host : `[${host}]:${port}`;
  const out = spawnSync('ssh-keygen', ['-F', name, '-f', file], { encoding: 'utf8' }).stdout;
  return [...out.matchAll(/found: line (\d+)/g)].map((m) => Number(m[1]));
}

test('entriesForHost() finds the same lines as ssh-keygen -F (patterns, negation, ports, markers, case)', () => {
  const file = join(dir, 'known_hosts');
  writeFileSync(file, FILE_TEXT);
  const entries = parseKnownHosts(FILE_TEXT);
  for (const [host, port] of QUERIES) {
    assert.deepEqual(entriesForHost(entries, host, port).map((e) => e.line), oracleLines(file, host, port), `${host}:${port}`);
  }
});

test('entriesForHost() finds the same lines as ssh-keygen -F in a file hashed by ssh-keygen -H', () => {
  const file = join(dir, 'known_hosts_hashed');
  writeFileSync(file, FILE_TEXT);
  execFileSync('ssh-keygen', ['-H', '-f', file], { stdio: 'ignore' });
  const text = readFileSync(file, 'utf8');
  assert.match(text, /^\|1\|/m, 'ssh-keygen -H hashed nothing');
  const entries = parseKnownHosts(text);
  let hashedHits = 0;
  // ssh lowercases a host name before it looks it up; ssh-keygen -F hashes the name verbatim, so
  // only lowercase names are comparable here (the plain-file test covers case).
  for (const [host, port] of QUERIES.filter(([h]) => h === h.toLowerCase())) {
    const found = entriesForHost(entries, host, port);
    hashedHits += found.filter((e) => e.hosts.startsWith('|1|')).length;
    assert.deepEqual(found.map((e) => e.line), oracleLines(file, host, port), `${host}:${port}`);
  }
  assert.ok(hashedHits >= 5, `only ${hashedHits} hashed entries matched`);
});

test('fingerprintOf() prints what ssh-keygen -lf prints, for ed25519, ECDSA and RSA keys', () => {
  for (const key of [ed, ec, rsa]) {
    const oracle = execFileSync('ssh-keygen', ['-l', '-E', 'sha256', '-f', key.file], { encoding: 'utf8' }).split(' ')[1];
    assert.equal(fingerprintOf(key.blob), oracle);
    assert.equal(keyTypeOf(key.blob), key.type);
  }
});

test('keyTypeOf() returns null for bytes that are not a key blob', () => {
  for (const bytes of [[], [0, 0, 0], [0, 0, 0, 0], [0, 0, 0, 9, 0x61], [0, 0, 0, 2, 0x0a, 0x0b], [0xff, 0xff, 0xff, 0xff, 0x61]]) {
    assert.equal(keyTypeOf(new Uint8Array(bytes)), null, JSON.stringify(bytes));
  }
});

test('parseKnownHosts() skips lines whose key is not base64 of the named type, and unknown markers', () => {
  const text = [`bad1 ssh-ed25519 notbase64!!!`, `bad2 ssh-rsa ${ed.base64}`, `bad3 ssh-ed25519`, `@weird good ${k(ed)}`, `good ${k(ed)}`].join('\n');
  assert.deepEqual(parseKnownHosts(text).map((e) => e.hosts), ['good']);
});

test('checkHostKey() decides match / unknown / changed / revoked', () => {
  const entries = parseKnownHosts(FILE_TEXT);
  const table: Array<[string, number, PublicKey, string, number | null]> = [
    ['host1', 22, ed, 'match', 3],
    ['host1', 22, rsa, 'match', 13],
    ['host1', 22, other, 'changed', 3],
    ['host1', 2222, ec, 'match', 6],
    ['host1', 2222, ed, 'changed', 6], // known only by ECDSA on 2222: another type is a changed identity
    ['host1', 2200, rsa, 'match', 7],
    ['host1', 2201, ed, 'unknown', null],
    ['a.example.com', 22, ed, 'match', 5],
    ['bad.example.com', 22, ed, 'unknown', null],
    ['host4', 22, other, 'revoked', 8],
    ['host4', 22, ed, 'match', 9],
    ['host5', 22, ed, 'unknown', null], // @cert-authority: gocross does not do host certificates
    ['nohost', 22, ed, 'unknown', null],
  ];
  for (const [host, port, key, status, line] of table) {
    const verdict = checkHostKey(entries, host, port, key.type, key.blob);
    assert.equal(verdict.status, status, `${host}:${port} ${key.type}`);
    assert.equal(verdict.entry?.line ?? null, line, `${host}:${port} ${key.type}`);
  }
});

test('knownKeyTypes() lists the types a host is known by, in file order', () => {
  const entries = parseKnownHosts(FILE_TEXT);
  assert.deepEqual(knownKeyTypes(entries, 'host1', 22), ['ssh-ed25519', 'ssh-rsa']);
  assert.deepEqual(knownKeyTypes(entries, 'host4', 22), ['ssh-ed25519']);
  assert.deepEqual(knownKeyTypes(entries, 'nohost', 22), []);
});

test('knownHostsLine() writes a line ssh-keygen -F finds under [host]:port', () => {
  const file = join(dir, 'written');
  writeFileSync(file, `${knownHostsLine('127.0.0.1', 2022, ed.type, ed.blob)}\n${knownHostsLine('10.1.2.3', 22, ec.type, ec.blob)}\n`);
  assert.deepEqual(oracleLines(file, '127.0.0.1', 2022), [1]);
  assert.deepEqual(oracleLines(file, '10.1.2.3', 22), [2]);
  assert.equal(checkHostKey(parseKnownHosts(readFileSync(file, 'utf8')), '127.0.0.1', 2022, ed.type, ed.blob).status, 'match');
});

test('matchesPattern() handles * and ? without backtracking blow-up', () => {
  const table: Array<[string, string, boolean]> = [
    ['abc', 'abc', true], ['abc', 'a*', true], ['abc', '*c', true], ['abc', 'a?c', true], ['abc', '?', false],
    ['', '*', true], ['', '', true], ['a', '', false], ['abcbd', 'a*b?', true], ['abcbdx', 'a*b?', false],
    ['a'.repeat(60), '*a*a*a*a*a*a*a*a*b', false],
  ];
  for (const [text, pattern, expected] of table) assert.equal(matchesPattern(text, pattern), expected, `${text} ~ ${pattern}`);
});
