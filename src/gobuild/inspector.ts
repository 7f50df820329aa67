/** The binary reader's facts for the manifest, loaded only when an artifact is built. */
import type { ArtifactFacts } from './result.ts';

export async function artifactFacts(path: string): Promise<ArtifactFacts> {
  // Imported on first use: a run that builds nothing never loads the readers.
  const { inspectFile } = await import('../binary/inspect.ts');
  const info = await inspectFile(path);
  return {
    format: info.format, goos: info.goos, goarch: info.goarch, linkage: info.linkage, interpreter: info.interpreter,
    requiredGlibc: info.requiredGlibc, needed: info.needed, pie: info.pie, stripped: info.stripped, goVersion: info.go?.version ?? null,
  };
}
