/**
 * Assembling the images: per platform, read the binary, lay out the layer, tar and gzip it
 * deterministically, write the config and manifest over the base's; then the index over all.
 * Platforms are assembled concurrently (gzip runs on the thread pool).
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { GocrossError } from '../core/errors.ts';
import { blobOf, sha256Digest } from './blob.ts';
import type { BaseSource } from './base-source.ts';
import { imageConfig, imageIndex, imageManifest } from './documents.ts';
import { deterministicGzip } from './gzip.ts';
import { storedBlob, type ImageSet, type PlatformImage } from './image-set.ts';
import { layerEntries, type ImageUser, type LayerContents, type LayerFile } from './layer-files.ts';
import { OCI_LAYER_GZIP } from './media-types.ts';
import type { ImagePlan, PlannedImage } from './plan.ts';
import { tarChunks } from './tar.ts';

export interface AssembleOptions {
  /** Directory holding the manifest's artifacts (dist/). */
  distDir: string;
  /** Program name: the binary is /usr/local/bin/<name> in the image. */
  name: string;
  base?: BaseSource;
  caCertificates?: Uint8Array;
  tzdata?: LayerContents['tzdata'];
  user?: ImageUser;
  extraFiles?: readonly LayerFile[];
  env?: string[];
  cmd?: string[];
  labels?: Record<string, string>;
}

export const BINARY_DIR = '/usr/local/bin';

async function assembleOne(planned: PlannedImage, plan: ImagePlan, options: AssembleOptions): Promise<PlatformImage> {
  const path = join(options.distDir, planned.artifact.path);
  let binary: Buffer;
  try {
    binary = await readFile(path);
  } catch (error) {
    throw new GocrossError('input', `Cannot make the ${planned.target} image: cannot read ${path}`, { cause: error, fix: "run 'gocross build' again" });
  }
  const binarySha256 = createHash('sha256').update(binary).digest('hex');
  if (binarySha256 !== planned.artifact.sha256) {
    throw new GocrossError('input', `Cannot make the ${planned.target} image: ${path} has sha256 ${binarySha256}, the manifest records ${planned.artifact.sha256}`, { fix: "the artifact changed after the build: run 'gocross build' again" });
  }
  const binaryPath = `${BINARY_DIR}/${options.name}`;
  const entries = layerEntries({
    binary: { path: binaryPath, mode: 0o755, content: binary },
    ...(options.caCertificates ? { caCertificates: options.caCertificates } : {}),
    ...(options.tzdata ? { tzdata: options.tzdata } : {}),
    ...(options.user ? { user: options.user } : {}),
    ...(options.extraFiles ? { extraFiles: options.extraFiles } : {}),
  });
  const tar = tarChunks(entries, plan.mtime);
  const diffId = sha256Digest(tar);
  const layer = blobOf(OCI_LAYER_GZIP, [await deterministicGzip(tar)]);

  const base = options.base ? await options.base.image(planned.platform) : undefined;
  const config = imageConfig({
    platform: planned.platform,
    created: plan.created,
    entrypoint: [binaryPath],
    ...(options.cmd ? { cmd: options.cmd } : {}),
    ...(options.user ? { user: `${options.user.uid}:${options.user.gid}` } : {}),
    env: options.env ?? [],
    labels: options.labels ?? {},
    layerDiffId: diffId,
    layerComment: `gocross image: ${basename(planned.artifact.path)} (${planned.target})`,
    ...(base ? { base: base.config } : {}),
  });
  const annotations = { ...plan.annotations };
  if (options.base && base) {
    annotations['org.opencontainers.image.base.name'] = options.base.name;
    annotations['org.opencontainers.image.base.digest'] = base.manifestDigest;
  }
  const layers = [...(base?.layers ?? []), storedBlob(layer)];
  const manifest = imageManifest(config.descriptor, layers.map((l) => l.descriptor), annotations);
  return { target: planned.target, platform: planned.platform, manifest, config, layers, diffId, binarySha256 };
}

export async function assembleImages(plan: ImagePlan, options: AssembleOptions): Promise<ImageSet> {
  const images = await Promise.all(plan.images.map((p) => assembleOne(p, plan, options)));
  const annotations = { ...plan.annotations };
  if (options.base) {
    annotations['org.opencontainers.image.base.name'] = options.base.name;
    annotations['org.opencontainers.image.base.digest'] = options.base.digest;
  }
  const index = imageIndex(images.map((i) => ({ ...i.manifest.descriptor, platform: i.platform })), annotations);
  return { index, images, ...(options.base ? { base: { name: options.base.name, digest: options.base.digest } } : {}) };
}
