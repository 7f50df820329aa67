import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lstatSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { appendKnownHost, preferredAlgorithms } from './host-key.ts';

const dir = mkdtempSync(join(tmpdir(), 'gocross-host-key-'));
test.after(() => rmSync(dir, { recursive: true, force: true }));

test('preferredAlgorithms() puts the known key types first and keeps every other one after', () => {
  const all = preferredAlgorithms([]);
  assert.equal(all[0], 'ssh-ed25519');
  assert.deepEqual(preferredAlgorithms(['ssh-rsa']).slice(0, 3), ['rsa-sha2-512', 'rsa-sha2-256', 'ssh-rsa']);
  assert.deepEqual(preferredAlgorithms(['ecdsa-sha2-nistp384', 'ssh-ed25519']).slice(0, 2), ['ecdsa-sha2-nistp384', 'ssh-ed25519']);
  for (const known of [[], ['ssh-rsa'], ['ecdsa-sha2-nistp256', 'ssh-rsa'], ['ssh-dss']]) {
    const list = preferredAlgorithms(known);
    assert.deepEqual([...list].sort(), [...all].sort(), `every algorithm stays on offer for ${known.join(',')}`);
  }
});

test('appendKnownHost() adds a newline to a file that lacks one, and writes through a symlink', async () => {
  const real = join(dir, 'real_known_hosts');
  writeFileSync(real, 'first ssh-ed25519 AAAA');
  const link = join(dir, 'link_known_hosts');
  symlinkSync(real, link);
  await Promise.all([appendKnownHost(link, 'second ssh-ed25519 BBBB'), appendKnownHost(link, 'third ssh-ed25519 CCCC')]);
  assert.ok(lstatSync(link).isSymbolicLink(), 'the link is kept');
  assert.equal(readFileSync(real, 'utf8'), 'first ssh-ed25519 AAAA\nsecond ssh-ed25519 BBBB\nthird ssh-ed25519 CCCC\n');
});
