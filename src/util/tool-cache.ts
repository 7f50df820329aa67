/**
 * A small on-disk cache of facts that only change when a tool's binary does (go's version and
 * GOROOT, its `go tool dist list`; a QEMU's `--version`), keyed by the binary's real path, size
 * and mtime. It saves a process (tens to hundreds of milliseconds) per fact and command; any error
 * just means "compute it again".
 */
import { createHash } from 'node:crypto';
import { mkdir, readFile, realpath, stat } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { atomicWrite } from './atomic-write.ts';

function cacheDir(env: NodeJS.ProcessEnv): string {
  return join(env.XDG_CACHE_HOME || join(env.HOME || homedir(), '.cache'), 'gocross');
}

export async function cachedForBinary<T>(kind: string, binary: string, compute: () => Promise<T>, env: NodeJS.ProcessEnv = process.env): Promise<T> {
  if (env.GOCROSS_NO_CACHE) return compute();
  let file: string;
  try {
    const real = await realpath(binary);
    const s = await stat(real);
    const key = createHash('sha256').update(`${kind}\0${real}\0${s.size}\0${s.mtimeMs}`).digest('hex').slice(0, 24);
    file = join(cacheDir(env), `${kind}-${key}.json`);
  } catch {
    return compute();
  }
  try {
    return JSON.parse(await readFile(file, 'utf8')) as T;
  } catch {
    // not cached yet
  }
  const value = await compute();
  try {
    await mkdir(cacheDir(env), { recursive: true });
    await atomicWrite(file, JSON.stringify(value));
  } catch {
    // a read-only home is fine: no cache
  }
  return value;
}
