/**
 * dist/manifest.json: what was built, with what, and what the reader saw in it. `buildManifest`
 * is pure; `publish.ts` decides what a run keeps from the previous manifest and writes it.
 */
import { readRegularFile } from '../util/regular-file.ts';
import type { ArtifactFacts, ArtifactResult } from './result.ts';
import type { Toolchain } from './types.ts';
import type { VcsInfo } from './plan.ts';

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
  /** The run that built this artifact (a later run that did not rebuild the target keeps it); null in manifests older than run marks. */
  runId: string | null;
  /** When that run started (RFC 3339), or null. */
  builtAt: string | null;
}

/** Which run this is: every artifact it builds carries these. */
export interface RunMark {
  runId: string;
  builtAt: string;
}

export interface Manifest {
  schemaVersion: number;
  name: string;
  toolchain: { version: string; path: string; goroot: string };
  vcs: VcsInfo;
  /** The run that wrote this manifest (artifacts it did not rebuild carry their own run's mark). */
  runId: string | null;
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

/**
 * The manifest of this run's results alone. `previous` (the entries of the last manifest, by
 * target) gives a reused artifact the mark of the run that built it.
 */
export function buildManifest(input: {
  name: string;
  toolchain: Toolchain;
  vcs: VcsInfo;
  results: readonly ArtifactResult[];
  interrupted: boolean;
  run: RunMark;
  previous?: ReadonlyMap<string, ManifestArtifact>;
}): Manifest {
  const markOf = (r: ArtifactResult): RunMark | { runId: string | null; builtAt: string | null } => {
    const before = r.reused ? input.previous?.get(r.target.id) : undefined;
    return before ? { runId: before.runId ?? null, builtAt: before.builtAt ?? null } : input.run;
  };
  return {
    schemaVersion: MANIFEST_SCHEMA_VERSION,
    name: input.name,
    toolchain: { version: input.toolchain.version, path: input.toolchain.path, goroot: input.toolchain.goroot },
    vcs: input.vcs,
    runId: input.run.runId,
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
        ...markOf(r),
      })),
    failures: input.results.filter((r) => r.status === 'failed').map((r) => ({ target: r.target.id, errorLines: r.errorLines })),
  };
}

/** The manifest in `path`, or null when there is none or it is not ours. */
export async function readManifest(path: string): Promise<Manifest | null> {
  try {
    const value = JSON.parse(await readRegularFile(path)) as Manifest;
    return typeof value === 'object' && value !== null && value.schemaVersion === MANIFEST_SCHEMA_VERSION && Array.isArray(value.artifacts) ? value : null;
  } catch {
    return null;
  }
}
