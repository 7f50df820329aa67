/**
 * Pushing an image set (distribution-spec "Push"): per platform, its blobs (skipped when the
 * registry has them, mounted when they live in another repository of the same registry, else
 * uploaded monolithically or in chunks), then its manifest by digest, then its SBOM artifacts;
 * the index is pushed last, under the tag, so a reader never sees an index naming a missing image.
 */
import { GocrossError } from '../core/errors.ts';
import type { Blob, Descriptor } from '../image/blob.ts';
import { storedBlob, type ImageSet, type StoredBlob } from '../image/image-set.ts';
import { platformKey } from '../image/plan.ts';
import { EMPTY_CONFIG, mergeReferrers, referrerDescriptor, referrersTag, type SbomArtifact } from '../image/sbom-artifact.ts';
import { OCI_INDEX } from '../image/media-types.ts';
import { pool } from '../util/pool.ts';
import type { RegistryClient } from './client.ts';

export const DEFAULT_CHUNK_SIZE = 32 * 1024 * 1024;

export type PushEvent =
  | { type: 'blob'; digest: string; size: number; how: 'present' | 'mounted' | 'uploaded' }
  | { type: 'manifest'; target: string; digest: string }
  | { type: 'sbom'; target: string; digest: string; via: 'referrers-api' | 'tag-schema' };

export interface PushOptions {
  tag: string;
  /** Blobs larger than this go up in PATCH chunks of this size. */
  chunkSize?: number;
  /** SBOM artifacts per platform manifest digest. */
  sboms?: ReadonlyMap<string, readonly SbomArtifact[]>;
  onEvent?: (event: PushEvent) => void;
  /** Blobs in flight at once. */
  concurrency?: number;
}

export interface PushedImage {
  target: string;
  platform: string;
  digest: string;
  sboms: string[];
}

export interface PushResult {
  indexDigest: string;
  images: PushedImage[];
  uploaded: number;
  present: number;
  mounted: number;
}

function concat(chunks: readonly Uint8Array[]): Buffer {
  return chunks.length === 1 ? Buffer.from(chunks[0]!.buffer, chunks[0]!.byteOffset, chunks[0]!.length) : Buffer.concat(chunks);
}

async function blobExists(client: RegistryClient, digest: string): Promise<boolean> {
  const r = await client.expect({ method: 'HEAD', path: `blobs/${digest}` }, [200, 404], `check blob ${digest}`);
  return r.status === 200;
}

async function upload(client: RegistryClient, blob: StoredBlob, chunkSize: number): Promise<'mounted' | 'uploaded'> {
  const { digest, size } = blob.descriptor;
  let start;
  if (blob.origin && blob.origin.registry === client.registry && blob.origin.repository !== client.repository) {
    const q = new URLSearchParams({ mount: digest, from: blob.origin.repository });
    start = await client.expect({ method: 'POST', path: `blobs/uploads/?${q}` }, [201, 202], `mount blob ${digest}`);
    if (start.status === 201) return 'mounted';
  } else {
    start = await client.expect({ method: 'POST', path: 'blobs/uploads/' }, [202], `start the upload of blob ${digest}`);
  }
  let location = client.url(start.headers.get('location') ?? '');
  const bytes = concat(await blob.read());
  if (bytes.length !== size) throw new GocrossError('failure', `Cannot upload blob ${digest}: it has ${bytes.length} bytes, its descriptor says ${size}`);
  const withDigest = (url: string): string => `${url}${url.includes('?') ? '&' : '?'}digest=${encodeURIComponent(digest)}`;
  if (size <= chunkSize) {
    await client.expect({ method: 'PUT', path: withDigest(location), headers: { 'Content-Type': 'application/octet-stream' }, body: bytes }, [201], `upload blob ${digest}`);
    return 'uploaded';
  }
  for (let offset = 0; offset < size; offset += chunkSize) {
    const chunk = bytes.subarray(offset, Math.min(size, offset + chunkSize));
    const r = await client.expect(
      { method: 'PATCH', path: location, headers: { 'Content-Type': 'application/octet-stream', 'Content-Range': `${offset}-${offset + chunk.length - 1}` }, body: chunk },
      [202],
      `upload a chunk of blob ${digest} at byte ${offset}`,
    );
    location = client.url(r.headers.get('location') ?? location);
  }
  await client.expect({ method: 'PUT', path: withDigest(location) }, [201], `finish the upload of blob ${digest}`);
  return 'uploaded';
}

