/**
 * Writing a file atomically: into a temp file beside the target, then rename. The temp file is
 * removed on failure, on SIGINT/SIGTERM and on process.exit(), so an interrupted or failed write
 * leaves nothing. A failure to write names the target (`Cannot write app: no space left on device`).
 */
import { randomBytes } from 'node:crypto';
import { open, rename, rm, type FileHandle } from 'node:fs/promises';
import { rmSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { describeIoError } from '../core/errors.ts';

export async function atomicWrite(target: string, mode: number, fill: (out: FileHandle) => Promise<void>): Promise<void> {
  const tmp = join(dirname(target), `.${basename(target)}.${randomBytes(4).toString('hex')}.tmp`);
  const cleanup = (): void => rmSync(tmp, { force: true });
  const onSignal = (signal: NodeJS.Signals): void => {
    cleanup();
    // Without another handler (the CLI's interrupt), end the process as the signal would have.
    if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
  };
  const signals: NodeJS.Signals[] = ['SIGINT', 'SIGTERM'];
  for (const s of signals) process.once(s, onSignal);
  process.once('exit', cleanup);
  let out: FileHandle | undefined;
  let filling = false;
  try {
    out = await open(tmp, 'wx', mode);
    filling = true;
    await fill(out);
    filling = false;
    await out.chmod(mode);
    await out.close();
    out = undefined;
    await rename(tmp, target);
  } catch (error) {
    await out?.close().catch(() => {});
    await rm(tmp, { force: true });
    // What `fill` throws is about its own input; the rest is about writing the target.
    throw filling ? error : describeIoError(error, target, 'write');
  } finally {
    for (const s of signals) process.removeListener(s, onSignal);
    process.removeListener('exit', cleanup);
  }
}
