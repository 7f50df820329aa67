/**
 * Where a service lives on a device. The runner, `rollback`, `releases` and the revert timer all
 * read the same layout, so it is written down once, here:
 *
 *   <baseDir>/releases/<id>      one executable per release; id = `<version>-<sha12>` (ReleaseArtifact.id)
 *   <baseDir>/releases/<id>.tmp  an upload in progress (renamed into place after its SHA-256 is checked)
 *   <baseDir>/current            symlink → `releases/<id>` (relative); replaced by one rename(2), never rm + ln
 *   <baseDir>/.current.new       the new symlink just before that rename
 *   <baseDir>/.deploy-decided    a directory: whoever creates it first (the controller's commit or
 *                                rollback, or the device's revert timer) decides how the switch ends
 *   <baseDir>/data/              the service's writable directory (ReadWritePaths=)
 *   <baseDir>/deploy.log         JSON lines `{at, by, action: deploy|rollback|revert|commit, from, to}`,
 *                                appended on every switch and commit
 *   /etc/systemd/system/<service>.service   the unit; ExecStart runs `<baseDir>/current`
 *   gocross-revert-<service>.timer/.service the transient revert timer (systemd-run), armed before a switch
 *
 * Because `current` points at a regular file (not a directory), `mv -f .current.new current`
 * is a plain rename(2) over the old symlink on GNU coreutils and BusyBox alike: `mv` only moves
 * *into* a destination that is a directory, which a symlink to a file is not. That spares us
 * `mv -T`, which older BusyBox builds lack.
 */
import { posix } from 'node:path';

export interface RemoteLayout {
  baseDir: string;
  releasesDir: string;
  current: string;
  currentNew: string;
  decided: string;
  dataDir: string;
  deployLog: string;
  unitFile: string;
  unitName: string;
  revertUnit: string;
}

export function remoteLayout(baseDir: string, service: string): RemoteLayout {
  const at = (name: string): string => posix.join(baseDir, name);
  return {
    baseDir,
    releasesDir: at('releases'),
    current: at('current'),
    currentNew: at('.current.new'),
    decided: at('.deploy-decided'),
    dataDir: at('data'),
    deployLog: at('deploy.log'),
    unitFile: `/etc/systemd/system/${service}.service`,
    unitName: `${service}.service`,
    revertUnit: `gocross-revert-${service}`,
  };
}

export function releasePath(layout: RemoteLayout, id: string): string {
  return posix.join(layout.releasesDir, id);
}

/**
 * A name under releases/ that gocross could have written (`<file-safe version>-<sha12>`, see
 * fleet/release.ts): anything else there (an upload in progress, a file put there by hand, a name
 * with control characters) is neither listed, nor pruned, nor switched to.
 */
export function isReleaseId(name: string): boolean {
  return /^[A-Za-z0-9_+.][A-Za-z0-9._+-]*-[0-9a-f]{12}$/.test(name);
}

/** The target of `current` (`releases/<id>` or an absolute path into releases/) → the id, or null. */
export function releaseIdOfLink(target: string): string | null {
  const id = posix.basename(target.trim());
  return isReleaseId(id) ? id : null;
}
