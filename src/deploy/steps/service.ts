/** The service itself: restart it, and read its journal when a gate failed. */
import type { Remote } from '../model.ts';
import type { RemoteLayout } from './layout.ts';

export async function restartService(remote: Remote, layout: RemoteLayout, options: { timeoutMs: number; signal?: AbortSignal }): Promise<void> {
  await remote.run(['systemctl', 'restart', layout.unitName], options);
}

/** The last 200 lines of the unit's journal (kept in the report of a failed release). */
export async function collectJournal(remote: Remote, layout: RemoteLayout, options: { timeoutMs: number; signal?: AbortSignal }): Promise<string> {
  const r = await remote.exec(['journalctl', '-u', layout.unitName, '-n', '200', '--no-pager', '-o', 'short-iso'], options);
  const out = r.stdout.toString('utf8');
  return r.code === 0 ? out : `${out}${r.stderr.toString('utf8')}`;
}

/**
 * After a first deploy is taken back there is nothing to run: stop the service, keep it from
 * starting at boot, and remove `current`, so the device is as it was (the release file stays,
 * like any other release). $1 unit name, $2 the `current` symlink.
 */
const RETIRE_SCRIPT = 'systemctl disable --now "$1" && rm -f "$2"';

export async function disableService(remote: Remote, layout: RemoteLayout, options: { timeoutMs: number; signal?: AbortSignal }): Promise<void> {
  await remote.run(['sh', '-c', RETIRE_SCRIPT, 'sh', layout.unitName, layout.current], options);
}
