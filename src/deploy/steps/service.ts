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

/** After a first deploy is taken back there is nothing to run: stop the service and keep it from starting at boot. */
export async function disableService(remote: Remote, layout: RemoteLayout, options: { timeoutMs: number; signal?: AbortSignal }): Promise<void> {
  await remote.run(['systemctl', 'disable', '--now', layout.unitName], options);
}
