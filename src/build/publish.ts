/**
 * Publishing a build into the output folder. A run builds into a staging folder inside the output
 * folder (same filesystem, so every move is a rename) and publishes only what completed:
 *
 * 1. when the previous manifest lists files this run replaces or removes, an interim manifest and
 *    SHA256SUMS that list only the untouched entries;
 * 2. the new artifacts and their extra files, each by rename;
 * 3. removal of the files of entries that are dropped (superseded, or all others with --clean);
 * 4. SHA256SUMS, then manifest.json, by rename.
 *
 * So at every instant each artifact the manifest lists exists with its recorded SHA-256, and a
 * target this run did not rebuild keeps its artifact and its entry. `planPublish` decides; the
 * rest only carries out its answer.
 */
import { mkdir, mkdtemp, readdir, rm, rmdir, stat } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { GocrossError } from '../core/errors.ts';
import { atomicWrite, publishFile, TEMP_MARK } from '../util/atomic-write.ts';
import { formatSha256Sums } from './checksums.ts';
import type { Manifest, ManifestArtifact } from './manifest.ts';

const STAGING_PREFIX = '.gocross-staging-';

export interface PublishPlan {
  /** The entries to list before anything moves (null when the previous manifest can stay as it is). */
  interim: ManifestArtifact[] | null;
  /** This run's entries, then the previous entries that stay. */
  final: ManifestArtifact[];
  /** Files (relative to the output folder) of dropped entries that nothing new replaces. */
  remove: string[];
}

const pathsOf = (a: ManifestArtifact): string[] => [a.path, ...(a.extraFiles ?? []).map((f) => f.path)];

/**
 * What stays, what goes and what is listed meanwhile. `previous` are the last manifest's entries
 * whose files still exist; `current` this run's (built or reused); `staged` the paths this run
 * moves into place; `clean` drops every previous entry this run did not produce.
 */
export function planPublish(input: { previous: readonly ManifestArtifact[]; current: readonly ManifestArtifact[]; staged: ReadonlySet<string>; clean: boolean }): PublishPlan {
  const currentTargets = new Set(input.current.map((a) => a.target));
  const currentPaths = new Set(input.current.flatMap(pathsOf));
  const kept: ManifestArtifact[] = [];
  const dropped: ManifestArtifact[] = [];
  for (const a of input.previous) {
    const superseded = input.clean || currentTargets.has(a.target) || pathsOf(a).some((p) => currentPaths.has(p));
    (superseded ? dropped : kept).push(a);
  }
  const final = [...input.current, ...kept];
  const finalPaths = new Set(final.flatMap(pathsOf));
  const remove = [...new Set(dropped.flatMap(pathsOf))].filter((p) => !finalPaths.has(p));
  const touched = new Set([...input.staged, ...remove]);
  const untouched = input.previous.filter((a) => !pathsOf(a).some((p) => touched.has(p)));
  return { interim: untouched.length === input.previous.length ? null : untouched, final, remove };
}

/**
 * A fresh staging folder inside `outputDir` (created if needed). Staging folders left by runs
 * that were killed (their process is gone) are removed first.
 */
export async function createStaging(outputDir: string): Promise<string> {
  await mkdir(outputDir, { recursive: true });
  for (const entry of await readdir(outputDir).catch(() => [] as string[])) {
    const pid = entry.startsWith(STAGING_PREFIX) ? Number(entry.slice(STAGING_PREFIX.length).split('-')[0]) : NaN;
    if (Number.isInteger(pid) && pid !== process.pid && !alive(pid)) await rm(join(outputDir, entry), { recursive: true, force: true });
  }
  return mkdtemp(join(outputDir, `${STAGING_PREFIX}${process.pid}-`));
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Temp files an older gocross left in the folders this run writes. */
export async function removeLeftovers(dirs: readonly string[]): Promise<void> {
  for (const dir of dirs) {
    for (const e of await readdir(dir).catch(() => [] as string[])) if (e.includes(TEMP_MARK)) await rm(join(dir, e), { force: true });
  }
}

/**
 * Publishes `manifest` (this run's entries, paths relative to both folders) from `stagingDir` into
 * `outputDir`, merged with `previous`. Returns the manifest written.
 */
export async function publishRelease(input: { outputDir: string; stagingDir: string; previous: Manifest | null; manifest: Manifest; clean: boolean }): Promise<Manifest> {
  const { outputDir, stagingDir } = input;
  const inside = (p: string): boolean => resolve(outputDir, p).startsWith(`${outputDir}${sep}`);
  const exists = (p: string): Promise<boolean> => stat(p).then((s) => s.isFile(), () => false);

  const staged = new Set<string>();
  for (const a of input.manifest.artifacts) for (const p of pathsOf(a)) if (await exists(join(stagingDir, p))) staged.add(p);
  // Entries of the previous manifest whose files are gone (or that point outside the folder) are not kept.
  const previous: ManifestArtifact[] = [];
  for (const a of input.previous?.artifacts ?? []) {
    if (pathsOf(a).every(inside) && (await exists(join(outputDir, a.path)))) previous.push({ ...a, runId: a.runId ?? null, builtAt: a.builtAt ?? null });
  }
  const plan = planPublish({ previous, current: input.manifest.artifacts, staged, clean: input.clean });

  if (plan.interim && input.previous) await writeIndex(outputDir, { ...input.previous, artifacts: plan.interim });
  for (const p of staged) {
    const to = join(outputDir, p);
    await wrap(`move ${relative(process.cwd(), to)} into place`, async () => {
      await mkdir(dirname(to), { recursive: true });
      await publishFile(join(stagingDir, p), to);
    });
  }
  for (const p of plan.remove) {
    await rm(join(outputDir, p), { force: true });
    await rmdir(dirname(join(outputDir, p))).catch(() => {}); // only when nothing else is there
  }
  const manifest = { ...input.manifest, artifacts: plan.final };
  await writeIndex(outputDir, manifest);
  return manifest;
}

/** SHA256SUMS, then manifest.json: the manifest is the index, so it goes last. */
async function writeIndex(outputDir: string, manifest: Manifest): Promise<void> {
  const sums = formatSha256Sums(manifest.artifacts.flatMap((a) => [{ path: a.path, sha256: a.sha256 }, ...(a.extraFiles ?? [])]));
  const checksumsPath = join(outputDir, 'SHA256SUMS');
  const manifestPath = join(outputDir, 'manifest.json');
  await wrap(`write ${relative(process.cwd(), checksumsPath)}`, () => atomicWrite(checksumsPath, sums));
  await wrap(`write ${relative(process.cwd(), manifestPath)}`, () => atomicWrite(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`));
}

async function wrap(action: string, work: () => Promise<void>): Promise<void> {
  try {
    await work();
  } catch (error) {
    throw new GocrossError('failure', `Cannot ${action}: ${(error as Error).message}`, { cause: error });
  }
}
