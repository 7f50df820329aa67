/**
 * What gocross built, as facts for the supply-chain rule, from either:
 * - dist/manifest.json: the `images` record `gocross image` writes (`{ reference, index, platforms:
 *   [{ target, platform, digest, sbom }] }`, sbom = the digest of the SBOM artifact whose subject is
 *   that platform's manifest), or artifacts that record an image (`image: { digest, repository?, index?,
 *   sbom?: { path, subject? } }`, or `imageDigest`), a top-level `image: { index, repository,
 *   layout }` (a layout is read as below);
 * - an OCI image layout's index.json (or the directory), or an image index file: the index
 *   digest(s), per-platform manifests (`platform`), and SBOM artifacts (`artifactType`
 *   CycloneDX/SPDX) whose manifest's `subject` names a platform image.
 * `platformImagesOf` and `fromManifestJson` are pure; `readBuiltImages` reads the files.
 */
import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { GocrossError } from '../../core/errors.ts';
import { arr, isObject, obj, str } from './json.ts';
import type { BuiltImage, BuiltImages } from './model.ts';
import { isDigest } from './image-ref.ts';

const INDEX_TYPES = new Set(['application/vnd.oci.image.index.v1+json', 'application/vnd.docker.distribution.manifest.list.v2+json']);
const SBOM_TYPES = /cyclonedx|spdx/i;

export function platformKey(p: unknown): string | undefined {
  const os = str(p, ['os']);
  const arch = str(p, ['architecture']);
  if (!os || !arch) return undefined;
  const variant = str(p, ['variant']);
  return variant ? `${os}/${arch}/${variant}` : `${os}/${arch}`;
}

/** Reads a blob of an OCI layout by digest; undefined when absent. */
export type BlobReader = (digest: string) => Promise<Uint8Array | undefined>;

/** Facts from an index document (index.json of a layout, or an image index), following nested indexes and SBOM referrers through `blob`. */
export async function fromIndex(index: unknown, source: string, blob: BlobReader, depth = 0): Promise<BuiltImages> {
  const out: BuiltImages = { source, indexDigests: [], images: [], repositories: [] };
  const sbomManifests: Array<{ digest: string }> = [];
  for (const d of arr(index, ['manifests'])) {
    const digest = str(d, ['digest']);
    if (!digest || !isDigest(digest)) continue;
    const mediaType = str(d, ['mediaType']);
    const artifactType = str(d, ['artifactType']);
    const platform = platformKey(obj(d, ['platform']));
    if (artifactType && SBOM_TYPES.test(artifactType)) sbomManifests.push({ digest });
    else if (mediaType && INDEX_TYPES.has(mediaType)) {
      out.indexDigests.push(digest);
      const bytes = depth < 2 ? await blob(digest) : undefined;
      if (bytes) {
        const nested = await fromIndex(JSON.parse(Buffer.from(bytes).toString('utf8')), source, blob, depth + 1);
        out.indexDigests.push(...nested.indexDigests);
        for (const i of nested.images) if (!out.images.some((x) => x.digest === i.digest)) out.images.push(i);
      }
    } else if (platform && !out.images.some((x) => x.digest === digest)) out.images.push({ platform, digest, sboms: [] });
  }
  for (const s of sbomManifests) {
    const bytes = await blob(s.digest);
    if (!bytes) continue;
    const manifest: unknown = JSON.parse(Buffer.from(bytes).toString('utf8'));
    const subject = str(manifest, ['subject', 'digest']);
    const layer = str(manifest, ['layers', 0, 'digest']);
    const image = out.images.find((i) => i.digest === subject);
    if (!image || !subject) continue;
    image.sboms.push({ artifactType: str(manifest, ['artifactType']) ?? 'sbom', subject, present: layer !== undefined && (await blob(layer)) !== undefined, where: `${source} blob ${layer ?? '(no layer)'}` });
  }
  return out;
}

function layoutBlobReader(dir: string): BlobReader {
  return async (digest) => {
    const [alg, hex] = digest.split(':');
    if (!alg || !hex || !/^[a-f0-9]+$/.test(hex)) return undefined;
    try {
      return await readFile(join(dir, 'blobs', alg, hex));
    } catch {
      return undefined;
    }
  };
}

async function fromLayout(path: string): Promise<BuiltImages> {
  const info = await stat(path).catch(() => null);
  const indexFile = info?.isDirectory() ? join(path, 'index.json') : path;
  const text = await readFile(indexFile, 'utf8').catch((error: Error) => {
    throw new GocrossError('input', `Cannot read the image index ${indexFile}: ${error.message}`, { cause: error });
  });
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (error) {
    throw new GocrossError('input', `Cannot read the image index ${indexFile}: not JSON (${(error as Error).message})`, { cause: error });
  }
  if (!isObject(doc) || !Array.isArray(doc.manifests)) throw new GocrossError('input', `Cannot read the image index ${indexFile}: it has no manifests list (expected an OCI image index or a layout's index.json)`);
  const facts = await fromIndex(doc, indexFile, layoutBlobReader(dirname(indexFile)));
  // An image index file given alone (not a layout's index.json) is itself the index gocross built.
  const digest = `sha256:${createHash('sha256').update(text).digest('hex')}`;
  if (!facts.indexDigests.includes(digest) && str(doc, ['mediaType']) && INDEX_TYPES.has(str(doc, ['mediaType'])!) && !(await stat(join(dirname(indexFile), 'oci-layout')).catch(() => null))) facts.indexDigests.push(digest);
  return facts;
}

