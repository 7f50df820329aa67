/** Content-addressed blobs and their descriptors (image-spec descriptor.md). */
import { createHash } from 'node:crypto';

export interface Platform {
  os: string;
  architecture: string;
  variant?: string;
}

export interface Descriptor {
  mediaType: string;
  digest: string;
  size: number;
  platform?: Platform;
  annotations?: Record<string, string>;
  artifactType?: string;
}

/** A blob whose bytes are in memory, as one buffer or as chunks (a layer over a large binary). */
export interface Blob {
  descriptor: Descriptor;
  chunks: readonly Uint8Array[];
}

export function sha256Digest(chunks: readonly Uint8Array[]): string {
  const hash = createHash('sha256');
  for (const c of chunks) hash.update(c);
  return `sha256:${hash.digest('hex')}`;
}

export function blobOf(mediaType: string, chunks: readonly Uint8Array[], extra: Partial<Descriptor> = {}): Blob {
  const size = chunks.reduce((n, c) => n + c.length, 0);
  return { descriptor: { mediaType, digest: sha256Digest(chunks), size, ...extra }, chunks };
}

/**
 * JSON bytes of a document. Key order is the order the object was built in (each builder writes a
 * fixed order), no whitespace: the same document gives the same digest on every machine.
 */
export function jsonBytes(value: unknown): Buffer {
  return Buffer.from(JSON.stringify(value), 'utf8');
}

export function jsonBlob(mediaType: string, value: unknown, extra: Partial<Descriptor> = {}): Blob {
  return blobOf(mediaType, [jsonBytes(value)], extra);
}

export function bytesOf(blob: Blob): Buffer {
  return blob.chunks.length === 1 ? Buffer.from(blob.chunks[0]!) : Buffer.concat(blob.chunks);
}

/** "sha256:abc…" → ["sha256", "abc…"], or null when it is not a digest this code can address. */
export function splitDigest(digest: string): [string, string] | null {
  const m = /^(sha256):([a-f0-9]{64})$/.exec(digest);
  return m ? [m[1]!, m[2]!] : null;
}
