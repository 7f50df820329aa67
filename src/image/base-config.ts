/**
 * Reading a base image's documents: pick the platform from an index, and take from its config
 * what an image inherits. Pure; the bytes come from base-layout.ts or registry/pull.ts.
 */
import { GocrossError } from '../core/errors.ts';
import type { Descriptor, Platform } from './blob.ts';
import type { BaseConfig } from './documents.ts';
import { platformKey } from './plan.ts';
import { DOCKER_LAYER_GZIP, OCI_LAYER_GZIP } from './media-types.ts';

type Json = Record<string, unknown>;
const obj = (v: unknown): Json => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : {});
const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

/** arm64 images often omit the variant; v8 is what containerd assumes then. */
function variantMatches(want: Platform, have: Platform): boolean {
  if (want.variant === have.variant) return true;
  return want.architecture === 'arm64' && (have.variant ?? 'v8') === (want.variant ?? 'v8');
}

/** Is `have` the platform `want` asks for (os, architecture, and variant as containerd matches it)? */
export function platformMatches(want: Platform, have: Platform): boolean {
  return have.os === want.os && have.architecture === want.architecture && variantMatches(want, have);
}

/** The manifest descriptor for `platform` in a base image index, or a clear error naming what it has. */
export function selectPlatform(baseName: string, manifests: readonly Descriptor[], platform: Platform): Descriptor {
  const found = manifests.find((m) => m.platform && platformMatches(platform, m.platform));
  if (found) return found;
  const has = manifests.flatMap((m) => (m.platform ? [platformKey(m.platform)] : []));
  throw new GocrossError('input', `Cannot use base image ${baseName} for ${platformKey(platform)}: it has no such platform (it has ${has.join(', ') || 'none listed'})`, {
    fix: `choose a base image published for ${platformKey(platform)}, or leave that target out with --target`,
  });
}

export function descriptorsOf(doc: unknown, field: 'manifests' | 'layers'): Descriptor[] {
  const list = obj(doc)[field];
  if (!Array.isArray(list)) return [];
  return list.map(obj).map((d) => {
    const out: Descriptor = { mediaType: String(d.mediaType ?? ''), digest: String(d.digest ?? ''), size: Number(d.size ?? 0) };
    const p = obj(d.platform);
    if (typeof p.os === 'string' && typeof p.architecture === 'string') out.platform = typeof p.variant === 'string' ? { os: p.os, architecture: p.architecture, variant: p.variant } : { os: p.os, architecture: p.architecture };
    return out;
  });
}

/** Docker's gzip layer type names the same bytes as OCI's: the OCI manifest uses OCI's name. */
export function ociLayer(d: Descriptor): Descriptor {
  return d.mediaType === DOCKER_LAYER_GZIP ? { ...d, mediaType: OCI_LAYER_GZIP } : d;
}

export function baseConfigOf(configDoc: unknown): BaseConfig {
  const doc = obj(configDoc);
  const config = obj(doc.config);
  const labels = obj(config.Labels);
  const out: BaseConfig = {
    env: strings(config.Env),
    diffIds: strings(obj(doc.rootfs).diff_ids),
    history: Array.isArray(doc.history) ? doc.history : [],
  };
  if (typeof config.User === 'string' && config.User) out.user = config.User;
  if (typeof config.WorkingDir === 'string' && config.WorkingDir) out.workingDir = config.WorkingDir;
  if (Object.keys(labels).length) out.labels = Object.fromEntries(Object.entries(labels).map(([k, v]) => [k, String(v)]));
  return out;
}
