/**
 * Pruning keeps `keep` releases per device. Which ones go is decided by a pure function over the
 * listing (newest first, by modification time, i.e. by when they were uploaded); the current and
 * the previous release always stay, whatever their age, so a rollback is always possible.
 */
import type { Remote } from '../model.ts';
import { isReleaseId, releasePath, type RemoteLayout } from './layout.ts';

export function choosePrune(newestFirst: readonly string[], keep: number, current: string | null, previous: string | null): string[] {
  const pinned = new Set([current, previous].filter((x): x is string => x !== null));
  const room = Math.max(0, keep - [...pinned].filter((id) => newestFirst.includes(id)).length);
  const others = newestFirst.filter((id) => !pinned.has(id));
  return others.slice(room);
}

/** Release ids on the device, newest first (`ls -t`: GNU and BusyBox alike); unfinished uploads and foreign files excluded. */
export async function listReleaseIds(remote: Remote, layout: RemoteLayout, options: { timeoutMs: number; signal?: AbortSignal }): Promise<string[]> {
  const r = await remote.exec(['ls', '-1t', layout.releasesDir], options);
  if (r.code !== 0) return [];
  return r.stdout
    .toString('utf8')
    .split('\n')
    .map((l) => l.trim())
    .filter(isReleaseId);
}

export async function pruneReleases(
  remote: Remote,
  layout: RemoteLayout,
  args: { keep: number; current: string | null; previous: string | null },
  options: { timeoutMs: number; signal?: AbortSignal },
): Promise<{ removed: string[]; kept: string[] }> {
  const ids = await listReleaseIds(remote, layout, options);
  const removed = choosePrune(ids, args.keep, args.current, args.previous);
  if (removed.length) await remote.run(['rm', '-f', '--', ...removed.map((id) => releasePath(layout, id))], options);
  return { removed, kept: ids.filter((id) => !removed.includes(id)) };
}
