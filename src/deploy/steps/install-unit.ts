/**
 * Install the rendered systemd unit: written beside its final place, compared with the installed
 * one, checked with `systemd-analyze verify` (where the device has it), renamed into place, and
 * only then `daemon-reload` — all only when it changed, so a redeploy costs one round trip.
 * `enable` makes the service start at boot.
 */
import type { Remote } from '../model.ts';
import type { RemoteLayout } from './layout.ts';
import { GocrossError } from '../../core/errors.ts';

// $1 unit file, $2 unit name, $3 "verify" to run systemd-analyze verify, $4 `current`. The unit text is stdin.
// Prints "unchanged" or "changed"; exit 7 with systemd-analyze's words when the unit is invalid.
// The new unit is written into a private directory under its real name, because
// systemd-analyze judges a unit by its file name; the same file system makes the final mv a rename.
export const INSTALL_UNIT_SCRIPT = [
  'set -u',
  'dir=$(dirname "$1")/.gocross-new-${2%.service}',
  'rm -rf "$dir" && mkdir -p "$dir" || exit 1',
  'cat > "$dir/$2" || exit 1',
  'if [ -f "$1" ] && cmp -s "$dir/$2" "$1"; then',
  '  rm -rf "$dir"',
  '  systemctl is-enabled -q "$2" 2>/dev/null || systemctl enable -q "$2" || exit 1',
  '  echo unchanged; exit 0',
  'fi',
  'if [ "$3" = verify ]; then',
  // A missing ExecStart target (`current` before the first switch) is expected, not a defect.
  '  out=$(systemd-analyze verify "$dir/$2" 2>&1 | grep -v -F -e "$4" | grep -v "^$")',
  '  if [ -n "$out" ]; then rm -rf "$dir"; printf "%s\\n" "$out"; exit 7; fi',
  'fi',
  'mv -f "$dir/$2" "$1" && rm -rf "$dir" || exit 1',
  'systemctl daemon-reload || exit 1',
  'systemctl enable -q "$2" || exit 1',
  'echo changed',
].join('\n');

export type InstallUnitResult = { status: 'changed' | 'unchanged' } | { status: 'invalid'; problems: string };

export async function installUnit(
  remote: Remote,
  layout: RemoteLayout,
  unitText: string,
  verify: boolean,
  options: { timeoutMs: number; signal?: AbortSignal },
): Promise<InstallUnitResult> {
  const r = await remote.exec(['sh', '-c', INSTALL_UNIT_SCRIPT, 'sh', layout.unitFile, layout.unitName, verify ? 'verify' : 'no', layout.current], {
    ...options,
    stdin: Buffer.from(unitText, 'utf8'),
  });
  const out = r.stdout.toString('utf8').trim();
  if (r.code === 7) return { status: 'invalid', problems: out };
  if (r.code !== 0) {
    throw new GocrossError('failure', `Cannot install ${layout.unitFile}: exit ${r.code ?? r.signal}: ${r.stderr.toString('utf8').trim() || out}`);
  }
  return { status: out.endsWith('unchanged') ? 'unchanged' : 'changed' };
}
