/**
 * The shell of the gate: reads the manifest files named on the command line (files, directories
 * with --recursive, '-' for stdin), each refused beyond a size limit, and parses them.
 */
import { constants } from 'node:fs';
import { open, readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { GocrossError } from '../../core/errors.ts';
import { parseManifestText, type ParsedFile } from './parse.ts';

/** Larger manifest files are refused: `helm template` of a big chart is a few MB. */
export const DEFAULT_MAX_FILE_BYTES = 32 * 1024 * 1024;

const YAML_FILE = /\.(ya?ml|json)$/i;

export interface LoadOptions {
  recursive?: boolean;
  maxFileBytes?: number;
  stdin?: AsyncIterable<Uint8Array>;
}

const mb = (n: number): string => `${(n / 1048576).toFixed(1)} MiB`;

async function readLimited(chunks: AsyncIterable<Uint8Array>, name: string, limit: number): Promise<string> {
  const parts: Buffer[] = [];
  let size = 0;
  for await (const chunk of chunks) {
    size += chunk.length;
    if (size > limit) throw new GocrossError('input', `Cannot read ${name}: it is over the ${mb(limit)} limit`, { fix: 'split it, or raise --max-file-size' });
    parts.push(Buffer.from(chunk));
  }
  return Buffer.concat(parts).toString('utf8');
}

async function readFileLimited(path: string, limit: number): Promise<string> {
  // O_NONBLOCK: a FIFO given by mistake must not hang the gate.
  const handle = await open(path, constants.O_RDONLY | constants.O_NONBLOCK).catch((error: NodeJS.ErrnoException) => {
    throw new GocrossError('input', `Cannot read ${path}: ${error.code === 'ENOENT' ? 'no such file' : error.message}`, { cause: error });
  });
  try {
    const info = await handle.stat();
    if (!info.isFile()) throw new GocrossError('input', `Cannot read ${path}: not a regular file`);
    if (info.size > limit) throw new GocrossError('input', `Cannot read ${path}: it is ${mb(info.size)}, over the ${mb(limit)} limit`, { fix: 'split it, or raise --max-file-size' });
    return await handle.readFile('utf8');
  } finally {
    await handle.close();
  }
}

async function expand(path: string, recursive: boolean): Promise<string[]> {
  const info = await stat(path).catch((error: NodeJS.ErrnoException) => {
    throw new GocrossError('input', `Cannot read ${path}: ${error.code === 'ENOENT' ? 'no such file or directory' : error.message}`, { cause: error });
  });
  if (!info.isDirectory()) return [path];
  const entries = (await readdir(path, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name));
  const out: string[] = [];
  for (const e of entries) {
    const child = join(path, e.name);
    if (e.isDirectory()) {
      if (recursive && !e.name.startsWith('.')) out.push(...(await expand(child, true)));
    } else if (e.isFile() && YAML_FILE.test(e.name)) out.push(child);
  }
  return out;
}

export async function loadManifests(paths: readonly string[], options: LoadOptions = {}): Promise<ParsedFile[]> {
  const limit = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  const files: ParsedFile[] = [];
  for (const p of paths) {
    if (p === '-') {
      const text = await readLimited(options.stdin ?? process.stdin, '<stdin>', limit);
      files.push(parseManifestText(text, '<stdin>'));
      continue;
    }
    for (const file of await expand(p, Boolean(options.recursive))) files.push(parseManifestText(await readFileLimited(file, limit), file));
  }
  return files;
}
