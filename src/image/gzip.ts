/**
 * Deterministic gzip for layers. zlib's output depends only on the input, level, window and
 * memory settings, all fixed here; Node writes the header with mtime 0 and no file name. The OS
 * byte (RFC 1952 §2.3.1) is set to 255 "unknown" so a zlib built for another OS gives the same bytes.
 */
import { gzip as gzipCallback, constants } from 'node:zlib';
import { promisify } from 'node:util';

const gzipAsync = promisify(gzipCallback);

// BestSpeed, as go-containerregistry (ko, crane) writes layers: ~2.5× faster than level 6 for ~9% more bytes.
export const GZIP_LEVEL = 1;

/** Runs on libuv's thread pool, so several platforms' layers compress in parallel. */
export async function deterministicGzip(chunks: readonly Uint8Array[]): Promise<Buffer> {
  const input = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks);
  const out = await gzipAsync(input, { level: GZIP_LEVEL, windowBits: 15, memLevel: 8, strategy: constants.Z_DEFAULT_STRATEGY });
  out[9] = 0xff;
  return out;
}
