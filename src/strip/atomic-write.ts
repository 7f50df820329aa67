/**
 * Writing a file atomically: into a temp file beside the target, then rename. The temp file is
 * removed on failure and on SIGINT/SIGTERM, so an interrupted or failed write leaves nothing.
 */
import { randomBytes } from 'node:crypto';
import { open, rename, rm, type FileHandle } from 'node:fs/promises';
import { rmSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

export async function atomicWrite(target: string, mode: number, fill: (out: FileHandle) => Promise<void>): Promise<void> {
  const tmp = join(dirname(target), `.${basename(target)}.${randomBytes(4).toString('hex')}.tmp`);
  const onSignal = (signal: NodeJS.Signals): void => {
    rmSync(tmp, { force: true });
    process.kill(process.pid, signal);
  };
  const signals: NodeJS.Signals[] = ['SIGINT', 'SIGTERM'];
  for (const s of signals) process.once(s, onSignal);
  let out: FileHandle | undefined;
  try {
    out = await open(tmp, 'wx', mode);
    await fill(out);
    await out.chmod(mode);
    await out.close();
    out = undefined;
    await rename(tmp, target);
  } catch (error) {
    await out?.close().catch(() => {});
    await rm(tmp, { force: true });
    throw error;
  } finally {
    for (const s of signals) process.removeListener(s, onSignal);
  }
}
