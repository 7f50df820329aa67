/**
 * Reading a published image back, wherever it lives (a registry, an OCI layout): the document a
 * reference names, manifests and blobs by digest (each checked against its digest), and the
 * referrers of a manifest. Used to check what was pushed, e.g. the SBOM binding.
 */
import { GocrossError } from '../core/errors.ts';
import { sha256Digest, type Descriptor } from './blob.ts';

/** How the referrers were found: the registry's referrers API, the tag schema `sha256-<hex>`, or index.json of a layout. */
export type ReferrersVia = 'referrers-api' | 'tag-schema' | 'layout-index';

export interface ImageReader {
  /** The reference as the user wrote it, for messages. */
  name: string;
  /** Where a user pushes or writes an image of this kind, for fixes ("gocross image --push NAME …"). */
  kind: 'registry' | 'layout';
  top: { digest: string; mediaType: string };
  manifest(digest: string): Promise<Uint8Array>;
  blob(digest: string): Promise<Uint8Array>;
  referrers(subject: string): Promise<{ manifests: Descriptor[]; via: ReferrersVia }>;
}

/** `bytes` when their digest is `digest`, else an error naming both: a store that changed or lies. */
export function checkedBytes(name: string, digest: string, bytes: Uint8Array): Uint8Array {
  const actual = sha256Digest([bytes]);
  if (actual !== digest) throw new GocrossError('input', `Cannot read ${name}: blob ${digest} has digest ${actual}`, { fix: 'the store is corrupt or was changed while reading' });
  return bytes;
}

export function parseJson(name: string, what: string, bytes: Uint8Array): Record<string, unknown> {
  try {
    const doc: unknown = JSON.parse(Buffer.from(bytes).toString('utf8'));
    if (doc !== null && typeof doc === 'object' && !Array.isArray(doc)) return doc as Record<string, unknown>;
  } catch (error) {
    throw new GocrossError('input', `Cannot read ${name}: its ${what} is not JSON`, { cause: error });
  }
  throw new GocrossError('input', `Cannot read ${name}: its ${what} is not a JSON object`);
}
