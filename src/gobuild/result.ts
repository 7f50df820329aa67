/** The outcome of one target of a build matrix, and of the whole matrix. */
import type { Linkage } from '../binary/types.ts';
import type { VcsInfo } from './plan.ts';
import type { Target } from '../platform/target.ts';
import type { Toolchain } from './types.ts';

/** What the reader (src/binary) saw in an artifact; null fields mean "not applicable". */
export interface ArtifactFacts {
  format: string;
  goos: string | null;
  goarch: string | null;
  linkage: Linkage;
  interpreter: string | null;
  requiredGlibc: string | null;
  needed: string[];
  pie: boolean;
  stripped: boolean;
  goVersion: string | null;
}

export interface ArtifactResult {
  target: Target;
  ok: boolean;
  status: 'done' | 'failed' | 'cancelled';
  /** Absolute path of the artifact (null unless ok). */
  artifactPath: string | null;
  /** Path relative to the output directory. */
  relativePath: string | null;
  size: number;
  sha256: string | null;
  durationMs: number;
  env: Record<string, string>;
  flags: string[];
  cc: string | null;
  /** The compiler's own error lines (or gocross's reason) when the target failed. */
  errorLines: string[];
  facts: ArtifactFacts | null;
  /** See ManifestArtifact.inputKey. */
  inputKey: string | null;
  /** True when the artifact of the previous run was kept because nothing changed. */
  reused: boolean;
  extraFiles: Array<{ path: string; sha256: string; size: number; kind: string }>;
}

export interface BuildResult {
  ok: boolean;
  cancelled: boolean;
  toolchain: Toolchain;
  name: string;
  vcs: VcsInfo;
  outputDir: string;
  manifestPath: string | null;
  checksumsPath: string | null;
  results: ArtifactResult[];
  durationMs: number;
}