async function putManifest(client: RegistryClient, blob: Blob, reference: string, what: string): Promise<Headers> {
  const body = concat(blob.chunks);
  const r = await client.expect({ method: 'PUT', path: `manifests/${reference}`, headers: { 'Content-Type': blob.descriptor.mediaType }, body }, [201], `push ${what}`);
  const echoed = r.headers.get('docker-content-digest');
  if (echoed && echoed !== blob.descriptor.digest) throw new GocrossError('failure', `Cannot push ${what}: the registry stored it as ${echoed}, not ${blob.descriptor.digest}`, { fix: 'the registry rewrote the manifest; use a registry that stores manifests as sent' });
  return r.headers;
}

async function manifestExists(client: RegistryClient, digest: string): Promise<boolean> {
  const r = await client.request({ method: 'HEAD', path: `manifests/${digest}`, headers: { Accept: '*/*' } });
  return r.status === 200;
}

export async function pushImageSet(client: RegistryClient, set: ImageSet, options: PushOptions): Promise<PushResult> {
  const chunkSize = options.chunkSize ?? DEFAULT_CHUNK_SIZE;
  const counts = { uploaded: 0, present: 0, mounted: 0 };
  const done = new Map<string, Promise<void>>();
  const pushBlob = (blob: StoredBlob): Promise<void> => {
    const digest = blob.descriptor.digest;
    let p = done.get(digest);
    if (!p) {
      p = (async () => {
        const how = (await blobExists(client, digest)) ? 'present' : await upload(client, blob, chunkSize);
        counts[how]++;
        options.onEvent?.({ type: 'blob', digest, size: blob.descriptor.size, how });
      })();
      done.set(digest, p);
    }
    return p;
  };
  const pushBlobs = async (blobs: readonly StoredBlob[], target: string): Promise<void> => {
    const results = await pool(blobs, (b) => pushBlob(b), { limit: options.concurrency ?? 4 });
    const failed = results.find((r) => r.status === 'rejected');
    if (failed?.status === 'rejected') throw withTarget(failed.reason, target);
  };

  const images: PushedImage[] = [];
  for (const image of set.images) {
    const target = `${image.target} (${platformKey(image.platform)})`;
    try {
      await pushBlobs([...image.layers, storedBlob(image.config)], target);
      if (!(await manifestExists(client, image.manifest.descriptor.digest))) await putManifest(client, image.manifest, image.manifest.descriptor.digest, `the ${target} manifest`);
      options.onEvent?.({ type: 'manifest', target: image.target, digest: image.manifest.descriptor.digest });
      const sboms = options.sboms?.get(image.manifest.descriptor.digest) ?? [];
      for (const sbom of sboms) await pushSbom(client, sbom, image.manifest.descriptor, pushBlobs, target, options);
      images.push({ target: image.target, platform: platformKey(image.platform), digest: image.manifest.descriptor.digest, sboms: sboms.map((s) => s.manifest.descriptor.digest) });
    } catch (error) {
      throw withTarget(error, target);
    }
  }
  await putManifest(client, set.index, options.tag, `the image index as ${options.tag}`);
  return { indexDigest: set.index.descriptor.digest, images, ...counts };
}

async function pushSbom(client: RegistryClient, sbom: SbomArtifact, subject: Descriptor, pushBlobs: (b: readonly StoredBlob[], t: string) => Promise<void>, target: string, options: PushOptions): Promise<void> {
  await pushBlobs([storedBlob(EMPTY_CONFIG), storedBlob(sbom.document)], target);
  const headers = await putManifest(client, sbom.manifest, sbom.manifest.descriptor.digest, `the ${target} SBOM`);
  // A registry with the referrers API says so by echoing OCI-Subject; otherwise keep the tag-schema index.
  let via: 'referrers-api' | 'tag-schema' = 'referrers-api';
  if (headers.get('oci-subject') !== subject.digest) {
    via = 'tag-schema';
    const tag = referrersTag(subject.digest);
    const r = await client.request({ method: 'GET', path: `manifests/${tag}`, headers: { Accept: OCI_INDEX } });
    let existing: unknown = null;
    if (r.status === 200) existing = JSON.parse(r.body.toString('utf8'));
    else if (r.status !== 404) throw new GocrossError('failure', `Cannot read the referrers of ${subject.digest} (tag ${tag}): HTTP ${r.status}`);
    await putManifest(client, mergeReferrers(existing, [referrerDescriptor(sbom)]), tag, `the referrers index of the ${target} manifest`);
  }
  options.onEvent?.({ type: 'sbom', target, digest: sbom.manifest.descriptor.digest, via });
}

/** The same error with the platform named first, so the user knows which image failed. */
function withTarget(error: unknown, target: string): unknown {
  if (!(error instanceof GocrossError) || error.message.includes(target)) return error;
  return new GocrossError(error.kind, `${error.message.replace(/^Cannot /, `Cannot push the ${target} image: cannot `)}`, { cause: error.cause ?? error, ...(error.fix ? { fix: error.fix } : {}) });
}
