/** SHA-256 of a file, read in large chunks (a few event-loop turns per artifact, bounded memory). */
import { createHash } from 'node:crypto';
import { openRegular } from './regular-file.ts';

const CHUNK = 4 * 1024 * 1024;

export async function sha256File(path: string): Promise<string> {
  const hash = createHash('sha256');
  const handle = await openRegular(path);
  try {
    const buf = Buffer.allocUnsafe(CHUNK);
    for (;;) {
      const { bytesRead } = await handle.read(buf, 0, CHUNK, null);
      if (bytesRead === 0) break;
      hash.update(buf.subarray(0, bytesRead));
    }
  } finally {
    await handle.close();
  }
  return hash.digest('hex');
}
