/**
 * Supply chain: images pinned by digest (kube-score container-image-tag, kube-linter latest-tag,
 * Polaris tagNotSpecified, Checkov CKV_K8S_43), and the pinned digest bound to what gocross built —
 * from dist/manifest.json image records or an OCI layout with SBOM referrers, as `gocross image` writes.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { fromManifestJson, readBuiltImages } from '../src/gate/manifests/built-images.ts';
import { parseImageRef } from '../src/gate/manifests/image-ref.ts';
import type { BuiltImages, GateRule } from '../src/gate/manifests/model.ts';
import { imageBuiltByGocross } from '../src/gate/manifests/rules/image-built-by-gocross.ts';
import { imageDigest } from '../src/gate/manifests/rules/image-digest.ts';
import { container, deployment, podSpec, run, verdicts, type Case } from './support/gate.ts';

function table(rule: GateRule, cases: Case[]): void {
  for (const c of cases) {
    test(`${rule.id}: ${c.name} → ${c.expect.length ? c.expect.join(', ') : 'pass'}`, () => assert.deepEqual(verdicts(run(rule, c.docs, c.options)), c.expect));
  }
}

const d = (c: string): string => `sha256:${c.repeat(64)}`;
const withImage = (image: string, extra = {}): ReturnType<typeof deployment> => deployment(podSpec({ containers: [container({ image })], ...extra }));

table(imageDigest, [
  { name: 'repo@sha256', docs: [withImage(`registry.example.com/web@${d('a')}`)], expect: [] },
  { name: 'repo:tag@sha256 (the tag is informative)', docs: [withImage(`registry.example.com/web:1.2@${d('a')}`)], expect: [] },
  { name: 'a tag', docs: [withImage('registry.example.com/web:1.2.3')], expect: ['fail app'] },
  { name: 'no tag (latest)', docs: [withImage('nginx')], expect: ['fail app'] },
  { name: 'a registry with a port and no tag', docs: [withImage('localhost:5000/web')], expect: ['fail app'] },
  { name: 'a short digest', docs: [withImage('web@sha256:abc')], expect: ['fail app'] },
  { name: 'no image', docs: [deployment(podSpec({ containers: [{ name: 'app' }] }))], expect: ['fail app'] },
  { name: 'an init container by tag', docs: [deployment(podSpec({ initContainers: [container({ name: 'init', image: 'busybox:1.36' })] }))], expect: ['fail init'] },
]);

test('parseImageRef() normalises Docker Hub names and splits tag and digest', () => {
  assert.deepEqual(parseImageRef('nginx'), { repository: 'docker.io/library/nginx' });
  assert.deepEqual(parseImageRef('bitnami/redis:7'), { repository: 'docker.io/bitnami/redis', tag: '7' });
  assert.deepEqual(parseImageRef(`localhost:5000/web:1@${d('b')}`), { repository: 'localhost:5000/web', tag: '1', digest: d('b') });
});

const built: BuiltImages = {
  source: 'dist/manifest.json',
  indexDigests: [d('0')],
  images: [
    { platform: 'linux/amd64', digest: d('1'), sboms: [{ artifactType: 'application/vnd.cyclonedx+json', subject: d('1'), present: true, where: 'sbom-amd64.json' }] },
    { platform: 'linux/arm64', digest: d('2'), sboms: [{ artifactType: 'application/vnd.cyclonedx+json', subject: d('2'), present: true, where: 'sbom-arm64.json' }] },
  ],
  repositories: ['registry.example.com/web'],
};
const noSbom: BuiltImages = { ...built, images: built.images.map((i) => (i.platform === 'linux/arm64' ? { ...i, sboms: [] } : i)) };
const missingSbom: BuiltImages = { ...built, images: built.images.map((i) => ({ ...i, sboms: i.sboms.map((s) => ({ ...s, present: false })) })) };
const anonymous: BuiltImages = { ...built, repositories: [] };

table(imageBuiltByGocross, [
  { name: 'no facts: the rule does not run', docs: [withImage('web:1')], expect: [] },
  { name: 'the index gocross built', docs: [withImage(`registry.example.com/web@${d('0')}`)], options: { built }, expect: [] },
  { name: 'the arm64 image on an arm64 node', docs: [withImage(`registry.example.com/web@${d('2')}`, { nodeSelector: { 'kubernetes.io/arch': 'arm64' } })], options: { built }, expect: [] },
  { name: 'the amd64 image pinned for arm64 nodes', docs: [withImage(`registry.example.com/web@${d('1')}`, { nodeSelector: { 'kubernetes.io/arch': 'arm64' } })], options: { built }, expect: ['fail app'] },
  { name: 'a digest gocross did not build', docs: [withImage(`registry.example.com/web@${d('9')}`)], options: { built }, expect: ['fail app'] },
  { name: 'our repository by tag', docs: [withImage('registry.example.com/web:1.0')], options: { built }, expect: ['fail app'] },
  { name: 'a sidecar of another repository is not ours', docs: [deployment(podSpec({ containers: [container({ image: `registry.example.com/web@${d('0')}` }), container({ name: 'proxy', image: `envoyproxy/envoy@${d('7')}` })] }))], options: { built }, expect: [] },
  { name: 'an arm64 image without an SBOM', docs: [withImage(`registry.example.com/web@${d('2')}`)], options: { built: noSbom }, expect: ['fail app'] },
  { name: 'SBOMs recorded but their documents missing', docs: [withImage(`registry.example.com/web@${d('0')}`)], options: { built: missingSbom }, expect: ['fail app', 'fail app'] },
  { name: 'no repositories recorded: one container must run a built digest', docs: [withImage(`other.example.com/x@${d('0')}`)], options: { built: anonymous }, expect: [] },
  { name: 'no repositories recorded and nothing built runs', docs: [withImage(`other.example.com/x@${d('8')}`)], options: { built: anonymous }, expect: ['fail app'] },
]);

test('fromManifestJson() reads image records from dist/manifest.json artifacts', () => {
  const manifest = {
    schemaVersion: 1,
    artifacts: [
      { target: 'linux/arm/7', goos: 'linux', goarch: 'arm', variant: { name: 'GOARM', value: '7' }, image: { digest: d('3'), index: d('0'), repository: 'registry.example.com/web', sbom: { path: 'web-arm.cdx.json' } } },
      { target: 'linux/amd64', goos: 'linux', goarch: 'amd64', variant: null },
    ],
  };
  const facts = fromManifestJson(manifest, 'dist/manifest.json', (p) => p === 'web-arm.cdx.json');
  assert.deepEqual(facts, {
    source: 'dist/manifest.json',
    indexDigests: [d('0')],
    repositories: ['registry.example.com/web'],
    images: [{ platform: 'linux/arm/v7', digest: d('3'), sboms: [{ artifactType: 'sbom', subject: d('3'), present: true, where: 'web-arm.cdx.json' }] }],
  });
  assert.equal(fromManifestJson({ schemaVersion: 1, artifacts: [{ goos: 'linux', goarch: 'amd64' }] }, 'm', () => false), null);
});

test('fromManifestJson() reads the images record gocross image writes', () => {
  const manifest = {
    schemaVersion: 1,
    artifacts: [],
    images: {
      reference: 'registry.example.com:5000/web:1.0',
      index: d('0'),
      platforms: [
        { target: 'linux/amd64', platform: 'linux/amd64', digest: d('1'), sbom: d('5') },
        { target: 'linux/arm/7', platform: 'linux/arm/v7', digest: d('3'), sbom: null },
      ],
    },
  };
  assert.deepEqual(fromManifestJson(manifest, 'dist/manifest.json', () => false), {
    source: 'dist/manifest.json',
    indexDigests: [d('0')],
    repositories: ['registry.example.com:5000/web'],
    images: [
      { platform: 'linux/amd64', digest: d('1'), sboms: [{ artifactType: 'sbom', subject: d('1'), present: true, where: `registry.example.com:5000/web:1.0 referrer ${d('5')}` }] },
      { platform: 'linux/arm/v7', digest: d('3'), sboms: [] },
    ],
  });
  const layout = fromManifestJson({ images: { reference: 'oci:dist/image:latest', index: d('0'), platforms: [] } }, 'm', () => false);
  assert.deepEqual(layout?.repositories, []);
});

const dirs: string[] = [];
after(async () => Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true }))));

/** An OCI layout shaped like the one `gocross image` writes: index, per-platform manifests, SBOM referrers. */
async function layout(options: { dropSbomDocument?: boolean } = {}): Promise<{ dir: string; index: string; amd64: string; arm64: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'gate-oci-'));
  dirs.push(dir);
  await mkdir(join(dir, 'blobs', 'sha256'), { recursive: true });
  const put = async (value: unknown, keep = true): Promise<{ digest: string; size: number }> => {
    const bytes = Buffer.from(typeof value === 'string' ? value : JSON.stringify(value));
    const hex = createHash('sha256').update(bytes).digest('hex');
    if (keep) await writeFile(join(dir, 'blobs', 'sha256', hex), bytes);
    return { digest: `sha256:${hex}`, size: bytes.length };
  };
  const manifestFor = (arch: string) => ({ schemaVersion: 2, mediaType: 'application/vnd.oci.image.manifest.v1+json', config: { mediaType: 'application/vnd.oci.image.config.v1+json', digest: d('c'), size: 2 }, layers: [], annotations: { arch } });
  const amd64 = await put(manifestFor('amd64'));
  const arm64 = await put(manifestFor('arm64'));
  const platforms = [
    { ...amd64, mediaType: 'application/vnd.oci.image.manifest.v1+json', platform: { os: 'linux', architecture: 'amd64' } },
    { ...arm64, mediaType: 'application/vnd.oci.image.manifest.v1+json', platform: { os: 'linux', architecture: 'arm64', variant: 'v8' } },
  ];
  const index = await put({ schemaVersion: 2, mediaType: 'application/vnd.oci.image.index.v1+json', manifests: platforms });
  const sboms = [];
  for (const p of [amd64]) {
    const doc = await put('{"bomFormat":"CycloneDX"}', !options.dropSbomDocument);
    const m = await put({ schemaVersion: 2, mediaType: 'application/vnd.oci.image.manifest.v1+json', artifactType: 'application/vnd.cyclonedx+json', config: { mediaType: 'application/vnd.oci.empty.v1+json', digest: d('e'), size: 2 }, layers: [{ mediaType: 'application/vnd.cyclonedx+json', ...doc }], subject: { mediaType: 'application/vnd.oci.image.manifest.v1+json', ...p } });
    sboms.push({ mediaType: 'application/vnd.oci.image.manifest.v1+json', ...m, artifactType: 'application/vnd.cyclonedx+json' });
  }
  await writeFile(join(dir, 'oci-layout'), '{"imageLayoutVersion":"1.0.0"}');
  await writeFile(join(dir, 'index.json'), JSON.stringify({ schemaVersion: 2, mediaType: 'application/vnd.oci.image.index.v1+json', manifests: [{ mediaType: 'application/vnd.oci.image.index.v1+json', ...index, annotations: { 'org.opencontainers.image.ref.name': 'latest' } }, ...platforms, ...sboms] }));
  return { dir, index: index.digest, amd64: amd64.digest, arm64: arm64.digest };
}

