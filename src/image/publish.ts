/**
 * One image run, from settings to outputs: make the images, attach SBOMs, write the layout and
 * the docker tarball, push, and record the digests in dist/manifest.json. Shared by
 * `gocross image` and `gocross build --image`; returns data, the CLI renders it.
 */
import { join } from 'node:path';
import { GocrossError } from '../core/errors.ts';
import { ociPlatformOf, hostGoarch } from '../platform/lookup.ts';
import { parseTarget } from '../platform/target.ts';
import { RegistryClient } from '../registry/client.ts';
import { findCredentials } from '../registry/credentials.ts';
import { DEFAULT_CHUNK_SIZE, pushImageSet } from '../registry/push.ts';
import { formatReference, parseReference } from '../registry/reference.ts';
import { SBOM_FORMATS, type SbomFormat } from '../sbom/document-options.ts';
import { dockerArchive } from './docker-archive.ts';
import { writeLayout } from './layout-write.ts';
import { makeImages, makeOptionsOf } from './make.ts';
import { platformKey } from './plan.ts';
import { manifestImages, recordImages } from './record.ts';
import { imageSboms } from './sboms.ts';
import type { ImageSettings } from './settings.ts';
import { writeChunks } from './write-chunks.ts';

/** One line of the human output: what was written, and where (`name@sha256:…`). */
export interface PublishedLine {
  what: string;
  ref: string;
}

export interface ImageRunResult {
  /** The --json document (schemaVersion 1). */
  result: Record<string, unknown>;
  lines: PublishedLine[];
}

export async function makeAndPublish(settings: ImageSettings, env: NodeJS.ProcessEnv = process.env): Promise<ImageRunResult> {
  const sbomFormat = settings.sbom;
  if (sbomFormat !== undefined && !(SBOM_FORMATS as readonly string[]).includes(sbomFormat)) throw new GocrossError('usage', `Cannot attach SBOMs: unknown format ${JSON.stringify(sbomFormat)} (use ${SBOM_FORMATS.join(' or ')})`);
  const chunkSize = settings.chunkSize === undefined ? DEFAULT_CHUNK_SIZE : Number(settings.chunkSize);
  if (!Number.isInteger(chunkSize) || chunkSize < 1) throw new GocrossError('usage', `Cannot push: --chunk-size ${JSON.stringify(settings.chunkSize)} is not a positive number of bytes`);
  const push = settings.push ? parseReference(settings.push) : undefined;
  if (push?.digest) throw new GocrossError('usage', 'Cannot push to a digest: give a tag (e.g. 127.0.0.1:5000/hello:1.0)');

  const { manifest, plan, set } = await makeImages(makeOptionsOf(settings, env));
  const sboms = sbomFormat ? await imageSboms(set, plan, settings.dist, sbomFormat as SbomFormat) : undefined;
  const lines: PublishedLine[] = [];
  const result: Record<string, unknown> = { schemaVersion: 1, index: set.index.descriptor.digest, images: set.images.map((i) => ({ target: i.target, platform: platformKey(i.platform), digest: i.manifest.descriptor.digest })), skipped: plan.skipped };
  const tag = settings.tag;

  const layout = settings.layout ?? (!settings.push && !settings.dockerTar ? join(settings.dist, 'image') : undefined);
  if (layout) {
    await writeLayout(layout, set, tag, sboms);
    for (const i of set.images) lines.push({ what: i.target, ref: `oci:${layout}:${tag}@${i.manifest.descriptor.digest}` });
    lines.push({ what: 'index', ref: `oci:${layout}:${tag}@${set.index.descriptor.digest}` });
    result.layout = layout;
  }
  if (settings.dockerTar) {
    const wanted = parseTarget(settings.platform ?? `linux/${hostGoarch()}`);
    const wantedPlatform = ociPlatformOf(wanted);
    const image = set.images.find((i) => i.target === wanted.id || (wantedPlatform && platformKey(i.platform) === platformKey(wantedPlatform)));
    if (!image) throw new GocrossError('usage', `Cannot write a docker tarball for ${wanted.id}: no image for that platform (have ${set.images.map((i) => platformKey(i.platform)).join(', ')}); choose one with --platform`);
    const repoTag = push ? `${formatReference({ ...push, tag: push.tag ?? tag })}` : `${plan.images[0]!.artifact.path.split('/').pop()?.replace(/[^a-z0-9._-]/g, '-') ?? 'app'}:${tag}`;
    await writeChunks(settings.dockerTar, await dockerArchive(image, repoTag, plan.mtime));
    lines.push({ what: `docker load (${image.target})`, ref: `${settings.dockerTar} ${repoTag}@${image.manifest.descriptor.digest}` });
    result.dockerTar = settings.dockerTar;
  }
  if (push) {
    const pushTag = push.tag ?? tag;
    const credentials = await findCredentials(push.registry, env);
    const client = new RegistryClient({ registry: push.registry, repository: push.repository, ...(credentials ? { credentials } : {}), ...(settings.insecure ? { insecure: true } : {}) });
    const pushed = await pushImageSet(client, set, { tag: pushTag, chunkSize, ...(sboms ? { sboms } : {}) });
    const name = `${push.registry}/${push.repository}`;
    for (const i of pushed.images) {
      lines.push({ what: i.target, ref: `${name}@${i.digest}` });
      for (const s of i.sboms) lines.push({ what: `${i.target} sbom`, ref: `${name}@${s}` });
    }
    lines.push({ what: `index (${pushTag})`, ref: `${name}@${pushed.indexDigest}` });
    result.push = { reference: `${name}:${pushTag}`, ...pushed };
  }
  const recorded = push ? `${push.registry}/${push.repository}:${push.tag ?? tag}` : layout ? `oci:${layout}:${tag}` : undefined;
  if (recorded) await recordImages(settings.dist, manifest, manifestImages(set, recorded, sboms));
  return { result, lines };
}
