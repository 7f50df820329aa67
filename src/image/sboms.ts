/**
 * One SBOM per platform image, generated from that image's binary and bound to that image's
 * manifest digest. Reproducible: the document's time is the image's and its serial number is
 * derived from the binary's digest.
 */
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { generateSbom } from '../sbom/generate.ts';
import type { SbomFormat } from '../sbom/document-options.ts';
import { gocrossVersion } from '../util/version.ts';
import { jsonBytes } from './blob.ts';
import type { ImageSet } from './image-set.ts';
import { SBOM_ARTIFACT_TYPES } from './media-types.ts';
import type { ImagePlan } from './plan.ts';
import { sbomArtifact, type SbomArtifact } from './sbom-artifact.ts';

function uuidFrom(sha256: string): string {
  const h = createHash('sha256').update(`gocross image sbom ${sha256}`).digest('hex');
  // RFC 9562 version 8 (custom) layout: the bits are ours, the shape is a UUID's.
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-8${h.slice(13, 16)}-${((parseInt(h[16]!, 16) & 0x3) | 0x8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** SBOM artifacts by platform manifest digest. */
export async function imageSboms(set: ImageSet, plan: ImagePlan, distDir: string, format: SbomFormat): Promise<Map<string, SbomArtifact[]>> {
  const out = new Map<string, SbomArtifact[]>();
  for (const image of set.images) {
    const artifact = plan.images.find((p) => p.target === image.target)!.artifact;
    const doc = await generateSbom(join(distDir, artifact.path), { format, timestamp: new Date(plan.created), uuid: uuidFrom(image.binarySha256), toolVersion: gocrossVersion() });
    const fileName = `${artifact.path.split('/').pop()}.${format === 'spdx' ? 'spdx' : 'cdx'}.json`;
    out.set(image.manifest.descriptor.digest, [sbomArtifact(image.manifest.descriptor, jsonBytes(doc), SBOM_ARTIFACT_TYPES[format], fileName, plan.created)]);
  }
  return out;
}
