/**
 * The facts an SBOM is made from: the binary's SHA-256, its size and its Go build info.
 * Build info comes from the reader (any format: ELF, PE, Mach-O).
 */
import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { BinaryError } from '../binary/errors.ts';
import type { GoBuildInfo } from '../binary/types.ts';
import { inspectFile } from '../binary/inspect.ts';
import { sha256File, type ByteProgress } from '../util/sha256.ts';
import { GocrossError } from '../core/errors.ts';

/** An `input` error: the binary cannot be described, or an SBOM cannot be read or does not match. */
export class SbomError extends GocrossError {
  constructor(message: string, options?: ErrorOptions) {
    super('input', message, options);
  }
}

export { sha256File };

async function goBuildInfo(path: string): Promise<GoBuildInfo | null> {
  return (await inspectFile(path)).go;
}

export interface BinaryFacts {
  path: string;
  fileName: string;
  sha256: string;
  size: number;
  go: GoBuildInfo;
}

/** `onProgress(done, total)` follows the hash of the file (bytes read of its size). */
export async function readBinaryFacts(path: string, onProgress?: ByteProgress): Promise<BinaryFacts> {
  let go: GoBuildInfo | null;
  try {
    go = await goBuildInfo(path);
  } catch (error) {
    const msg = (error as Error).message ?? String(error);
    throw new SbomError(error instanceof BinaryError && msg.includes(path) ? msg : `Cannot make an SBOM for ${path}: ${msg}`, { cause: error });
  }
  if (!go) throw new SbomError(`Cannot make an SBOM for ${path}: it has no Go build info (not a Go binary, or built without module support)`);
  const [sha256, size] = await Promise.all([sha256File(path, onProgress), stat(path).then((s) => s.size)]);
  return { path, fileName: basename(path), sha256, size, go };
}