/** Facts from dist/manifest.json's image records (see the module comment); null when it records none. */
export function fromManifestJson(manifest: unknown, source: string, sbomPresent: (path: string) => boolean): BuiltImages | null {
  const out: BuiltImages = { source, indexDigests: [], images: [], repositories: [] };
  const recorded = obj(manifest, ['images']);
  if (recorded) {
    const index = str(recorded, ['index']);
    if (index && isDigest(index)) out.indexDigests.push(index);
    const reference = str(recorded, ['reference']);
    // host/repo:tag or oci:DIR:TAG; only a registry reference names a repository.
    const repo = reference && !reference.startsWith('oci:') ? reference.replace(/@sha256:[a-f0-9]+$/, '').replace(/:[\w][\w.-]*$/, '') : undefined;
    if (repo) out.repositories.push(repo);
    for (const p of arr(recorded, ['platforms'])) {
      const digest = str(p, ['digest']);
      const platform = str(p, ['platform']);
      if (!digest || !isDigest(digest) || !platform) continue;
      const sbom = str(p, ['sbom']);
      out.images.push({ platform, digest, sboms: sbom && isDigest(sbom) ? [{ artifactType: 'sbom', subject: digest, present: true, where: `${reference ?? source} referrer ${sbom}` }] : [] });
    }
  }
  const top = obj(manifest, ['image']);
  const topIndex = str(top, ['index']) ?? str(top, ['digest']);
  if (topIndex && isDigest(topIndex)) out.indexDigests.push(topIndex);
  const topRepo = str(top, ['repository']);
  if (topRepo) out.repositories.push(topRepo);
  for (const a of arr(manifest, ['artifacts'])) {
    const image = obj(a, ['image']);
    const digest = str(image, ['digest']) ?? str(a, ['imageDigest']);
    if (!digest || !isDigest(digest)) continue;
    // GOARM 7 is the OCI variant v7; other GOARCH variants (GOAMD64…) have no OCI platform variant.
    const goarm = str(a, ['goarch']) === 'arm' ? str(a, ['variant', 'value'])?.split(',')[0] : undefined;
    const platform = `${str(a, ['goos']) ?? 'linux'}/${str(a, ['goarch']) ?? 'unknown'}${goarm ? `/v${goarm}` : ''}`;
    const built: BuiltImage = { platform: str(image, ['platform']) ?? platform, digest, sboms: [] };
    const sbomPath = str(image, ['sbom', 'path']);
    if (sbomPath) built.sboms.push({ artifactType: str(image, ['sbom', 'artifactType']) ?? 'sbom', subject: str(image, ['sbom', 'subject']) ?? digest, present: sbomPresent(sbomPath), where: sbomPath });
    out.images.push(built);
    const index = str(image, ['index']);
    if (index && isDigest(index) && !out.indexDigests.includes(index)) out.indexDigests.push(index);
    const repo = str(image, ['repository']);
    if (repo && !out.repositories.includes(repo)) out.repositories.push(repo);
  }
  return out.images.length || out.indexDigests.length ? out : null;
}

export async function readBuiltImages(options: { manifest?: string; imageIndex?: string }): Promise<BuiltImages | undefined> {
  if (options.imageIndex) return fromLayout(resolve(options.imageIndex));
  if (!options.manifest) return undefined;
  const file = resolve(options.manifest);
  let doc: unknown;
  try {
    doc = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    throw new GocrossError('input', `Cannot read ${options.manifest}: ${(error as Error).message}`, { cause: error, fix: "run 'gocross build' (and 'gocross image') first" });
  }
  const layout = str(doc, ['image', 'layout']);
  if (layout) {
    const facts = await fromLayout(resolve(dirname(file), layout));
    const repo = str(doc, ['image', 'repository']);
    return { ...facts, repositories: repo ? [repo] : facts.repositories };
  }
  const present = new Set<string>();
  for (const a of arr(doc, ['artifacts'])) {
    const p = str(a, ['image', 'sbom', 'path']);
    if (p && (await stat(resolve(dirname(file), p)).catch(() => null))?.isFile()) present.add(p);
  }
  const facts = fromManifestJson(doc, options.manifest, (p) => present.has(p));
  if (!facts) throw new GocrossError('input', `Cannot bind manifests to ${options.manifest}: it records no image digest`, { fix: "run 'gocross image' to build the images, or pass --image-index with the OCI layout it wrote" });
  return facts;
}
