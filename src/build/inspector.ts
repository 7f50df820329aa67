/** The binary reader's facts for the manifest, loaded only when an artifact is built. */
import type { BuildEvent } from './events.ts';
import type { ArtifactFacts } from './result.ts';

/** The binary reader, loaded lazily; when it is unavailable the manifest carries no facts. */
export async function loadInspector(emit: (e: BuildEvent) => void): Promise<((path: string) => Promise<ArtifactFacts>) | null> {
  try {
    const { inspectFile } = await import('../binary/inspect.ts');
    return async (path) => {
      const info = await inspectFile(path);
      return {
        format: info.format, goos: info.goos, goarch: info.goarch, linkage: info.linkage, interpreter: info.interpreter,
        requiredGlibc: info.requiredGlibc, needed: info.needed, pie: info.pie, stripped: info.stripped, goVersion: info.go?.version ?? null,
      };
    };
  } catch (error) {
    emit({ type: 'warning', message: `Cannot load the binary reader, the manifest has no linkage facts: ${(error as Error).message}` });
    return null;
  }
}
