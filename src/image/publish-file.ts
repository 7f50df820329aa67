/**
 * Publishing one file: write under a temp name in the same directory, then rename, so a reader
 * sees the old file or the new one, never half. (Local stand-in until src/util/atomic-write.ts lands.)
 */
import { randomBytes } from 'node:crypto';
import { open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

export async function publishFile(target: string, chunks: readonly Uint8Array[]): Promise<void> {
  const tmp = join(dirname(target), `.${basename(target)}.${randomBytes(4).toString('hex')}.tmp`);
  const out = await open(tmp, 'wx', 0o644);
  try {
    for (const c of chunks) await out.write(c);
    await out.sync();
    await out.close();
    await rename(tmp, target);
  } catch (error) {
    await out.close().catch(() => {});
    await rm(tmp, { force: true });
    throw error;
  }
}
