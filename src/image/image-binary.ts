/**
 * The program inside a published image: the platform manifest's config names the entrypoint, and
 * the newest layer holding that path holds the binary. Its SHA-256 is what an SBOM must name.
 */
import { createHash } from 'node:crypto';
import { posix } from 'node:path';
import { gunzip } from 'node:zlib';
import { promisify } from 'node:util';
import { GocrossError } from '../core/errors.ts';
import type { Descriptor, Platform } from './blob.ts';
import { parseJson, type ImageReader } from './image-reader.ts';
import { DOCKER_LAYER_GZIP, OCI_LAYER_GZIP, OCI_LAYER_TAR } from './media-types.ts';
import { platformKey } from './plan.ts';
import { findInTar, type TarFound } from './tar-read.ts';

const gunzipAsync = promisify(gunzip);
const DOCKER_LAYER_TAR = 'application/vnd.docker.image.rootfs.diff.tar';

export interface ImageBinary {
  platform: Platform;
  /** The entrypoint's path inside the image. */
  path: string;
  sha256: string;
}

async function layerTar(reader: ImageReader, layer: Descriptor): Promise<Uint8Array> {
  const bytes = await reader.blob(layer.digest);
  if (layer.mediaType === OCI_LAYER_GZIP || layer.mediaType === DOCKER_LAYER_GZIP) return gunzipAsync(bytes);
  if (layer.mediaType === OCI_LAYER_TAR || layer.mediaType === DOCKER_LAYER_TAR) return bytes;
  throw new GocrossError('input', `Cannot read layer ${layer.digest} of ${reader.name}: media type ${layer.mediaType} is not a tar or tar+gzip layer`);
}

export async function imageBinary(reader: ImageReader, manifestDigest: string): Promise<ImageBinary> {
  const what = `${reader.name} manifest ${manifestDigest}`;
  const manifest = parseJson(reader.name, `manifest ${manifestDigest}`, await reader.manifest(manifestDigest));
  const configDigest = (manifest.config as Descriptor | undefined)?.digest;
  if (typeof configDigest !== 'string') throw new GocrossError('input', `Cannot read ${what}: it has no config (is it an image manifest?)`);
  const config = parseJson(reader.name, `config ${configDigest}`, await reader.blob(configDigest));
  const platform: Platform = { os: String(config.os ?? ''), architecture: String(config.architecture ?? '') };
  if (typeof config.variant === 'string') platform.variant = config.variant;
  const entrypoint = (config.config as { Entrypoint?: unknown } | undefined)?.Entrypoint;
  let path = Array.isArray(entrypoint) && typeof entrypoint[0] === 'string' ? entrypoint[0] : undefined;
  if (!path || !path.startsWith('/')) throw new GocrossError('input', `Cannot find the binary in ${what} (${platformKey(platform)}): its config has no absolute Entrypoint`, { fix: 'check an image made by gocross image, whose entrypoint is /usr/local/bin/NAME' });
  const layers = Array.isArray(manifest.layers) ? (manifest.layers as Descriptor[]) : [];
  // Layers are read newest first and each at most once; a symlink entrypoint is followed a few hops.
  const tars = new Map<number, Uint8Array>();
  for (let hop = 0; hop < 8; hop++) {
    let found: TarFound | undefined;
    for (let i = layers.length - 1; i >= 0 && !found; i--) {
      if (!tars.has(i)) tars.set(i, await layerTar(reader, layers[i]!));
      found = findInTar(tars.get(i)!, path);
    }
    if (!found) throw new GocrossError('input', `Cannot find the binary in ${what} (${platformKey(platform)}): no layer holds its entrypoint ${path}`);
    if (found.type === 'file') return { platform, path, sha256: createHash('sha256').update(found.content).digest('hex') };
    if (found.type !== 'symlink') throw new GocrossError('input', `Cannot find the binary in ${what} (${platformKey(platform)}): its entrypoint ${path} is not a file (tar type ${found.typeflag})`);
    path = posix.resolve(posix.dirname(path), found.target);
  }
  throw new GocrossError('input', `Cannot find the binary in ${what} (${platformKey(platform)}): its entrypoint is a chain of symlinks`);
}
