/**
 * `gocross image --push` against a real registry (docker-registry 2.8, started here): skopeo reads
 * and copies what was pushed; each platform's SBOM is found through the referrers tag schema and
 * names that platform's binary; a warm re-push sends no blob; a read-only registry and a wrong
 * password fail clearly without a half-pushed index; TLS with htpasswd auth works.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFile, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { lacks } from './support/go.ts';
import { builtExample, gocross } from './support/gocross-cli.ts';
import { startRegistry, type TestRegistry } from './support/registry.ts';

const skip = lacks('go', 'skopeo', 'docker-registry', 'htpasswd', 'openssl', 'curl');
let app = '';
let registry: TestRegistry | undefined;

interface PushJson {
  index: string;
  push: { indexDigest: string; uploaded: number; present: number; mounted: number; images: Array<{ target: string; digest: string; sboms: string[] }> };
}

before(async () => {
  if (skip) return;
  app = await builtExample('linux/amd64,linux/arm64,linux/arm/7');
  registry = await startRegistry();
});
after(async () => {
  await registry?.stop();
  if (app) await rm(dirname(app), { recursive: true, force: true });
});

function skopeo(args: string[]): string {
  return execFileSync('skopeo', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

test('push: chunked and monolithic uploads, manifests by digest, index last under the tag, SBOM per platform', { skip }, async () => {
  const ref = `${registry!.host}/hello:1.0`;
  const r = await gocross(['image', '--push', ref, '--insecure', '--sbom', '--chunk-size', '300000', '--json'], app);
  assert.equal(r.exitCode, 0, r.stderr);
  const j = JSON.parse(r.stdout) as PushJson;
  assert.equal(j.push.indexDigest, j.index);
  assert.equal(j.push.images.length, 3);
  assert.ok(j.push.uploaded >= 3 * 2 + 2, `uploaded ${j.push.uploaded}`);

  const raw = skopeo(['inspect', '--tls-verify=false', '--raw', `docker://${ref}`]);
  const index = JSON.parse(raw) as { manifests: Array<{ digest: string; platform: { architecture: string; variant?: string } }> };
  assert.equal(`sha256:${(await import('node:crypto')).createHash('sha256').update(raw).digest('hex')}`, j.index, 'the registry serves the index byte for byte');
  assert.deepEqual(index.manifests.map((m) => `${m.platform.architecture}${m.platform.variant ? `/${m.platform.variant}` : ''}`), ['amd64', 'arm64/v8', 'arm/v7']);
  skopeo(['copy', '--all', '-q', '--src-tls-verify=false', `docker://${ref}`, `oci:${join(app, 'pulled')}:x`]);

  const manifest = JSON.parse(await readFile(join(app, 'dist/manifest.json'), 'utf8')) as { artifacts: Array<{ target: string; sha256: string }> };
  for (const image of j.push.images) {
    // The referrers tag schema: sha256-<hex> lists the SBOM artifact, whose subject is this platform's manifest.
    const referrers = JSON.parse(skopeo(['inspect', '--tls-verify=false', '--raw', `docker://${registry!.host}/hello:${image.digest.replace(':', '-')}`])) as { manifests: Array<{ digest: string; artifactType: string }> };
    assert.deepEqual(referrers.manifests.map((m) => [m.digest, m.artifactType]), [[image.sboms[0], 'application/vnd.cyclonedx+json']]);
    const artifact = JSON.parse(skopeo(['inspect', '--tls-verify=false', '--raw', `docker://${registry!.host}/hello@${image.sboms[0]}`])) as { subject: { digest: string }; layers: Array<{ digest: string }> };
    assert.equal(artifact.subject.digest, image.digest);
    const layer = artifact.layers[0]!.digest;
    const doc = execFileSync('curl', ['-sf', `http://${registry!.host}/v2/hello/blobs/${layer}`], { encoding: 'utf8' });
    const hash = (JSON.parse(doc) as { metadata: { component: { hashes: Array<{ alg: string; content: string }> } } }).metadata.component.hashes.find((h) => h.alg === 'SHA-256')!.content;
    assert.equal(hash, manifest.artifacts.find((x) => x.target === image.target)!.sha256, `${image.target}: the SBOM describes this platform's binary`);
  }

  // The digests are recorded in dist/manifest.json for the manifest gate.
  const recorded = (JSON.parse(await readFile(join(app, 'dist/manifest.json'), 'utf8')) as { images: { reference: string; index: string; platforms: Array<{ digest: string; sbom: string }> } }).images;
  assert.deepEqual([recorded.reference, recorded.index], [ref, j.index]);
  assert.deepEqual(recorded.platforms.map((p) => [p.digest, p.sbom]), j.push.images.map((i) => [i.digest, i.sboms[0]]));

  // Warm re-push: nothing changed, no blob is sent.
  const warm = JSON.parse((await gocross(['image', '--push', ref, '--insecure', '--sbom', '--json'], app)).stdout) as PushJson;
  assert.equal(warm.push.uploaded, 0);
  assert.equal(warm.push.indexDigest, j.index);
});

test('a base image from the registry: its layers are mounted across repositories, not uploaded', { skip }, async () => {
  const r = await gocross(['image', '--base', `${registry!.host}/hello:1.0`, '--push', `${registry!.host}/based:1`, '--insecure', '--json'], app);
  assert.equal(r.exitCode, 0, r.stderr);
  const j = JSON.parse(r.stdout) as PushJson;
  assert.equal(j.push.mounted, 3, 'one base layer per platform');
  const m = JSON.parse(skopeo(['inspect', '--tls-verify=false', '--raw', `docker://${registry!.host}/based@${j.push.images[1]!.digest}`])) as { layers: unknown[]; annotations: Record<string, string> };
  assert.equal(m.layers.length, 2);
  assert.match(m.annotations['org.opencontainers.image.base.digest'] ?? '', /^sha256:/);
});

test('a registry that rejects the push: a clear error naming the platform, and no index under the tag', { skip }, async () => {
  const readOnly = await startRegistry({ readOnly: true });
  try {
    const r = await gocross(['image', '--push', `${readOnly.host}/hello:1.0`, '--insecure'], app);
    assert.equal(r.exitCode, 1);
    assert.match(r.stderr, /Cannot push the linux\/amd64 \(linux\/amd64\) image: cannot .* HTTP (405|503)/);
    assert.throws(() => skopeo(['inspect', '--tls-verify=false', '--raw', `docker://${readOnly.host}/hello:1.0`]));
  } finally {
    await readOnly.stop();
  }
});

test('TLS with htpasswd: a wrong password is refused with the fix, the right one pushes', { skip }, async () => {
  const secure = await startRegistry({ tls: true, users: { ci: 's3cret' } });
  try {
    const env = { NODE_EXTRA_CA_CERTS: secure.caFile!, GOCROSS_REGISTRY_USERNAME: 'ci' };
    const ref = `${secure.host}/hello:1.0`;
    const wrong = await gocross(['image', '--push', ref], app, { ...env, GOCROSS_REGISTRY_PASSWORD: 'nope' });
    assert.equal(wrong.exitCode, 1);
    assert.match(wrong.stderr, /Cannot push the linux\/amd64 .*: cannot access .*hello: the credentials from GOCROSS_REGISTRY_USERNAME\/GOCROSS_REGISTRY_PASSWORD were refused [^]*docker login/);
    const untrusted = await gocross(['image', '--push', ref], app, { GOCROSS_REGISTRY_USERNAME: 'ci', GOCROSS_REGISTRY_PASSWORD: 's3cret' });
    assert.equal(untrusted.exitCode, 1);
    assert.match(untrusted.stderr, /cannot reach registry .*DEPTH_ZERO_SELF_SIGNED_CERT[^]*NODE_EXTRA_CA_CERTS/);
    const right = await gocross(['image', '--push', ref, '--json'], app, { ...env, GOCROSS_REGISTRY_PASSWORD: 's3cret' });
    assert.equal(right.exitCode, 0, right.stderr);
    const j = JSON.parse(right.stdout) as PushJson;
    const raw = skopeo(['inspect', '--tls-verify=false', '--creds', 'ci:s3cret', '--raw', `docker://${ref}`]);
    assert.equal((JSON.parse(raw) as { manifests: unknown[] }).manifests.length, 3);
    assert.equal(j.push.indexDigest, j.index);
  } finally {
    await secure.stop();
  }
});
