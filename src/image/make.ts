/**
 * `gocross image`'s library entry: read dist/manifest.json and the host files a layer holds,
 * open the base image, plan and assemble. The outputs (layout, docker tarball, push) are separate.
 */
import { join } from 'node:path';
import { GocrossError } from '../core/errors.ts';
import { readManifest, type Manifest } from '../gobuild/manifest.ts';
import { registryBase } from '../registry/pull.ts';
import { assembleImages } from './assemble.ts';
import type { BaseSource } from './base-source.ts';
import type { ImageSet } from './image-set.ts';
import { readCaBundle, readExtraFile, readTzdata, type ExtraFileSpec } from './layer-inputs.ts';
import { NONROOT, type ImageUser } from './layer-files.ts';
import { layoutBase } from './layout-read.ts';
import { planImages, type ImagePlan } from './plan.ts';
import type { ImageSettings } from './settings.ts';

export interface MakeImagesOptions {
  distDir: string;
  targets?: readonly string[];
  /** `oci:DIR[:TAG]` or a registry reference; absent = scratch. */
  base?: string;
  /** Plain HTTP for the base image's registry. */
  insecure?: boolean;
  /** true = the host's bundle; a string = that file. */
  caCertificates?: boolean | string;
  tzdata?: boolean;
  /** Add /etc/passwd with nonroot (65532) and run as it (default true). */
  nonroot?: boolean;
  /** Who the image runs as, over `nonroot`: a user of one's own, or null for root without /etc/passwd. */
  user?: ImageUser | null;
  extraFiles?: readonly ExtraFileSpec[];
  env?: string[];
  source?: string;
  sourceDateEpoch?: string;
}

export interface MadeImages {
  manifest: Manifest;
  plan: ImagePlan;
  set: ImageSet;
}

/** What makeImages() needs from one run's settings: the same for publishing and for --check-reproducible. */
export function makeOptionsOf(settings: ImageSettings, env: NodeJS.ProcessEnv = process.env): MakeImagesOptions {
  return {
    distDir: settings.dist,
    ...(settings.targets ? { targets: settings.targets } : {}),
    ...(settings.base ? { base: settings.base } : {}),
    ...(settings.insecure ? { insecure: true } : {}),
    ...(settings.caCertificates ? { caCertificates: settings.caCertificates } : {}),
    ...(settings.tzdata ? { tzdata: true } : {}),
    user: settings.user,
    extraFiles: settings.extraFiles,
    env: settings.env,
    ...(settings.source ? { source: settings.source } : {}),
    ...(env.SOURCE_DATE_EPOCH !== undefined ? { sourceDateEpoch: env.SOURCE_DATE_EPOCH } : {}),
  };
}

export async function openBase(reference: string, insecure: boolean): Promise<BaseSource> {
  return reference.startsWith('oci:') ? layoutBase(reference.slice('oci:'.length)) : registryBase(reference, { insecure });
}

export async function makeImages(options: MakeImagesOptions): Promise<MadeImages> {
  const manifestPath = join(options.distDir, 'manifest.json');
  const manifest = await readManifest(manifestPath);
  if (!manifest) throw new GocrossError('input', `Cannot make images: ${manifestPath} is missing or not a gocross manifest`, { fix: "run 'gocross build' first (or point --dist at its output directory)" });
  const plan = planImages(manifest, {
    ...(options.targets ? { targets: options.targets } : {}),
    ...(options.sourceDateEpoch !== undefined ? { sourceDateEpoch: options.sourceDateEpoch } : {}),
    ...(options.source ? { source: options.source } : {}),
  });
  const base = options.base ? await openBase(options.base, options.insecure ?? false) : undefined;
  const set = await assembleImages(plan, {
    distDir: options.distDir,
    name: manifest.name,
    ...(base ? { base } : {}),
    ...(options.caCertificates ? { caCertificates: await readCaBundle(typeof options.caCertificates === 'string' ? options.caCertificates : undefined) } : {}),
    ...(options.tzdata ? { tzdata: await readTzdata() } : {}),
    ...(options.user !== undefined ? (options.user ? { user: options.user } : {}) : options.nonroot !== false ? { user: NONROOT } : {}),
    extraFiles: await Promise.all((options.extraFiles ?? []).map(readExtraFile)),
    env: options.env ?? [],
  });
  return { manifest, plan, set };
}
