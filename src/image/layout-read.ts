/** Reading an OCI image layout directory (image-spec image-layout.md): as a base image, or to check what it holds. */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { GocrossError } from '../core/errors.ts';
import { splitDigest, type Descriptor } from './blob.ts';
import { baseFromStore, type BaseSource } from './base-source.ts';
import { checkedBytes, parseJson, type ImageReader } from './image-reader.ts';
import { isIndexType } from './media-types.ts';
import { referrersTag } from './sbom-artifact.ts';

const REF_NAME = 'org.opencontainers.image.ref.name';

type Entry = Descriptor & { annotations?: Record<string, string> };

function blobPath(dir: string, digest: string): string {
  const parts = splitDigest(digest);
  if (!parts) throw new GocrossError('input', `Cannot read OCI layout ${dir}: ${JSON.stringify(digest)} is not a sha256 digest`);
  return join(dir, 'blobs', parts[0], parts[1]);
}

/** `dir` or `dir:tag` (the tag is the index.json entry's ref.name annotation): the entry it names and all entries. */
async function openLayout(reference: string): Promise<{ dir: string; chosen: Entry; entries: Entry[] }> {
  const colon = reference.lastIndexOf(':');
  const [dir, tag] = colon > 0 && !reference.slice(colon).includes('/') ? [reference.slice(0, colon), reference.slice(colon + 1)] : [reference, undefined];
  let index: unknown;
  try {
    index = JSON.parse(await readFile(join(dir, 'index.json'), 'utf8'));
  } catch (error) {
    throw new GocrossError('input', `Cannot read OCI layout ${dir}: no readable index.json`, { cause: error, fix: 'give an OCI image layout directory (e.g. one written by skopeo copy … oci:DIR:TAG)' });
  }
  const entries = (index as { manifests?: Entry[] }).manifests ?? [];
  const chosen = tag === undefined ? (entries.length === 1 ? entries[0] : undefined) : entries.find((m) => m.annotations?.[REF_NAME] === tag);
  if (!chosen) {
    const names = entries.map((m) => m.annotations?.[REF_NAME]).filter(Boolean);
    throw new GocrossError('input', `Cannot read OCI layout ${dir}: ${tag === undefined ? `it holds ${entries.length} images, say which` : `no image tagged ${tag}`} (tags: ${names.join(', ') || 'none'})`, { fix: `name one as oci:${dir}:TAG` });
  }
  return { dir, chosen, entries };
}

export async function layoutBase(reference: string): Promise<BaseSource> {
  const { dir, chosen } = await openLayout(reference);
  return baseFromStore(`oci:${reference}`, { digest: chosen.digest, mediaType: chosen.mediaType }, {
    manifest: async (digest) => ({ mediaType: '', bytes: await readFile(blobPath(dir, digest)) }),
    blob: async (d) => [await readFile(blobPath(dir, d.digest))],
  });
}

/**
 * A layout to read back. A layout has no referrers API: the referrers of a manifest are the
 * manifests listed in index.json whose `subject` is it (as oras and `gocross image` list them),
 * plus those in a tag-schema index tagged `sha256-<hex>`.
 */
export async function layoutReader(reference: string): Promise<ImageReader> {
  const { dir, chosen, entries } = await openLayout(reference);
  const name = `oci:${reference}`;
  const read = async (digest: string): Promise<Uint8Array> => {
    let bytes: Buffer;
    try {
      bytes = await readFile(blobPath(dir, digest));
    } catch (error) {
      throw new GocrossError('input', `Cannot read ${name}: blob ${digest} is missing`, { cause: error, fix: 'the layout is incomplete: write it again' });
    }
    return checkedBytes(name, digest, bytes);
  };
  return {
    name,
    kind: 'layout',
    top: { digest: chosen.digest, mediaType: chosen.mediaType },
    manifest: read,
    blob: read,
    async referrers(subject) {
      const found = new Map<string, Descriptor>();
      const tagged = entries.find((e) => e.annotations?.[REF_NAME] === referrersTag(subject));
      if (tagged && isIndexType(tagged.mediaType)) {
        const list = parseJson(name, `referrers index ${tagged.digest}`, await read(tagged.digest)).manifests;
        for (const d of Array.isArray(list) ? (list as Descriptor[]) : []) found.set(d.digest, d);
      }
      for (const e of entries) {
        if (isIndexType(e.mediaType) || found.has(e.digest)) continue;
        const doc = parseJson(name, `manifest ${e.digest}`, await read(e.digest));
        if ((doc.subject as { digest?: unknown } | undefined)?.digest !== subject) continue;
        const artifactType = typeof doc.artifactType === 'string' ? doc.artifactType : (doc.config as { mediaType?: string } | undefined)?.mediaType;
        found.set(e.digest, { mediaType: e.mediaType, digest: e.digest, size: e.size, ...(artifactType ? { artifactType } : {}) });
      }
      return { manifests: [...found.values()], via: 'layout-index' };
    },
  };
}
