/**
 * A base image, wherever it is read from (an OCI layout, a registry): resolve the platform
 * asked for and hand back its config and layers, the layers read only when needed.
 */
import { GocrossError } from '../core/errors.ts';
import { sha256Digest, type Descriptor, type Platform } from './blob.ts';
import { baseConfigOf, descriptorsOf, ociLayer, selectPlatform } from './base-config.ts';
import type { BaseConfig } from './documents.ts';
import type { StoredBlob } from './image-set.ts';
import { isIndexType } from './media-types.ts';
import { platformKey } from './plan.ts';

export interface BaseImage {
  manifestDigest: string;
  config: BaseConfig;
  layers: StoredBlob[];
}

export interface BaseSource {
  name: string;
  /** Digest of the document the base reference names (an index or a manifest). */
  digest: string;
  image(platform: Platform): Promise<BaseImage>;
}

/** How a base's documents are fetched: manifests and blobs by digest (checked here). */
export interface DocumentStore {
  manifest(digest: string): Promise<{ mediaType: string; bytes: Uint8Array }>;
  blob(descriptor: Descriptor): Promise<readonly Uint8Array[]>;
  origin?: { registry: string; repository: string };
}

function parse(name: string, what: string, bytes: Uint8Array): unknown {
  try {
    return JSON.parse(Buffer.from(bytes).toString('utf8'));
  } catch (error) {
    throw new GocrossError('input', `Cannot read base image ${name}: its ${what} is not JSON`, { cause: error });
  }
}

function checked(name: string, digest: string, bytes: Uint8Array): Uint8Array {
  const actual = sha256Digest([bytes]);
  if (actual !== digest) throw new GocrossError('input', `Cannot read base image ${name}: blob ${digest} has digest ${actual}`, { fix: 'the store is corrupt or was changed: fetch the base image again' });
  return bytes;
}

export function baseFromStore(name: string, top: { digest: string; mediaType: string }, store: DocumentStore): BaseSource {
  return {
    name,
    digest: top.digest,
    async image(platform) {
      let manifestDigest = top.digest;
      let doc = parse(name, 'manifest', checked(name, top.digest, (await store.manifest(top.digest)).bytes));
      if (isIndexType(top.mediaType) || Array.isArray((doc as { manifests?: unknown }).manifests)) {
        const chosen = selectPlatform(name, descriptorsOf(doc, 'manifests'), platform);
        manifestDigest = chosen.digest;
        doc = parse(name, 'manifest', checked(name, chosen.digest, (await store.manifest(chosen.digest)).bytes));
      }
      const configDescriptor = (doc as { config?: Descriptor }).config;
      if (!configDescriptor?.digest) throw new GocrossError('input', `Cannot read base image ${name}: its manifest has no config`);
      const configChunks = await store.blob(configDescriptor);
      const configBytes = checked(name, configDescriptor.digest, Buffer.concat(configChunks.map((c) => Buffer.from(c))));
      const configDoc = parse(name, 'config', configBytes) as { os?: string; architecture?: string; variant?: string };
      if (configDoc.os !== platform.os || configDoc.architecture !== platform.architecture) {
        throw new GocrossError('input', `Cannot use base image ${name} for ${platformKey(platform)}: it is a single ${configDoc.os}/${configDoc.architecture} image`, { fix: `choose a multi-platform base image, or one built for ${platformKey(platform)}` });
      }
      const layers = descriptorsOf(doc, 'layers').map((d): StoredBlob => ({ descriptor: ociLayer(d), read: () => store.blob(d), ...(store.origin ? { origin: store.origin } : {}) }));
      return { manifestDigest, config: baseConfigOf(configDoc), layers };
    },
  };
}
