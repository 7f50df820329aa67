/**
 * Copying a file to a device. SFTP when the server has it (writes the path the caller chose, then
 * sets the mode); otherwise the bytes are streamed to `cat` on an exec channel — the way onto
 * dropbear/BusyBox devices, which often have no sftp-server. Which one works is decided per
 * session by remote.ts; this file knows how to do each.
 */
import type { FileHandle } from 'node:fs/promises';
import type { SFTPWrapper } from 'ssh2';

/** The one command the fallback runs: the path and the octal mode travel as positional arguments, never inside the script. */
export function execUploadArgv(remotePath: string, mode: number): string[] {
  return ['sh', '-c', 'cat > "$1" && chmod "$2" "$1"', 'sh', remotePath, mode.toString(8)];
}

export interface SftpUploadOptions {
  mode: number;
  signal?: AbortSignal;
  /** Bytes acknowledged by the server so far. */
  onBytes: (total: number) => void;
}

/** Writes `localPath` to `remotePath` over an open SFTP session and sets the mode. Rejects with ssh2's error (the caller words it). */
export function sftpPut(sftp: SFTPWrapper, localPath: string, remotePath: string, options: SftpUploadOptions): Promise<void> {
  return new Promise((resolve, reject) => {
    const onAbort = (): void => {
      // Ending the channel makes fastPut fail at once; the caller reports the abort.
      sftp.end();
    };
    if (options.signal?.aborted) {
      reject(new Error('aborted'));
      return;
    }
    options.signal?.addEventListener('abort', onAbort, { once: true });
    const done = (error: Error | null | undefined): void => {
      options.signal?.removeEventListener('abort', onAbort);
      if (error) reject(error);
      else resolve();
    };
    sftp.fastPut(localPath, remotePath, { mode: options.mode, concurrency: 64, chunkSize: 32 * 1024, step: (total) => options.onBytes(total) }, (error) => {
      if (error) return done(error);
      // The open's mode is filtered by the device's umask; set it exactly.
      sftp.chmod(remotePath, options.mode, done);
    });
  });
}

/** A read stream over an already opened local file, for the exec fallback's stdin. */
export function fileStream(handle: FileHandle): NodeJS.ReadableStream {
  return handle.createReadStream({ highWaterMark: 256 * 1024, autoClose: false });
}

/**
 * Ends an SFTP session and resolves once the device has closed the channel too (at most 5 s): a
 * command opened while dropbear still winds the SFTP channel down was at times refused. Call it
 * when the session opens, so a close that happens early (an abort) is not missed.
 */
export function sftpCloser(sftp: SFTPWrapper): () => Promise<void> {
  let closed = false;
  const whenClosed = new Promise<void>((resolve) => sftp.once('close', () => {
    closed = true;
    resolve();
  }));
  return async () => {
    if (closed) return;
    sftp.end();
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([whenClosed, new Promise((resolve) => (timer = setTimeout(resolve, 5000)))]);
    clearTimeout(timer);
  };
}
