/** Image blobs, layouts and tarballs arrive as chunks; they are published through the one atomicWrite. */
import { atomicWrite } from '../util/atomic-write.ts';

export async function writeChunks(path: string, chunks: readonly Uint8Array[]): Promise<void> {
  await atomicWrite(path, async (out) => {
    for (const chunk of chunks) await out.write(chunk);
  });
}
