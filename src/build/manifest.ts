/**
 * dist/manifest.json: what was built, with what, and what the reader saw in it. `buildManifest`
 * is pure; `writeAtomic` puts a file in place only once it is complete.
 */
import { randomBytes } from 'node:crypto';
import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import type { ArtifactFacts, ArtifactResult } from './result.ts';
import type { Toolchain } from './types.ts';
import type { VcsInfo } from './plan.ts';
import { describeIoError } from '../core/errors.ts';

export const MANIFEST_SCHEMA_VERSION = 1;

export interface ManifestArtifact {
  target: string;
  goos: string;
  goarch: string;
  variant: { name: string; value: string } | null;
  /** Relative to the output directory. */
  path: string;
  size: number;
  sha256: string;
  durationMs: number;
  env: Record<string, string>;
  flags: string[];
  cc: string | null;
  facts: ArtifactFacts | null;
  /** Fingerprint of the inputs (sources, toolchain, flags, env); equal keys let a rebuild keep the artifact. Null for cgo builds. */
  inputKey: string | null;
  /** Files a post-step wrote beside the artifact (e.g. an SBOM), relative to the output directory. */
  extraFiles: Array<{ path: string; sha256: string; size: number; kind: string }>;
}

export interface Manifest {
  schemaVersion: number;
  name: string;
  toolchain: { version: string; path: string; goroot: string };
  vcs: VcsInfo;
  /** True when the run was interrupted: the artifacts listed are complete, the others were not built. */
  interrupted: boolean;
  artifacts: ManifestArtifact[];
  failures: Array<{ target: string; errorLines: string[] }>;
  /** Written by `gocross image`: the index and per-platform digests a Deployment must pin. */
  images?: ManifestImages;
}

export interface ManifestImages {
  /** Where the index was last written: `host/repo:tag` or `oci:DIR:TAG`. */
  reference: string;
  index: string;
  platforms: Array<{ target: string; platform: string; digest: string; sbom: string | null }>;
}

export function buildManifest(input: { name: string; toolchain: Toolchain; vcs: VcsInfo; results: readonly ArtifactResult[]; interrupted: boolean }): Manifest {
  return {
    schemaVersion: MANIFEST_SCHEMA_VERSION,
    name: input.name,
    toolchain: { version: input.toolchain.version, path: input.toolchain.path, goroot: input.toolchain.goroot },
    vcs: input.vcs,
    interrupted: input.interrupted,
    artifacts: input.results
      .filter((r) => r.ok && r.relativePath !== null && r.sha256 !== null)
      .map((r) => ({
        target: r.target.id,
        goos: r.target.goos,
        goarch: r.target.goarch,
        variant: r.target.variant ? { ...r.target.variant } : null,
        path: r.relativePath as string,
        size: r.size,
        sha256: r.sha256 as string,
        durationMs: r.durationMs,
        env: r.env,
        flags: r.flags,
        cc: r.cc,
        facts: r.facts,
        inputKey: r.inputKey,
        extraFiles: r.extraFiles,
      })),
    failures: input.results.filter((r) => r.status === 'failed').map((r) => ({ target: r.target.id, errorLines: r.errorLines })),
  };
}

/** Writes `path` through a temp file beside it and a rename, so readers never see half a file. */
export async function writeAtomic(path: string, content: string): Promise<void> {
  const tmp = `${path}.gocross-tmp-${process.pid}-${randomBytes(4).toString('hex')}`;
  try {
    await writeFile(tmp, content);
    await rename(tmp, path);
  } catch (error) {
    throw describeIoError(error, path, 'write');
  } finally {
    await rm(tmp, { force: true });
  }
}

/** The manifest in `path`, or null when there is none or it is not ours. */
export async function readManifest(path: string): Promise<Manifest | null> {
  try {
    const value = JSON.parse(await readFile(path, 'utf8')) as Manifest;
    return typeof value === 'object' && value !== null && value.schemaVersion === MANIFEST_SCHEMA_VERSION && Array.isArray(value.artifacts) ? value : null;
  } catch {
    return null;
  }
}
