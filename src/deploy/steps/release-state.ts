/**
 * What `rollback` and `releases` read from a device in one round trip: the release `current`
 * points at, the releases present (newest first), the deploy log, and the HTTP tools the gate may
 * use on the device. Deciding from it is pure (`releaseInfos`, `chooseRollbackTarget`).
 */
import type { ReleaseInfo, Remote } from '../model.ts';
import { printable } from '../../util/printable.ts';
import { isReleaseId, releaseIdOfLink, type RemoteLayout } from './layout.ts';
import { lastSwitchTo, parseDeployLog, previousOf, type DeployLogEntry } from './deploy-log.ts';

export interface ReleaseState {
  current: string | null;
  /** Newest first (by modification time). */
  releases: string[];
  log: DeployLogEntry[];
  tools: string[];
}

// $1 base directory. Sections are separated by lines of `--gocross--`.
const RELEASE_STATE_SCRIPT = [
  'readlink "$1/current" 2>/dev/null',
  'echo --gocross--',
  'ls -1t "$1/releases" 2>/dev/null',
  'echo --gocross--',
  'for t in curl wget; do command -v "$t" >/dev/null 2>&1 && echo "$t"; done',
  'echo --gocross--',
  'cat "$1/deploy.log" 2>/dev/null',
  'exit 0',
].join('\n');

export function parseReleaseState(text: string): ReleaseState {
  const [link = '', listing = '', tools = '', ...log] = text.split('--gocross--\n');
  const lines = (s: string): string[] => s.split('\n').map((l) => l.trim()).filter(Boolean);
  return {
    current: releaseIdOfLink(link),
    releases: lines(listing).filter(isReleaseId),
    tools: lines(tools),
    log: parseDeployLog(log.join('--gocross--\n')),
  };
}

export async function readReleaseState(remote: Remote, layout: RemoteLayout, options: { timeoutMs: number; signal?: AbortSignal }): Promise<ReleaseState> {
  const out = await remote.run(['sh', '-c', RELEASE_STATE_SCRIPT, 'sh', layout.baseDir], options);
  return parseReleaseState(out.toString('utf8'));
}

export function releaseInfos(state: ReleaseState): ReleaseInfo[] {
  return state.releases.map((id) => {
    const last = lastSwitchTo(state.log, id);
    return { id, current: id === state.current, switchedAt: last?.at ?? null, switchedBy: last?.by ?? null };
  });
}

export type RollbackTarget = { ok: true; id: string } | { ok: false; reason: string };

/**
 * `to`: a release id, or a version (the newest release of that version). null: the release that was
 * current before the current one (deploy log), else the newest other release present.
 */
export function chooseRollbackTarget(state: ReleaseState, to: string | null, fileSafe: (version: string) => string): RollbackTarget {
  const present = state.releases.length ? state.releases.join(', ') : 'none';
  if (to !== null) {
    if (state.releases.includes(to)) return { ok: true, id: to };
    const prefix = `${fileSafe(to)}-`;
    const match = state.releases.find((id) => id.startsWith(prefix) && /^[0-9a-f]{12}$/.test(id.slice(prefix.length)));
    return match ? { ok: true, id: match } : { ok: false, reason: `release ${printable(to)} is not on the device (present: ${present})` };
  }
  if (state.current === null) return { ok: false, reason: `no release is current (present: ${present})` };
  const fromLog = previousOf(state.log, state.current);
  if (fromLog && state.releases.includes(fromLog)) return { ok: true, id: fromLog };
  const other = state.releases.find((id) => id !== state.current);
  return other ? { ok: true, id: other } : { ok: false, reason: `no release other than the current ${state.current} is on the device` };
}
