/**
 * The facts an SBOM is made from: the binary's SHA-256, its size and its Go build info.
 * Build info comes from the reader (any format: ELF, PE, Mach-O).
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { basename } from 'node:path';
import { fileSource } from '../binary/byte-source.ts';
import { BinaryError } from '../binary/errors.ts';
import type { GoBuildInfo } from '../binary/types.ts';
import { inspectFile } from '../binary/inspect.ts';

export class SbomError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'SbomError';
  }
}

export async function sha256File(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

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

export async function readBinaryFacts(path: string): Promise<BinaryFacts> {
  let go: GoBuildInfo | null;
  try {
    go = await goBuildInfo(path);
  } catch (error) {
    const msg = (error as Error).message ?? String(error);
    throw new SbomError(error instanceof BinaryError && msg.includes(path) ? msg : `Cannot make an SBOM for ${path}: ${msg}`, { cause: error });
  }
  if (!go) throw new SbomError(`Cannot make an SBOM for ${path}: it has no Go build info (not a Go binary, or built without module support)`);
  const [sha256, size] = await Promise.all([sha256File(path), fileSource(path).then(async (s) => (await s.close(), s.size))]);
  return { path, fileName: basename(path), sha256, size, go };
}
