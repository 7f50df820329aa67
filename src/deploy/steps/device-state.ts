/**
 * What the device holds for this service before anything is changed (read-only, one round trip):
 * the release `current` points at, and whether the release being deployed is already there (its
 * SHA-256), so a redeploy uploads nothing.
 */
import type { Remote } from '../model.ts';
import { releaseIdOfLink, type RemoteLayout } from './layout.ts';

export interface DeviceState {
  current: string | null;
  /** SHA-256 of releases/<id> when that file exists. */
  existingSha256: string | null;
}

// $1 base directory, $2 release id.
const STATE_SCRIPT = [
  'cur=$(readlink "$1/current" 2>/dev/null) || cur=',
  'printf "current=%s\\n" "$cur"',
  'if [ -f "$1/releases/$2" ]; then sum=$(sha256sum "$1/releases/$2" 2>/dev/null) && printf "sha256=%s\\n" "${sum%% *}"; fi',
  'exit 0',
].join('\n');

export function parseDeviceState(text: string): DeviceState {
  let current: string | null = null;
  let existingSha256: string | null = null;
  for (const line of text.split('\n')) {
    const eq = line.indexOf('=');
    if (eq < 0) continue;
    const key = line.slice(0, eq);
    const value = line.slice(eq + 1).trim();
    if (key === 'current') current = releaseIdOfLink(value);
    if (key === 'sha256' && /^[0-9a-f]{64}$/.test(value)) existingSha256 = value;
  }
  return { current, existingSha256 };
}

export async function readDeviceState(remote: Remote, layout: RemoteLayout, id: string, options: { timeoutMs: number; signal?: AbortSignal }): Promise<DeviceState> {
  const out = await remote.run(['sh', '-c', STATE_SCRIPT, 'sh', layout.baseDir, id], options);
  return parseDeviceState(out.toString('utf8'));
}
