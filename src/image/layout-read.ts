/** A base image read from an OCI image layout directory (image-spec image-layout.md). */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { GocrossError } from '../core/errors.ts';
import { splitDigest, type Descriptor } from './blob.ts';
import { baseFromStore, type BaseSource } from './base-source.ts';

const REF_NAME = 'org.opencontainers.image.ref.name';

function blobPath(dir: string, digest: string): string {
  const parts = splitDigest(digest);
  if (!parts) throw new GocrossError('input', `Cannot read OCI layout ${dir}: ${JSON.stringify(digest)} is not a sha256 digest`);
  return join(dir, 'blobs', parts[0], parts[1]);
}

/** `dir` or `dir:tag` (the tag is the index.json entry's ref.name annotation). */
export async function layoutBase(reference: string): Promise<BaseSource> {
  const colon = reference.lastIndexOf(':');
  const [dir, tag] = colon > 0 && !reference.slice(colon).includes('/') ? [reference.slice(0, colon), reference.slice(colon + 1)] : [reference, undefined];
  let index: unknown;
  try {
    index = JSON.parse(await readFile(join(dir, 'index.json'), 'utf8'));
  } catch (error) {
    throw new GocrossError('input', `Cannot read OCI layout ${dir}: no readable index.json`, { cause: error, fix: 'give an OCI image layout directory (e.g. one written by skopeo copy … oci:DIR:TAG)' });
  }
  const entries = (index as { manifests?: Array<Descriptor & { annotations?: Record<string, string> }> }).manifests ?? [];
  const chosen = tag === undefined ? (entries.length === 1 ? entries[0] : undefined) : entries.find((m) => m.annotations?.[REF_NAME] === tag);
  if (!chosen) {
    const names = entries.map((m) => m.annotations?.[REF_NAME]).filter(Boolean);
    throw new GocrossError('input', `Cannot read OCI layout ${dir}: ${tag === undefined ? `it holds ${entries.length} images, say which` : `no image tagged ${tag}`} (tags: ${names.join(', ') || 'none'})`, { fix: `name one as oci:${dir}:TAG` });
  }
  return baseFromStore(`oci:${reference}`, { digest: chosen.digest, mediaType: chosen.mediaType }, {
    manifest: async (digest) => ({ mediaType: '', bytes: await readFile(blobPath(dir, digest)) }),
    blob: async (d) => [await readFile(blobPath(dir, d.digest))],
  });
}
