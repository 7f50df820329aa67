/**
 * The device's own record of switches, `<baseDir>/deploy.log`: one JSON object per line, appended
 * by the controller (deploy, rollback, commit) and by the revert timer (revert). `releases` reads
 * it to say when each release was switched to and by whom. Parsing is tolerant: a line that is
 * not an entry (a torn write, an edit by hand) is skipped, never fatal.
 */
import type { Remote } from '../model.ts';
import type { RemoteLayout } from './layout.ts';

export type DeployLogAction = 'deploy' | 'rollback' | 'revert' | 'commit';

export interface DeployLogEntry {
  at: string;
  by: string;
  action: DeployLogAction;
  from: string | null;
  to: string | null;
}

const ACTIONS: readonly string[] = ['deploy', 'rollback', 'revert', 'commit'];

export function formatLogLine(entry: DeployLogEntry): string {
  return JSON.stringify({ at: entry.at, by: entry.by, action: entry.action, from: entry.from, to: entry.to });
}

export function parseDeployLog(text: string): DeployLogEntry[] {
  const entries: DeployLogEntry[] = [];
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    let v: unknown;
    try {
      v = JSON.parse(line);
    } catch {
      continue;
    }
    if (typeof v !== 'object' || v === null) continue;
    const o = v as Record<string, unknown>;
    const idOrNull = (x: unknown): string | null => (typeof x === 'string' && x !== '' ? x : null);
    if (typeof o.at !== 'string' || typeof o.action !== 'string' || !ACTIONS.includes(o.action)) continue;
    entries.push({ at: o.at, by: typeof o.by === 'string' ? o.by : '', action: o.action as DeployLogAction, from: idOrNull(o.from), to: idOrNull(o.to) });
  }
  return entries;
}

/** The last switch (deploy, rollback or revert) that made `id` current, if the log has one. */
export function lastSwitchTo(entries: readonly DeployLogEntry[], id: string): DeployLogEntry | null {
  for (let i = entries.length - 1; i >= 0; i--) {
    const e = entries[i] as DeployLogEntry;
    if (e.action !== 'commit' && e.to === id) return e;
  }
  return null;
}

/** The release that was current before `current`, by the log: the `from` of the last switch to it. */
export function previousOf(entries: readonly DeployLogEntry[], current: string): string | null {
  const last = lastSwitchTo(entries, current);
  return last?.from && last.from !== current ? last.from : null;
}

// $1 log file, $2 the line (built by the controller with JSON.stringify: the device never formats user data).
const APPEND_SCRIPT = 'printf "%s\\n" "$2" >> "$1"';

export async function appendDeployLog(remote: Remote, layout: RemoteLayout, entry: DeployLogEntry, options: { timeoutMs: number; signal?: AbortSignal }): Promise<void> {
  await remote.run(['sh', '-c', APPEND_SCRIPT, 'sh', layout.deployLog, formatLogLine(entry)], options);
}

export async function readDeployLog(remote: Remote, layout: RemoteLayout, options: { timeoutMs: number; signal?: AbortSignal }): Promise<DeployLogEntry[]> {
  const r = await remote.exec(['cat', layout.deployLog], options);
  return r.code === 0 ? parseDeployLog(r.stdout.toString('utf8')) : [];
}
