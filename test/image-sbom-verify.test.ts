/**
 * `gocross sbom --verify IMAGE`: the SBOM attached to each platform's manifest must name the
 * binary inside that manifest's layer. Checked against an OCI layout and a real registry
 * (docker-registry 2.8, which has only the referrers tag schema). The wrong-platform cases are
 * made by hand here (JSON written by the test, PUT with fetch), as a user's mistaken tool would.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { lacks } from './support/go.ts';
import { builtExample, gocross } from './support/gocross-cli.ts';
import { startRegistry, type TestRegistry } from './support/registry.ts';

const skip = lacks('go', 'docker-registry', 'curl');
let app = '';
let registry: TestRegistry | undefined;

interface Descriptor { mediaType: string; digest: string; size: number; artifactType?: string; annotations?: Record<string, string> }
interface ImageJson { index: string; images: Array<{ target: string; platform: string; digest: string }> }
interface VerifyJson { ok: boolean; platforms: Array<{ platform: string; manifest: string; status: string; via: string; binary: { sha256: string }; sboms: Array<{ digest: string; sha256: string }>; describes?: { platform: string; manifest: string } }> }

before(async () => {
  if (skip) return;
  app = await builtExample('linux/amd64,linux/arm64');
  registry = await startRegistry();
});
after(async () => {
  await registry?.stop();
  if (app) await rm(dirname(app), { recursive: true, force: true });
});

const sha256 = (bytes: Uint8Array): string => `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
const artifacts = async (): Promise<Array<{ target: string; sha256: string }>> => (JSON.parse(await readFile(join(app, 'dist/manifest.json'), 'utf8')) as { artifacts: Array<{ target: string; sha256: string }> }).artifacts;

/** An SBOM artifact manifest whose subject is `subject` and whose one layer is `sbomLayer` (a blob already stored). */
function artifactManifest(subject: Descriptor, sbomLayer: Descriptor): Buffer {
  return Buffer.from(JSON.stringify({
    schemaVersion: 2,
    mediaType: 'application/vnd.oci.image.manifest.v1+json',
    artifactType: 'application/vnd.cyclonedx+json',
    config: { mediaType: 'application/vnd.oci.empty.v1+json', digest: sha256(Buffer.from('{}')), size: 2 },
    layers: [sbomLayer],
    subject: { mediaType: subject.mediaType, digest: subject.digest, size: subject.size },
  }));
}

test('an OCI layout: correct bindings pass, the amd64 SBOM on the arm64 manifest fails naming both, no SBOM fails with the fix', { skip }, async () => {
  const layout = join(app, 'verify-layout');
  const made = await gocross(['image', '--layout', layout, '--sbom', '--json'], app);
  assert.equal(made.exitCode, 0, made.stderr);
  const j = JSON.parse(made.stdout) as ImageJson;

  const ok = await gocross(['sbom', '--verify', `oci:${layout}:latest`, '--json'], app);
  assert.equal(ok.exitCode, 0, ok.stderr + ok.stdout);
  const v = JSON.parse(ok.stdout) as VerifyJson;
  const built = await artifacts();
  assert.deepEqual(v.platforms.map((p) => [p.platform, p.manifest, p.status, p.binary.sha256, p.sboms[0]!.sha256]), j.images.map((i) => {
    const sha = built.find((a) => a.target === i.target)!.sha256;
    return [i.platform, i.digest, 'ok', sha, sha];
  }));
  const one = await gocross(['sbom', '--verify', `oci:${layout}:latest`, '--platform', 'linux/arm64'], app);
  assert.equal(one.exitCode, 0, one.stderr);
  assert.match(one.stdout, /^ok: linux\/arm64\/v8 sha256:[0-9a-f]{64}: SBOM sha256:.* names \/usr\/local\/bin\/hello sha256 [0-9a-f]{64}\n$/);

  // Re-point the arm64 SBOM entry at an artifact that carries the amd64 document.
  const index = JSON.parse(await readFile(join(layout, 'index.json'), 'utf8')) as { manifests: Descriptor[] };
  const [amd, arm] = j.images;
  const amdSbom = index.manifests.find((m) => m.annotations?.['org.opencontainers.image.ref.name'] === 'latest-linux-amd64.sbom')!;
  const amdLayer = (JSON.parse(await readFile(join(layout, 'blobs/sha256', amdSbom.digest.slice(7)), 'utf8')) as { layers: Descriptor[] }).layers[0]!;
  const armManifest = index.manifests.find((m) => m.digest === arm!.digest)!;
  const wrong = artifactManifest(armManifest, amdLayer);
  await writeFile(join(layout, 'blobs/sha256', sha256(wrong).slice(7)), wrong);
  for (const m of index.manifests) if (m.annotations?.['org.opencontainers.image.ref.name'] === 'latest-linux-arm64-v8.sbom') Object.assign(m, { digest: sha256(wrong), size: wrong.length });
  await writeFile(join(layout, 'index.json'), JSON.stringify(index));
  const bad = await gocross(['sbom', '--verify', `oci:${layout}:latest`, '--platform', 'linux/arm64'], app);
  assert.equal(bad.exitCode, 1, bad.stdout);
  const amdSha = built.find((a) => a.target === 'linux/amd64')!.sha256;
  const armSha = built.find((a) => a.target === 'linux/arm64')!.sha256;
  assert.ok(bad.stdout.includes(`MISMATCH: linux/arm64/v8 ${arm!.digest}: its /usr/local/bin/hello has sha256 ${armSha}`), bad.stdout);
  assert.ok(bad.stdout.includes(`SBOM ${sha256(wrong)} names binary sha256 ${amdSha} — the linux/amd64 binary, manifest ${amd!.digest}`), bad.stdout);
  // amd64's own binding is untouched.
  assert.equal((await gocross(['sbom', '--verify', `oci:${layout}:latest`, '--platform', 'linux/amd64'], app)).exitCode, 0);

  const bare = join(app, 'verify-bare');
  assert.equal((await gocross(['image', '--layout', bare], app)).exitCode, 0);
  const missing = await gocross(['sbom', '--verify', `oci:${bare}:latest`], app);
  assert.equal(missing.exitCode, 1);
  assert.match(missing.stdout, /^MISSING: linux\/amd64 sha256:[0-9a-f]{64}: no SBOM refers to this manifest \(looked up by layout index.json\)\n {2}fix: attach one with 'gocross image --push .* --sbom'/m);
});

