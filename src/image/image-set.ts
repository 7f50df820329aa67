/** What `gocross image` assembles: one image per platform and the index over them. */
import type { Blob, Descriptor, Platform } from './blob.ts';

/** A blob whose bytes are fetched when needed (a base image layer may never need to be). */
export interface StoredBlob {
  descriptor: Descriptor;
  read(): Promise<readonly Uint8Array[]>;
  /** Where the blob already lives, so a push to the same registry can mount it instead of uploading. */
  origin?: { registry: string; repository: string };
}

export interface PlatformImage {
  target: string;
  platform: Platform;
  manifest: Blob;
  config: Blob;
  /** Base layers first, the application layer last. */
  layers: StoredBlob[];
  /** The application layer's uncompressed digest (rootfs.diff_ids). */
  diffId: string;
  binarySha256: string;
}

export interface ImageSet {
  index: Blob;
  images: PlatformImage[];
  base?: { name: string; digest: string };
}

export function storedBlob(blob: Blob): StoredBlob {
  return { descriptor: blob.descriptor, read: async () => blob.chunks };
}
