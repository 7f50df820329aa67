/**
 * Publishing a build into the output folder. A run builds into a staging folder inside the output
 * folder (same filesystem, so every move is a rename) and publishes only what completed:
 *
 * 1. each completed artifact and its extra files, by rename, as soon as they are complete (a
 *    consumer such as verify uses them at once); when the manifest on disk lists an entry whose
 *    file is about to be replaced, a manifest and SHA256SUMS without that entry are written first;
 * 2. at the end, SHA256SUMS, then manifest.json, by rename: this run's entries plus the previous
 *    entries that stay (targets not rebuilt; none with --clean);
 * 3. then the files of dropped entries are removed (nothing lists them any more).
 *
 * So at every instant each file the manifest lists exists with its recorded SHA-256, and a target
 * this run did not rebuild keeps its artifact and its entry. `planPublish` decides the end state.
 */
import { mkdir, mkdtemp, readdir, rm, rmdir, stat } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { GocrossError } from '../core/errors.ts';
import { atomicWrite, publishFile, TEMP_MARK } from '../util/atomic-write.ts';
import { formatSha256Sums } from './checksums.ts';
import type { Manifest, ManifestArtifact } from './manifest.ts';

const STAGING_PREFIX = '.gocross-staging-';

export interface PublishPlan {
  /** This run's entries, then the previous entries that stay. */
  final: ManifestArtifact[];
  /** Files (relative to the output folder) of dropped entries that nothing new replaces. */
  remove: string[];
}

const pathsOf = (a: ManifestArtifact): string[] => [a.path, ...(a.extraFiles ?? []).map((f) => f.path)];

/**
 * What stays and what goes. `previous` are the last manifest's entries whose files still exist;
 * `current` this run's (built or reused); `clean` drops every previous entry this run did not produce.
 */
export function planPublish(input: { previous: readonly ManifestArtifact[]; current: readonly ManifestArtifact[]; clean: boolean }): PublishPlan {
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
  return { final, remove: [...new Set(dropped.flatMap(pathsOf))].filter((p) => !finalPaths.has(p)) };
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

/** A release being published: see the steps at the top of this file. */
export interface Release {
  /** Moves these staged files (relative paths) into the output folder. */
  publish(paths: readonly string[]): Promise<void>;
  /** Writes the index for this run's `manifest` merged with the previous one; returns what it wrote. */
  finish(manifest: Manifest, clean: boolean): Promise<Manifest>;
}

export async function openRelease(outputDir: string, stagingDir: string, previousManifest: Manifest | null): Promise<Release> {
  const inside = (p: string): boolean => resolve(outputDir, p).startsWith(`${outputDir}${sep}`);
  const exists = (p: string): Promise<boolean> => stat(p).then((s) => s.isFile(), () => false);
  // Entries of the previous manifest whose files are gone (or that point outside the folder) are not kept.
  const previous: ManifestArtifact[] = [];
  for (const a of previousManifest?.artifacts ?? []) {
    if (pathsOf(a).every(inside) && (await exists(join(outputDir, a.path)))) previous.push({ ...a, runId: a.runId ?? null, builtAt: a.builtAt ?? null });
  }
  let listed = previous;
  // Artifacts finish concurrently; their moves and index writes happen one at a time.
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(work: () => Promise<T>): Promise<T> => {
    const next = queue.then(work);
    queue = next.catch(() => {});
    return next;
  };
  return {
    publish: (paths) =>
      serial(async () => {
        const replaced = listed.filter((a) => pathsOf(a).some((p) => paths.includes(p)));
        if (replaced.length > 0 && previousManifest) {
          listed = listed.filter((a) => !replaced.includes(a));
          await writeIndex(outputDir, { ...previousManifest, artifacts: listed });
        }
        for (const p of paths) {
          const to = join(outputDir, p);
          await wrap(`move ${relative(process.cwd(), to)} into place`, async () => {
            await mkdir(dirname(to), { recursive: true });
            await publishFile(join(stagingDir, p), to);
          });
        }
      }),
    finish: (manifest, clean) =>
      serial(async () => {
        const plan = planPublish({ previous, current: manifest.artifacts, clean });
        const written = { ...manifest, artifacts: plan.final };
        await writeIndex(outputDir, written);
        for (const p of plan.remove) {
          await rm(join(outputDir, p), { force: true });
          await rmdir(dirname(join(outputDir, p))).catch(() => {}); // only when nothing else is there
        }
        return written;
      }),
  };
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
