/**
 * An SBOM as an OCI artifact bound to one platform's image manifest (image-spec manifest.md
 * "artifactType" and "subject"), and the referrers index that lists artifacts for a subject
 * (distribution-spec "Referrers Tag Schema": tag `sha256-<hex>`, for registries without the
 * referrers API). Pure.
 */
import { blobOf, jsonBlob, type Blob, type Descriptor } from './blob.ts';
import { imageManifest, plain } from './documents.ts';
import { OCI_EMPTY, OCI_INDEX } from './media-types.ts';

export const EMPTY_CONFIG: Blob = blobOf(OCI_EMPTY, [Buffer.from('{}')]);

export interface SbomArtifact {
  /** The manifest of the artifact; its `subject` is the platform manifest. */
  manifest: Blob;
  /** The document itself, the artifact's one layer. */
  document: Blob;
  artifactType: string;
  created: string;
}

export function sbomArtifact(subject: Descriptor, document: Uint8Array, artifactType: string, fileName: string, created: string): SbomArtifact {
  const doc = blobOf(artifactType, [document], { annotations: { 'org.opencontainers.image.title': fileName } });
  const manifest = imageManifest(EMPTY_CONFIG.descriptor, [doc.descriptor], { 'org.opencontainers.image.created': created }, plain({ mediaType: subject.mediaType, digest: subject.digest, size: subject.size }), artifactType);
  return { manifest, document: doc, artifactType, created };
}

/** The descriptor an artifact has in a referrers list: with its artifactType and annotations. */
export function referrerDescriptor(artifact: SbomArtifact): Descriptor {
  return { ...artifact.manifest.descriptor, artifactType: artifact.artifactType, annotations: { 'org.opencontainers.image.created': artifact.created } };
}

/** The tag under which the referrers of `digest` are listed when the registry has no referrers API. */
export function referrersTag(digest: string): string {
  return digest.replace(':', '-');
}

/** `existing` (a referrers index or null) with `added` in it, each digest once. */
export function mergeReferrers(existing: unknown, added: readonly Descriptor[]): Blob {
  const old = existing && Array.isArray((existing as { manifests?: unknown }).manifests) ? ((existing as { manifests: Descriptor[] }).manifests) : [];
  const digests = new Set(added.map((d) => d.digest));
  return jsonBlob(OCI_INDEX, { schemaVersion: 2, mediaType: OCI_INDEX, manifests: [...old.filter((d) => !digests.has(d.digest)), ...added.map(plain)] });
}
