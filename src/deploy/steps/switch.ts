/**
 * The switch: `current` is made to point at another release by renaming a freshly made symlink
 * over it — one rename(2), so a reader (systemd starting the service, the revert timer) sees the
 * old target or the new one, never a missing link. See layout.ts for why a plain `mv -f` is
 * that rename. The deploy log line (built by the controller) is appended in the same invocation.
 */
import type { Remote } from '../model.ts';
import type { RemoteLayout } from './layout.ts';
import { formatLogLine, type DeployLogEntry } from './deploy-log.ts';

// $1 base directory, $2 release id, $3 deploy-log line or empty.
export const SWITCH_SCRIPT = [
  'set -eu',
  'cd "$1"',
  '[ -f "releases/$2" ] || { echo "releases/$2 is not on the device" >&2; exit 3; }',
  '[ ! -d current ] || { echo "$1/current is a directory, not a symlink to a release" >&2; exit 4; }',
  'rm -f .current.new',
  'ln -s "releases/$2" .current.new',
  'mv -f .current.new current',
  '[ -z "$3" ] || printf "%s\\n" "$3" >> deploy.log',
].join('\n');

export async function switchCurrent(
  remote: Remote,
  layout: RemoteLayout,
  id: string,
  logEntry: DeployLogEntry | null,
  options: { timeoutMs: number; signal?: AbortSignal },
): Promise<void> {
  await remote.run(['sh', '-c', SWITCH_SCRIPT, 'sh', layout.baseDir, id, logEntry ? formatLogLine(logEntry) : ''], options);
}
