/**
 * A `docker load` tarball of one platform's image: Docker's manifest.json (Config, RepoTags,
 * Layers, as `docker save` writes it) over an OCI layout of the same blobs, so both `docker load`
 * and OCI tools (skopeo's docker-archive: and oci-archive:) read it. Deterministic: sorted
 * entries, the image's own mtime.
 */
import { jsonBytes, splitDigest } from './blob.ts';
import { plain } from './documents.ts';
import { storedBlob, type PlatformImage } from './image-set.ts';
import { OCI_INDEX } from './media-types.ts';
import { REF_NAME } from './layout-write.ts';
import { tarChunks, type TarEntry } from './tar.ts';

const blobName = (digest: string): string => `blobs/${splitDigest(digest)!.join('/')}`;

export async function dockerArchive(image: PlatformImage, repoTag: string, mtime: number): Promise<Buffer[]> {
  const blobs = [...image.layers, storedBlob(image.config), storedBlob(image.manifest)];
  const files = new Map<string, Uint8Array>();
  for (const b of blobs) files.set(blobName(b.descriptor.digest), Buffer.concat((await b.read()).map((c) => Buffer.from(c))));
  files.set('manifest.json', jsonBytes([{ Config: blobName(image.config.descriptor.digest), RepoTags: [repoTag], Layers: image.layers.map((l) => blobName(l.descriptor.digest)) }]));
  files.set('oci-layout', jsonBytes({ imageLayoutVersion: '1.0.0' }));
  files.set('index.json', jsonBytes({ schemaVersion: 2, mediaType: OCI_INDEX, manifests: [plain({ ...image.manifest.descriptor, annotations: { [REF_NAME]: repoTag, 'io.containerd.image.name': repoTag } })] }));
  const dirs: TarEntry[] = [
    { type: 'dir', path: 'blobs', mode: 0o755 },
    { type: 'dir', path: 'blobs/sha256', mode: 0o755 },
  ];
  const entries: TarEntry[] = [
    ...dirs,
    ...[...files].map(([path, content]): TarEntry => ({ type: 'file', path, mode: 0o644, content })),
  ].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return tarChunks(entries, mtime);
}
