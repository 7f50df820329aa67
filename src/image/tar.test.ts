/** The layer tar and gzip are deterministic and read back by GNU tar and gzip (the oracles). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { deterministicGzip } from './gzip.ts';
import { imagePath, layerEntries, NONROOT } from './layer-files.ts';
import { tarChunks, tarHeader } from './tar.ts';

const MTIME = 1_700_000_000;

function withTar(bytes: Buffer, args: string[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'gocross-tar-'));
  try {
    writeFileSync(join(dir, 'layer.tar'), bytes);
    return execFileSync('tar', [...args, '-f', join(dir, 'layer.tar')], { encoding: 'utf8', env: { ...process.env, TZ: 'UTC', LC_ALL: 'C' } });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const longDir = `opt/${'d'.repeat(90)}/${'e'.repeat(40)}`;
const entries = layerEntries({
  binary: { path: '/usr/local/bin/hello', mode: 0o755, content: Buffer.from('\x7fELF not really') },
  caCertificates: Buffer.from('-----BEGIN CERTIFICATE-----\n'),
  tzdata: [{ path: 'UTC', content: Buffer.from('TZif') }, { path: 'Etc/UTC', symlink: '../UTC' }],
  user: NONROOT,
  extraFiles: [{ path: `/${longDir}/config.yaml`, mode: 0o600, content: Buffer.alloc(1000, 0x61) }],
});

test('layerEntries() lists every parent directory and sorts by bytes', () => {
  const paths = entries.map((e) => e.path);
  assert.deepEqual(paths, [...paths].sort());
  for (const dir of ['etc', 'etc/ssl', 'etc/ssl/certs', 'usr', 'usr/local', 'usr/local/bin', 'usr/share/zoneinfo/Etc', 'home/nonroot', 'opt']) {
    assert.equal(entries.find((e) => e.path === dir)?.type, 'dir', dir);
  }
  assert.match(String(entries.find((e) => e.path === 'etc/passwd')?.type === 'file' && Buffer.from((entries.find((e) => e.path === 'etc/passwd') as { content: Uint8Array }).content)), /nonroot:x:65532:65532:/);
});

test('GNU tar reads the layer: names (also past 100 bytes), modes, owner 0/0 without names, the fixed mtime', () => {
  const listing = withTar(Buffer.concat(tarChunks(entries, MTIME)), ['-tv', '--numeric-owner', '--full-time']);
  const lines = listing.trim().split('\n');
  assert.equal(lines.length, entries.length);
  for (const line of lines) assert.match(line, /^\S+ 0\/0 +\d+ 2023-11-14 22:13:20 /, line);
  assert.match(listing, /^-rwxr-xr-x 0\/0 +15 .* usr\/local\/bin\/hello$/m);
  assert.match(listing, /^-rw------- 0\/0 +1000 .* opt\/d{90}\/e{40}\/config\.yaml$/m);
  assert.match(listing, /^lrwxrwxrwx 0\/0 .* usr\/share\/zoneinfo\/Etc\/UTC -> \.\.\/UTC$/m);
  assert.match(listing, /^drwxr-xr-x 0\/0 +0 .* etc\/$/m);
  // No user or group name: `tar -tv` without --numeric-owner would print them.
  for (const line of withTar(Buffer.concat(tarChunks(entries, MTIME)), ['-tv']).trim().split('\n')) assert.match(line, /^\S+ 0\/0 /, line);
});

test('tarHeader() checksum is the one GNU tar verifies, and a corrupted header is rejected by it', () => {
  const bytes = Buffer.concat(tarChunks(entries.slice(0, 3), MTIME));
  bytes[0] = bytes[0]! ^ 0x01;
  assert.throws(() => withTar(bytes, ['-t']), /checksum|header/i);
});

test('tarHeader() refuses a path no ustar header can hold', () => {
  assert.throws(() => tarHeader({ type: 'file', path: 'x'.repeat(120), mode: 0o644, content: new Uint8Array() }, 0), /Cannot write tar entry .*does not fit/);
});

test('imagePath() rejects paths that could escape or alias', () => {
  for (const bad of ['', '/', '/a/../etc/passwd', 'a//b', './x']) assert.throws(() => imagePath(bad), /Cannot place/, bad);
  assert.equal(imagePath('/etc/app.yaml'), 'etc/app.yaml');
});

test('layerEntries() refuses a path given twice', () => {
  assert.throws(() => layerEntries({ binary: { path: '/etc/passwd', mode: 0o755, content: new Uint8Array() }, user: NONROOT }), /"\/etc\/passwd" is given twice/);
});

test('deterministicGzip() gives the same bytes each time, a header with mtime 0 and OS unknown, and gunzip reads it', async () => {
  const tar = tarChunks(entries, MTIME);
  const a = await deterministicGzip(tar);
  const b = await deterministicGzip([Buffer.concat(tar)]);
  assert.ok(a.equals(b));
  assert.equal(a.readUInt32LE(4), 0, 'MTIME');
  assert.equal(a[9], 0xff, 'OS');
  assert.ok(gunzipSync(a).equals(Buffer.concat(tar)));
  const viaGzip = execFileSync('gzip', ['-dc'], { input: a });
  assert.ok(viaGzip.equals(Buffer.concat(tar)));
});
