/**
 * Writing an image set into an OCI image layout directory (image-spec image-layout.md): blobs
 * first (each published by rename, skipped when already present), index.json last, so a reader
 * never sees an index that names a missing blob. Other tags already in index.json stay.
 */
import { mkdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { GocrossError } from '../core/errors.ts';
import { jsonBytes, splitDigest, type Descriptor } from './blob.ts';
import { plain } from './documents.ts';
import { storedBlob, type ImageSet, type StoredBlob } from './image-set.ts';
import { platformKey } from './plan.ts';
import { writeChunks } from './write-chunks.ts';
import { EMPTY_CONFIG, referrerDescriptor, type SbomArtifact } from './sbom-artifact.ts';

export const REF_NAME = 'org.opencontainers.image.ref.name';

/** Every blob an image set needs, each once, in a stable order. */
export function allBlobs(set: ImageSet, sboms?: ReadonlyMap<string, readonly SbomArtifact[]>): StoredBlob[] {
  const byDigest = new Map<string, StoredBlob>();
  for (const image of set.images) {
    for (const b of [...image.layers, storedBlob(image.config), storedBlob(image.manifest)]) byDigest.set(b.descriptor.digest, b);
  }
  for (const list of sboms?.values() ?? []) {
    for (const a of list) for (const b of [EMPTY_CONFIG, a.document, a.manifest]) byDigest.set(b.descriptor.digest, storedBlob(b));
  }
  byDigest.set(set.index.descriptor.digest, storedBlob(set.index));
  return [...byDigest.values()];
}

/** The per-platform tag (`latest-linux-arm64-v8`): tools that unpack one image (umoci) need one manifest per name. */
export function platformTag(tag: string, platform: { os: string; architecture: string; variant?: string }): string {
  return `${tag}-${platformKey(platform).replaceAll('/', '-')}`;
}

async function existingEntries(dir: string): Promise<Descriptor[]> {
  try {
    const doc = JSON.parse(await readFile(join(dir, 'index.json'), 'utf8')) as { manifests?: Descriptor[] };
    return Array.isArray(doc.manifests) ? doc.manifests : [];
  } catch {
    return [];
  }
}

/** SBOM artifacts are listed too (tag `<platform tag>.sbom`), so tools that look for referrers in index.json find them. */
export async function writeLayout(dir: string, set: ImageSet, tag: string, sboms?: ReadonlyMap<string, readonly SbomArtifact[]>): Promise<void> {
  try {
    await mkdir(join(dir, 'blobs', 'sha256'), { recursive: true });
    await writeChunks(join(dir, 'oci-layout'), [jsonBytes({ imageLayoutVersion: '1.0.0' })]);
    for (const blob of allBlobs(set, sboms)) {
      const [alg, hex] = splitDigest(blob.descriptor.digest) ?? [];
      const path = join(dir, 'blobs', alg!, hex!);
      if ((await stat(path).catch(() => null))?.size === blob.descriptor.size) continue;
      await writeChunks(path, await blob.read());
    }
    const ours = [
      { ...set.index.descriptor, annotations: { [REF_NAME]: tag } },
      ...set.images.map((i) => ({ ...i.manifest.descriptor, platform: i.platform, annotations: { [REF_NAME]: platformTag(tag, i.platform) } })),
      ...set.images.flatMap((i) => (sboms?.get(i.manifest.descriptor.digest) ?? []).map((a) => ({ ...referrerDescriptor(a), annotations: { [REF_NAME]: `${platformTag(tag, i.platform)}.sbom` } }))),
    ];
    const names = new Set(ours.map((d) => d.annotations[REF_NAME]));
    const kept = (await existingEntries(dir)).filter((d) => !names.has(d.annotations?.[REF_NAME] ?? ''));
    await writeChunks(join(dir, 'index.json'), [jsonBytes({ schemaVersion: 2, mediaType: 'application/vnd.oci.image.index.v1+json', manifests: [...kept, ...ours].map(plain) })]);
  } catch (error) {
    if (error instanceof GocrossError) throw error;
    throw new GocrossError('failure', `Cannot write OCI layout ${dir}: ${(error as Error).message}`, { cause: error });
  }
}
