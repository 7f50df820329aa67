/**
 * What a deploy ships: the release recorded in dist/manifest.json. The decisions (is this manifest
 * usable for this service, what is each artifact's release id) are pure; `loadRelease` reads the
 * manifest and re-hashes the artifacts a run may ship, so a file changed since the build is never
 * sent to a device.
 */
import { existsSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { GocrossError } from '../../core/errors.ts';
import { readManifest, type Manifest, type ManifestArtifact } from '../../gobuild/manifest.ts';
import { sha256File } from '../../util/sha256.ts';
import type { DeployService, ReleaseArtifact } from '../model.ts';

const BUILD_FIX = "run 'gocross build' to produce a complete dist/manifest.json";

/** A version as a file name on the device: `[A-Za-z0-9._+-]`, anything else becomes `_`. */
export function fileSafeVersion(version: string): string {
  const safe = version.replace(/[^A-Za-z0-9._+-]/g, '_');
  // `.` and `..` are not names; a leading `-` would read as an option to the device's tools.
  return safe === '' || safe === '.' || safe === '..' || safe.startsWith('-') ? `_${safe}` : safe;
}

/** `<version>-<sha12>`: the artifact's file name under `<baseDir>/releases/`. */
export function releaseIdOf(version: string, sha256: string): string {
  return `${fileSafeVersion(version)}-${sha256.slice(0, 12)}`;
}

/** The manifest entry a run ships for `target`, as a ReleaseArtifact (path resolved against distDir). */
export function releaseArtifactOf(artifact: ManifestArtifact, distDir: string, version: string): ReleaseArtifact {
  return {
    target: artifact.target,
    file: isAbsolute(artifact.path) ? artifact.path : resolve(distDir, artifact.path),
    sha256: artifact.sha256,
    size: artifact.size,
    version,
    id: releaseIdOf(version, artifact.sha256),
  };
}

/**
 * The artifacts a deploy of `service` may ship: its one target, or with `auto` every linux
 * artifact (the device decides). Throws when the manifest cannot be trusted for them: written by an
 * interrupted build, a needed target failed or is missing.
 */
export function shippableArtifacts(manifest: Manifest, service: Pick<DeployService, 'target'>): ManifestArtifact[] {
  if (manifest.interrupted) {
    throw new GocrossError('input', 'Cannot deploy: dist/manifest.json was written by an interrupted build, so some artifacts are missing', { fix: BUILD_FIX });
  }
  const auto = service.target === 'auto';
  const failed = manifest.failures.filter((f) => auto ? f.target.startsWith('linux/') : f.target === service.target).map((f) => f.target);
  if (failed.length > 0) {
    throw new GocrossError('input', `Cannot deploy: the build of ${failed.join(', ')} failed (dist/manifest.json lists ${failed.length === 1 ? 'it' : 'them'} under failures)`, { fix: BUILD_FIX });
  }
  const chosen = manifest.artifacts.filter((a) => (auto ? a.goos === 'linux' : a.target === service.target));
  if (chosen.length === 0) {
    const built = manifest.artifacts.map((a) => a.target).join(', ') || 'nothing';
    const wanted = auto ? 'linux artifact' : `artifact for ${service.target}`;
    throw new GocrossError('input', `Cannot deploy: dist/manifest.json has no ${wanted} (it holds ${built})`, {
      fix: auto ? "add linux targets to the config's targets and run 'gocross build'" : `run 'gocross build -t ${service.target}'`,
    });
  }
  return chosen;
}

/** The version a run deploys: --release-version, else the manifest's `vcs.version`. */
export function releaseVersionOf(manifest: Manifest, override: string | null): string {
  const version = override ?? manifest.vcs?.version ?? '';
  if (version.trim() === '') {
    throw new GocrossError('input', 'Cannot deploy: dist/manifest.json names no version (vcs.version is empty)', { fix: 'pass --release-version VERSION' });
  }
  return version;
}

export interface LoadedRelease {
  manifest: Manifest;
  version: string;
  /** The artifacts this run may ship, checked against the manifest's SHA-256, by target id. */
  artifacts: ReleaseArtifact[];
}

/**
 * Reads `<distDir>/manifest.json`, decides what may ship and re-hashes each of those artifacts.
 * An artifact whose bytes no longer match the manifest is refused (rebuilt or edited since).
 */
export async function loadRelease(distDir: string, service: Pick<DeployService, 'target'>, versionOverride: string | null = null): Promise<LoadedRelease> {
  const path = join(distDir, 'manifest.json');
  if (!existsSync(path)) throw new GocrossError('input', `Cannot deploy: ${path} does not exist`, { fix: BUILD_FIX });
  const manifest = await readManifest(path);
  if (!manifest) throw new GocrossError('input', `Cannot deploy: ${path} is not a gocross build manifest (or is from another schema version)`, { fix: BUILD_FIX });
  const version = releaseVersionOf(manifest, versionOverride);
  const artifacts = shippableArtifacts(manifest, service).map((a) => releaseArtifactOf(a, distDir, version));
  for (const artifact of artifacts) await checkArtifact(artifact);
  return { manifest, version, artifacts };
}

/** Throws unless the file's SHA-256 is the one the manifest recorded. */
export async function checkArtifact(artifact: ReleaseArtifact): Promise<void> {
  let actual: string;
  try {
    actual = await sha256File(artifact.file);
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'the file is missing' : (error as Error).message;
    throw new GocrossError('input', `Cannot deploy ${artifact.target}: ${artifact.file}: ${reason}`, { fix: BUILD_FIX, cause: error });
  }
  if (actual !== artifact.sha256) {
    throw new GocrossError('input', `Cannot deploy ${artifact.target}: ${artifact.file} has SHA-256 ${actual.slice(0, 12)}…, the manifest says ${artifact.sha256.slice(0, 12)}… (changed since the build)`, {
      fix: BUILD_FIX,
    });
  }
}
