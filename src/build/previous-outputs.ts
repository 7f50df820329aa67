/** Clearing what an earlier run left in the output folder, so dist/ only ever holds what the manifest lists. */
import { readdir, rm, rmdir } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import type { Manifest } from './manifest.ts';
import type { PlannedBuild } from './plan.ts';

/** Removes what the previous run listed, and anything stale in the folders this run will write. */
export async function removePreviousOutputs(outputDir: string, previous: Manifest | null, builds: readonly PlannedBuild[], keep: ReadonlySet<string>): Promise<void> {
  const listed = previous ? previous.artifacts.flatMap((a) => [a.path, ...(a.extraFiles ?? []).map((f) => f.path)]) : [];
  const planned = new Set(builds.map((b) => relative(outputDir, b.outPath)));
  for (const p of listed) {
    if (keep.has(p) || planned.has(p)) continue;
    const abs = resolve(outputDir, p);
    if (!abs.startsWith(`${outputDir}/`)) continue; // never outside the output folder
    await rm(abs, { force: true });
    await rmdir(resolve(abs, '..')).catch(() => {});
  }
  await rm(join(outputDir, 'manifest.json'), { force: true });
  await rm(join(outputDir, 'SHA256SUMS'), { force: true });
  for (const b of builds) {
    // A planned target's old artifact stays until its build starts (see buildOne); the sweep at
    // the end removes it if the target is not built this time.
    const entries = await readdir(b.outDir).catch(() => [] as string[]);
    for (const e of entries) if (e.includes('.gocross-tmp-')) await rm(join(b.outDir, e), { force: true });
  }
}
