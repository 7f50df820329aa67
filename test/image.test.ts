/**
 * `gocross image` into an OCI layout and a docker tarball, checked by independent readers:
 * skopeo reads and copies every image and the index, umoci unpacks the layout, the unpacked arm64
 * binary runs under QEMU, and two builds in different directories give byte-identical digests.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFile, rm } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { dirname, join } from 'node:path';
import { lacks } from './support/go.ts';
import { builtExample, gocross } from './support/gocross-cli.ts';

const skip = lacks('go', 'skopeo', 'umoci', 'qemu-aarch64-static');
const TARGETS = 'linux/amd64,linux/arm64,windows/amd64';
let a = '';
let b = '';

interface ImageJson {
  index: string;
  images: Array<{ target: string; platform: string; digest: string }>;
  skipped: string[];
}

before(async () => {
  if (skip) return;
  a = await builtExample(TARGETS);
  b = await builtExample(TARGETS);
});
after(async () => {
  for (const d of [a, b]) if (d) await rm(dirname(d), { recursive: true, force: true });
});

function sh(cmd: string, args: string[]): string {
  return execFileSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

async function blob(layout: string, digest: string): Promise<Buffer> {
  return readFile(join(layout, 'blobs/sha256', digest.slice('sha256:'.length)));
}

test('two builds in different directories give byte-identical image and index digests', { skip }, async () => {
  const ra = await gocross(['image', '--json'], a);
  const rb = await gocross(['image', '--json'], b);
  assert.equal(ra.exitCode, 0, ra.stderr);
  assert.equal(rb.exitCode, 0, rb.stderr);
  const ja = JSON.parse(ra.stdout) as ImageJson;
  const jb = JSON.parse(rb.stdout) as ImageJson;
  assert.deepEqual(ja.images.map((i) => i.platform), ['linux/amd64', 'linux/arm64/v8']);
  assert.deepEqual(ja.skipped, ['windows/amd64']);
  assert.equal(ja.index, jb.index);
  assert.deepEqual(ja.images, jb.images);
  assert.deepEqual(await readFile(join(a, 'dist/image/index.json')), await readFile(join(b, 'dist/image/index.json')));
  // Again in place: nothing changes.
  const again = JSON.parse((await gocross(['image', '--json'], a)).stdout) as ImageJson;
  assert.equal(again.index, ja.index);
});

test('skopeo reads the index and each platform image, with the platform, date and annotations', { skip }, async () => {
  const r = JSON.parse((await gocross(['image', '--json', '--source', 'https://example.com/hello'], a)).stdout) as ImageJson;
  const layout = join(a, 'dist/image');
  assert.deepEqual(Buffer.from(sh('skopeo', ['inspect', '--raw', `oci:${layout}:latest`])), await blob(layout, r.index));
  const index = JSON.parse(sh('skopeo', ['inspect', '--raw', `oci:${layout}:latest`])) as { manifests: Array<{ digest: string; platform: object }>; annotations: Record<string, string> };
  assert.deepEqual(index.manifests.map((m) => m.platform), [{ architecture: 'amd64', os: 'linux' }, { architecture: 'arm64', os: 'linux', variant: 'v8' }]);
  assert.equal(index.annotations['org.opencontainers.image.created'], '2023-11-14T22:13:20Z');
  assert.equal(index.annotations['org.opencontainers.image.source'], 'https://example.com/hello');
  const arm = JSON.parse(sh('skopeo', ['inspect', '--config', `oci:${layout}:latest-linux-arm64-v8`])) as { architecture: string; variant: string; created: string; config: { User: string; Entrypoint: string[] } };
  assert.deepEqual([arm.architecture, arm.variant, arm.created, arm.config.User, arm.config.Entrypoint], ['arm64', 'v8', '2023-11-14T22:13:20Z', '65532:65532', ['/usr/local/bin/hello']]);
  sh('skopeo', ['copy', '--all', '-q', `oci:${layout}:latest`, `oci:${join(a, 'copied')}:x`]);
  assert.equal(JSON.parse(sh('skopeo', ['inspect', '--raw', `oci:${join(a, 'copied')}:x`])).manifests.length, 2);
});

test('umoci unpacks the arm64 image and its binary runs under QEMU, printing the example\'s version', { skip }, async () => {
  assert.equal((await gocross(['image'], a)).exitCode, 0);
  const bundle = join(a, 'bundle-arm64');
  sh('umoci', ['unpack', '--rootless', '--image', `${join(a, 'dist/image')}:latest-linux-arm64-v8`, bundle]);
  const rootfs = join(bundle, 'rootfs');
  const out = sh('qemu-aarch64-static', [join(rootfs, 'usr/local/bin/hello'), '--version']);
  assert.match(out, /^hello dev \(commit none, built from 2023-11-14T22:13:20Z\) linux\/arm64$/m);
  assert.match(await readFile(join(rootfs, 'etc/passwd'), 'utf8'), /^nonroot:x:65532:65532:/m);
  const manifest = JSON.parse(await readFile(join(a, 'dist/manifest.json'), 'utf8')) as { artifacts: Array<{ target: string; sha256: string }> };
  const sha = createHash('sha256').update(await readFile(join(rootfs, 'usr/local/bin/hello'))).digest('hex');
  assert.equal(sha, manifest.artifacts.find((x) => x.target === 'linux/arm64')!.sha256, 'the image holds the very artifact that was built');
});

test('the docker tarball is read by skopeo (docker-archive:) and its amd64 binary runs', { skip }, async () => {
  const tar = join(a, 'hello-amd64.tar');
  const r = await gocross(['image', '--docker-tar', tar, '--platform', 'linux/amd64'], a);
  assert.equal(r.exitCode, 0, r.stderr);
  const info = JSON.parse(sh('skopeo', ['inspect', `docker-archive:${tar}`])) as { Architecture: string; Os: string; RepoTags: string[] };
  assert.deepEqual([info.Os, info.Architecture], ['linux', 'amd64']);
  sh('skopeo', ['copy', '-q', `docker-archive:${tar}`, `oci:${join(a, 'from-tar')}:x`]);
  sh('umoci', ['unpack', '--rootless', '--image', `${join(a, 'from-tar')}:x`, join(a, 'bundle-amd64')]);
  assert.match(sh(join(a, 'bundle-amd64/rootfs/usr/local/bin/hello'), ['--version']), /linux\/amd64$/m);
  // Byte-identical when written again.
  const first = await readFile(tar);
  await gocross(['image', '--docker-tar', tar, '--platform', 'linux/amd64'], a);
  assert.ok(first.equals(await readFile(tar)));
});

test('a base image from an OCI layout: its layers come first, its digest is recorded', { skip }, async () => {
  assert.equal((await gocross(['image', '--tag', 'base', '--no-nonroot'], a)).exitCode, 0);
  const base = `oci:${join(a, 'dist/image')}:base`;
  const r = await gocross(['image', '--json', '--base', base, '--layout', join(b, 'based'), '--ca-certificates'], b);
  assert.equal(r.exitCode, 0, r.stderr);
  const j = JSON.parse(r.stdout) as ImageJson;
  const baseIndex = JSON.parse(sh('skopeo', ['inspect', '--raw', base])) as { manifests: Array<{ digest: string }> };
  for (const [i, image] of j.images.entries()) {
    const m = JSON.parse((await blob(join(b, 'based'), image.digest)).toString()) as { layers: unknown[]; annotations: Record<string, string> };
    assert.equal(m.layers.length, 2);
    assert.equal(m.annotations['org.opencontainers.image.base.digest'], baseIndex.manifests[i]!.digest);
    assert.equal(m.annotations['org.opencontainers.image.base.name'], base);
  }
  sh('umoci', ['unpack', '--rootless', '--image', `${join(b, 'based')}:latest-linux-amd64`, join(b, 'bundle')]);
  assert.match(await readFile(join(b, 'bundle/rootfs/etc/ssl/certs/ca-certificates.crt'), 'utf8'), /BEGIN CERTIFICATE/);
});

test('bad input: a base without the platform, a non-linux target, no manifest — each a clear error', { skip }, async () => {
  const single = `oci:${join(a, 'dist/image')}:latest-linux-amd64`;
  const noPlatform = await gocross(['image', '--base', single, '--layout', join(b, 'x')], b);
  assert.equal(noPlatform.exitCode, 1);
  assert.match(noPlatform.stderr, /Cannot use base image .* for linux\/arm64\/v8: it is a single linux\/amd64 image/);
  const windows = await gocross(['image', '-t', 'windows/amd64'], a);
  assert.equal(windows.exitCode, 2);
  assert.match(windows.stderr, /Cannot make an image for windows\/amd64: container images run linux binaries only/);
  const none = await gocross(['image', '--dist', 'nowhere'], a);
  assert.equal(none.exitCode, 1);
  assert.match(none.stderr, /nowhere\/manifest.json is missing[^]*gocross build/);
});
