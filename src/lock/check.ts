/**
 * checkLock(): what build and doctor call to compare the host with the project's gocross.lock.
 * Without a lock there is nothing to compare ('absent'); with `locked: true` any difference (or a
 * missing lock) throws LockMismatchError, otherwise the caller prints the differences as warnings.
 */
import { compareLock, describeDifference, type LockDifference } from './compare.ts';
import { readLock, LOCK_FILE, type ToolVersions } from './lockfile.ts';
import { collectToolVersions, type ProbedTools } from './versions.ts';
import { GocrossError } from '../core/errors.ts';

export interface LockCheck {
  path: string | null;
  status: 'absent' | 'match' | 'differs';
  differences: LockDifference[];
  /** One line for humans. */
  message: string;
}

/** An `environment` error: the host's tools are not the locked ones. */
export class LockMismatchError extends GocrossError {
  readonly check: LockCheck;
  constructor(check: LockCheck) {
    super('environment', check.status === 'absent'
      ? `Cannot build with --locked: no ${LOCK_FILE} in this project (run 'gocross lock' to write one)`
      : `Cannot build with --locked: this host differs from ${check.path}: ${check.differences.map(describeDifference).join('; ')} (install the locked versions, or run 'gocross lock' to accept these)`);
    this.check = check;
  }
}

export interface CheckLockOptions {
  /** Project directory holding gocross.lock (default: the current directory). */
  dir?: string;
  /** Fail (throw LockMismatchError) instead of reporting. */
  locked?: boolean;
  /** The host's versions, when the caller already has them; collected otherwise. */
  current?: ToolVersions;
  go?: string;
  /** Probes the caller already made (doctor): reused rather than run again. */
  probed?: ProbedTools;
}

export async function checkLock(options: CheckLockOptions = {}): Promise<LockCheck> {
  const found = await readLock(options.dir ?? process.cwd());
  let result: LockCheck;
  if (!found) result = { path: null, status: 'absent', differences: [], message: `no ${LOCK_FILE}: tool versions are not locked` };
  else {
    const goarches = [...new Set([...Object.keys(found.lock.tools.cc), ...Object.keys(found.lock.tools.qemu)])];
    const current = options.current ?? (await collectToolVersions({ goarches, go: options.go, probed: options.probed }));
    const differences = compareLock(found.lock.tools, current);
    result = {
      path: found.path,
      status: differences.length === 0 ? 'match' : 'differs',
      differences,
      message: differences.length === 0 ? `host matches ${found.path}` : `host differs from ${found.path}: ${differences.map(describeDifference).join('; ')}`,
    };
  }
  if (options.locked && result.status !== 'match') throw new LockMismatchError(result);
  return result;
}
