/**
 * Which images to make from a build manifest: one per linux artifact, with its OCI platform from
 * the platform table, its creation time from the commit (or SOURCE_DATE_EPOCH) and the OCI
 * annotations. Pure: takes the manifest and options, decides, throws typed errors.
 */
import { GocrossError } from '../core/errors.ts';
import type { Manifest, ManifestArtifact } from '../gobuild/manifest.ts';
import { ociPlatformOf } from '../platform/lookup.ts';
import type { Platform } from './blob.ts';

export interface PlannedImage {
  /** The build target id, e.g. "linux/arm/7". */
  target: string;
  platform: Platform;
  artifact: ManifestArtifact;
}

export interface ImagePlan {
  images: PlannedImage[];
  /** Artifacts left out because no container runs them (windows, darwin …), by target id. */
  skipped: string[];
  created: string;
  /** Seconds since the epoch: every file's mtime in the layer. */
  mtime: number;
  annotations: Record<string, string>;
}

export interface PlanOptions {
  /** Only these target ids (default: every linux artifact). */
  targets?: readonly string[];
  /** SOURCE_DATE_EPOCH (seconds), which wins over the commit time. */
  sourceDateEpoch?: string;
  /** Repository URL recorded as org.opencontainers.image.source. */
  source?: string;
}

export function platformKey(p: Platform): string {
  return p.variant ? `${p.os}/${p.architecture}/${p.variant}` : `${p.os}/${p.architecture}`;
}

function creationTime(manifest: Manifest, sourceDateEpoch: string | undefined): { created: string; mtime: number } {
  if (sourceDateEpoch !== undefined && sourceDateEpoch !== '') {
    if (!/^\d+$/.test(sourceDateEpoch)) throw new GocrossError('usage', `Cannot date the image: SOURCE_DATE_EPOCH=${JSON.stringify(sourceDateEpoch)} is not a number of seconds`, { fix: 'set it to a Unix time, e.g. $(git log -1 --format=%ct)' });
    const mtime = Number(sourceDateEpoch);
    return { created: new Date(mtime * 1000).toISOString().replace('.000Z', 'Z'), mtime };
  }
  const ms = Date.parse(manifest.vcs.date);
  const mtime = Number.isNaN(ms) ? 0 : Math.floor(ms / 1000);
  return { created: new Date(mtime * 1000).toISOString().replace('.000Z', 'Z'), mtime };
}

export function planImages(manifest: Manifest, options: PlanOptions = {}): ImagePlan {
  const wanted = options.targets;
  if (wanted) {
    for (const id of wanted) {
      const artifact = manifest.artifacts.find((a) => a.target === id);
      if (!artifact) throw new GocrossError('usage', `Cannot make an image for ${id}: dist/manifest.json has no artifact for it (built: ${manifest.artifacts.map((a) => a.target).join(', ') || 'none'})`, { fix: `run 'gocross build -t ${id}' first` });
      if (artifact.goos !== 'linux') throw new GocrossError('usage', `Cannot make an image for ${id}: container images run linux binaries only`, { fix: 'leave non-linux targets out of --target' });
    }
  }
  const chosen = manifest.artifacts.filter((a) => (wanted ? wanted.includes(a.target) : true));
  const skipped = chosen.filter((a) => a.goos !== 'linux').map((a) => a.target);
  const images: PlannedImage[] = [];
  const seen = new Map<string, string>();
  for (const artifact of chosen.filter((a) => a.goos === 'linux')) {
    const target = { goos: artifact.goos, goarch: artifact.goarch, ...(artifact.variant ? { variant: artifact.variant } : {}) };
    const platform = ociPlatformOf(target);
    if (!platform) throw new GocrossError('usage', `Cannot make an image for ${artifact.target}: the OCI image spec names no platform for GOARCH ${artifact.goarch}`, { fix: 'leave this target out of --target' });
    const key = platformKey(platform);
    const other = seen.get(key);
    if (other) throw new GocrossError('usage', `Cannot make one image index from ${other} and ${artifact.target}: both are OCI platform ${key}`, { fix: `pick one of them with --target` });
    seen.set(key, artifact.target);
    images.push({ target: artifact.target, platform, artifact });
  }
  if (images.length === 0) throw new GocrossError('usage', `Cannot make an image: dist/manifest.json has no linux artifact${skipped.length ? ` (only ${skipped.join(', ')})` : ''}`, { fix: "build linux targets first, e.g. 'gocross build -t linux/amd64,linux/arm64'" });
  const { created, mtime } = creationTime(manifest, options.sourceDateEpoch);
  const annotations: Record<string, string> = { 'org.opencontainers.image.created': created };
  if (manifest.vcs.commit && manifest.vcs.commit !== 'none') annotations['org.opencontainers.image.revision'] = manifest.vcs.commit;
  if (manifest.vcs.version) annotations['org.opencontainers.image.version'] = manifest.vcs.version;
  if (options.source) annotations['org.opencontainers.image.source'] = options.source;
  return { images, skipped, created, mtime, annotations };
}
