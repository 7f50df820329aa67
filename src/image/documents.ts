/**
 * The JSON documents of an image, built in a fixed key order (blob.ts jsonBytes): the image
 * configuration (image-spec config.md), the image manifest (manifest.md) and the image index
 * (image-index.md). Pure.
 */
import { jsonBlob, type Blob, type Descriptor, type Platform } from './blob.ts';
import { OCI_CONFIG, OCI_INDEX, OCI_MANIFEST } from './media-types.ts';

export const DEFAULT_PATH = 'PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

/** The parts of a base image's configuration an image inherits. */
export interface BaseConfig {
  env: string[];
  user?: string;
  workingDir?: string;
  diffIds: string[];
  history: unknown[];
  labels?: Record<string, string>;
}

export interface ConfigInput {
  platform: Platform;
  created: string;
  entrypoint: string[];
  cmd?: string[];
  user?: string;
  env: string[];
  workingDir?: string;
  labels: Record<string, string>;
  layerDiffId: string;
  layerComment: string;
  base?: BaseConfig;
}

/** Env entries by name, ours winning over the base's, in first-seen order. */
function mergeEnv(base: readonly string[], ours: readonly string[]): string[] {
  const byName = new Map<string, string>();
  for (const e of [...base, ...ours]) byName.set(e.split('=')[0]!, e);
  return [...byName.values()];
}

export function imageConfig(input: ConfigInput): Blob {
  const base = input.base;
  const env = mergeEnv(base?.env.length ? base.env : [DEFAULT_PATH], input.env);
  const user = input.user ?? base?.user;
  const workingDir = input.workingDir ?? base?.workingDir;
  const labels = { ...base?.labels, ...input.labels };
  const config: Record<string, unknown> = {};
  if (user) config.User = user;
  config.Env = env;
  config.Entrypoint = input.entrypoint;
  if (input.cmd) config.Cmd = input.cmd;
  if (workingDir) config.WorkingDir = workingDir;
  if (Object.keys(labels).length) config.Labels = labels;
  const doc: Record<string, unknown> = {
    created: input.created,
    architecture: input.platform.architecture,
    os: input.platform.os,
  };
  if (input.platform.variant) doc.variant = input.platform.variant;
  doc.config = config;
  doc.rootfs = { type: 'layers', diff_ids: [...(base?.diffIds ?? []), input.layerDiffId] };
  doc.history = [...(base?.history ?? []), { created: input.created, created_by: input.layerComment }];
  return jsonBlob(OCI_CONFIG, doc);
}

export function imageManifest(config: Descriptor, layers: readonly Descriptor[], annotations: Record<string, string>, subject?: Descriptor, artifactType?: string): Blob {
  const doc: Record<string, unknown> = { schemaVersion: 2, mediaType: OCI_MANIFEST };
  if (artifactType) doc.artifactType = artifactType;
  doc.config = plain(config);
  doc.layers = layers.map(plain);
  if (subject) doc.subject = plain(subject);
  if (Object.keys(annotations).length) doc.annotations = annotations;
  return jsonBlob(OCI_MANIFEST, doc);
}

export function imageIndex(manifests: readonly Descriptor[], annotations: Record<string, string>): Blob {
  const doc: Record<string, unknown> = { schemaVersion: 2, mediaType: OCI_INDEX, manifests: manifests.map(plain) };
  if (Object.keys(annotations).length) doc.annotations = annotations;
  return jsonBlob(OCI_INDEX, doc);
}

/** A descriptor with its fields in spec order and nothing undefined. */
export function plain(d: Descriptor): Descriptor {
  const out: Descriptor = { mediaType: d.mediaType, digest: d.digest, size: d.size };
  if (d.platform) out.platform = d.platform.variant ? { architecture: d.platform.architecture, os: d.platform.os, variant: d.platform.variant } : { architecture: d.platform.architecture, os: d.platform.os };
  if (d.artifactType) out.artifactType = d.artifactType;
  if (d.annotations && Object.keys(d.annotations).length) out.annotations = d.annotations;
  return out;
}
