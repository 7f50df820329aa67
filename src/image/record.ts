/**
 * Recording the image digests in dist/manifest.json (`images`), so `gate manifests` can check a
 * Deployment pins exactly them. The manifest is rewritten whole, by rename.
 */
import { join } from 'node:path';
import type { Manifest, ManifestImages } from '../gobuild/manifest.ts';
import { atomicWrite } from '../util/atomic-write.ts';
import type { ImageSet } from './image-set.ts';
import { platformKey } from './plan.ts';
import type { SbomArtifact } from './sbom-artifact.ts';

export function manifestImages(set: ImageSet, reference: string, sboms?: ReadonlyMap<string, readonly SbomArtifact[]>): ManifestImages {
  return {
    reference,
    index: set.index.descriptor.digest,
    platforms: set.images.map((i) => ({ target: i.target, platform: platformKey(i.platform), digest: i.manifest.descriptor.digest, sbom: sboms?.get(i.manifest.descriptor.digest)?.[0]?.manifest.descriptor.digest ?? null })),
  };
}

export async function recordImages(distDir: string, manifest: Manifest, images: ManifestImages): Promise<void> {
  await atomicWrite(join(distDir, 'manifest.json'), `${JSON.stringify({ ...manifest, images }, null, 2)}\n`);
}
