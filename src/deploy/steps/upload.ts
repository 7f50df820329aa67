/**
 * Upload and checksum: the artifact goes to `releases/<id>.tmp`, its SHA-256 is computed on the
 * device, and only a matching file is renamed to `releases/<id>`. A half-sent or corrupted upload
 * therefore never becomes a release.
 */
import { posix } from 'node:path';
import type { ReleaseArtifact, Remote } from '../model.ts';
import { GocrossError } from '../../core/errors.ts';
import { releasePath, type RemoteLayout } from './layout.ts';

// $1 base directory: the directories a release needs.
const PREPARE_SCRIPT = 'mkdir -p "$1/releases" "$1/data"';

export async function uploadRelease(
  remote: Remote,
  layout: RemoteLayout,
  artifact: ReleaseArtifact,
  options: { timeoutMs: number; signal?: AbortSignal },
): Promise<{ bytes: number; via: 'sftp' | 'exec'; tmp: string }> {
  await remote.run(['sh', '-c', PREPARE_SCRIPT, 'sh', layout.baseDir], options);
  const tmp = `${releasePath(layout, artifact.id)}.tmp`;
  const sent = await remote.upload(artifact.file, tmp, { mode: 0o755, signal: options.signal });
  return { ...sent, tmp };
}

// $1 the uploaded file, $2 expected SHA-256, $3 final path. Exit 9 with the actual sum on a mismatch.
const CHECKSUM_SCRIPT = [
  'set -eu',
  'sum=$(sha256sum "$1")',
  'sum=${sum%% *}',
  'if [ "$sum" != "$2" ]; then rm -f "$1"; echo "$sum"; exit 9; fi',
  'chmod 755 "$1"',
  'mv -f "$1" "$3"',
].join('\n');

export type ChecksumResult = { ok: true } | { ok: false; actual: string };

export async function verifyAndPlace(remote: Remote, layout: RemoteLayout, artifact: ReleaseArtifact, options: { timeoutMs: number; signal?: AbortSignal }): Promise<ChecksumResult> {
  const final = releasePath(layout, artifact.id);
  const r = await remote.exec(['sh', '-c', CHECKSUM_SCRIPT, 'sh', `${final}.tmp`, artifact.sha256, final], options);
  if (r.code === 0) return { ok: true };
  if (r.code === 9) return { ok: false, actual: r.stdout.toString('utf8').trim() };
  throw new GocrossError('failure', `Cannot check the SHA-256 of ${posix.basename(final)}.tmp on the device: exit ${r.code ?? r.signal}: ${r.stderr.toString('utf8').trim()}`);
}

/** Remove an unfinished upload (interrupted before the switch). */
export async function removeUpload(remote: Remote, layout: RemoteLayout, id: string, options: { timeoutMs: number; signal?: AbortSignal }): Promise<void> {
  await remote.exec(['rm', '-f', `${releasePath(layout, id)}.tmp`], options);
}