test('readBuiltImages() reads an OCI layout: index digest, per-platform images, SBOM referrers by subject', async () => {
  const l = await layout();
  const facts = await readBuiltImages({ imageIndex: l.dir });
  assert.deepEqual(facts?.indexDigests, [l.index]);
  assert.deepEqual(facts?.images.map((i) => [i.platform, i.digest, i.sboms.map((s) => [s.subject, s.present])]), [
    ['linux/amd64', l.amd64, [[l.amd64, true]]],
    ['linux/arm64/v8', l.arm64, []],
  ]);
  const arm = withImage(`registry.example.com/web@${l.arm64}`);
  assert.deepEqual(verdicts(run(imageBuiltByGocross, [arm], { built: facts })), ['fail app'], 'the arm64 image has no SBOM');
  assert.deepEqual(verdicts(run(imageBuiltByGocross, [withImage(`registry.example.com/web@${l.amd64}`)], { built: facts })), []);
});

test('readBuiltImages() marks an SBOM whose document blob is missing', async () => {
  const l = await layout({ dropSbomDocument: true });
  const facts = await readBuiltImages({ imageIndex: join(l.dir, 'index.json') });
  assert.equal(facts?.images[0]?.sboms[0]?.present, false);
});

test('readBuiltImages() refuses a manifest without image records and a file that is not an index', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'gate-m-'));
  dirs.push(dir);
  await writeFile(join(dir, 'manifest.json'), JSON.stringify({ schemaVersion: 1, artifacts: [{ goos: 'linux', goarch: 'amd64' }] }));
  await assert.rejects(readBuiltImages({ manifest: join(dir, 'manifest.json') }), { kind: 'input', message: /records no image digest/ });
  await writeFile(join(dir, 'index.json'), '{"schemaVersion":2}');
  await assert.rejects(readBuiltImages({ imageIndex: join(dir, 'index.json') }), { kind: 'input', message: /no manifests list/ });
});