test('a registry without the referrers API: found through the sha256-<hex> tag, by tag, by digest, and wrong or missing bindings fail', { skip }, async () => {
  const host = registry!.host;
  const pushed = await gocross(['image', '--push', `${host}/hello:1.0`, '--insecure', '--sbom', '--json'], app);
  assert.equal(pushed.exitCode, 0, pushed.stderr);
  const j = JSON.parse(pushed.stdout) as ImageJson & { push: { images: Array<{ digest: string; sboms: string[] }> } };

  const all = await gocross(['sbom', '--verify', `${host}/hello:1.0`, '--insecure', '--json'], app);
  assert.equal(all.exitCode, 0, all.stderr + all.stdout);
  const v = JSON.parse(all.stdout) as VerifyJson;
  assert.deepEqual(v.platforms.map((p) => [p.status, p.via, p.sboms.map((s) => s.digest)]), j.push.images.map((i) => ['ok', 'tag-schema', i.sboms]));
  const [amd, arm] = j.push.images;
  const byDigest = await gocross(['sbom', '--verify', `${host}/hello@${arm!.digest}`, '--insecure'], app);
  assert.equal(byDigest.exitCode, 0, byDigest.stderr);
  assert.match(byDigest.stdout, /^ok: linux\/arm64\/v8 /);
  const noSuch = await gocross(['sbom', '--verify', `${host}/hello:1.0`, '--insecure', '--platform', 'linux/riscv64'], app);
  assert.equal(noSuch.exitCode, 1);
  assert.match(noSuch.stderr, /for linux\/riscv64: the index has no such platform \(it has linux\/amd64, linux\/arm64\/v8\)/);

  // A mistaken tool attaches the amd64 SBOM to the arm64 manifest: a new artifact, and the tag-schema index for arm64 lists only it.
  const base = `http://${host}/v2/hello`;
  const get = async (path: string, accept: string): Promise<Buffer> => Buffer.from(await (await fetch(`${base}/${path}`, { headers: { Accept: accept } })).arrayBuffer());
  const amdArtifact = JSON.parse((await get(`manifests/${amd!.sboms[0]}`, 'application/vnd.oci.image.manifest.v1+json')).toString()) as { layers: Descriptor[] };
  const armBytes = await get(`manifests/${arm!.digest}`, 'application/vnd.oci.image.manifest.v1+json');
  const wrong = artifactManifest({ mediaType: 'application/vnd.oci.image.manifest.v1+json', digest: arm!.digest, size: armBytes.length }, amdArtifact.layers[0]!);
  const put = async (reference: string, mediaType: string, body: Buffer): Promise<void> => {
    const r = await fetch(`${base}/manifests/${reference}`, { method: 'PUT', headers: { 'Content-Type': mediaType }, body: new Uint8Array(body) });
    assert.equal(r.status, 201, await r.text());
  };
  await put(sha256(wrong), 'application/vnd.oci.image.manifest.v1+json', wrong);
  await put(arm!.digest.replace(':', '-'), 'application/vnd.oci.image.index.v1+json', Buffer.from(JSON.stringify({
    schemaVersion: 2,
    mediaType: 'application/vnd.oci.image.index.v1+json',
    manifests: [{ mediaType: 'application/vnd.oci.image.manifest.v1+json', digest: sha256(wrong), size: wrong.length, artifactType: 'application/vnd.cyclonedx+json' }],
  })));
  const bad = await gocross(['sbom', '--verify', `${host}/hello:1.0`, '--insecure', '--platform', 'linux/arm64'], app);
  assert.equal(bad.exitCode, 1, bad.stdout);
  const built = await artifacts();
  assert.ok(bad.stdout.includes(`MISMATCH: linux/arm64/v8 ${arm!.digest}: its /usr/local/bin/hello has sha256 ${built.find((a) => a.target === 'linux/arm64')!.sha256}`), bad.stdout);
  assert.ok(bad.stdout.includes(`names binary sha256 ${built.find((a) => a.target === 'linux/amd64')!.sha256} — the linux/amd64 binary, manifest ${amd!.digest}`), bad.stdout);

  assert.equal((await gocross(['image', '--push', `${host}/bare:1`, '--insecure'], app)).exitCode, 0);
  const missing = await gocross(['sbom', '--verify', `${host}/bare:1`, '--insecure', '--platform', 'linux/amd64'], app);
  assert.equal(missing.exitCode, 1);
  assert.ok(missing.stdout.includes(`no SBOM refers to this manifest (looked up by referrers tag)\n  fix: attach one with 'gocross image --push ${host}/bare:1 --sbom'`), missing.stdout);
  const absent = await gocross(['sbom', '--verify', `${host}/nothing:1`, '--insecure'], app);
  assert.equal(absent.exitCode, 1);
  assert.match(absent.stderr, /Cannot read .*nothing:1: the registry has no such image/);
});
