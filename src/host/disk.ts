/** Free space where the Go build cache lives (statfs of its nearest existing directory). */
import { statfs } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { under, type HostRoot } from './root.ts';

export interface GoCacheFact {
  /** Host path of GOCACHE. */
  path: string;
  /** How it was decided: "GOCACHE", "XDG_CACHE_HOME", "HOME". */
  from: string;
  freeBytes: number | null;
  /** The directory statfs measured (GOCACHE itself or its nearest existing parent). */
  measured: string | null;
}

/** GOCACHE as `go env` decides it: $GOCACHE, else $XDG_CACHE_HOME/go-build, else ~/.cache/go-build. */
function goCachePath(env: NodeJS.ProcessEnv, goenvFile: Record<string, string> | null): { path: string; from: string } | null {
  if (env.GOCACHE) return { path: env.GOCACHE, from: 'GOCACHE' };
  if (goenvFile?.GOCACHE) return { path: goenvFile.GOCACHE, from: 'GOENV file' };
  if (env.XDG_CACHE_HOME) return { path: join(env.XDG_CACHE_HOME, 'go-build'), from: 'XDG_CACHE_HOME' };
  if (env.HOME) return { path: join(env.HOME, '.cache/go-build'), from: 'HOME' };
  return null;
}

export async function probeGoCache(host: HostRoot, goenvFile: Record<string, string> | null): Promise<GoCacheFact | null> {
  const where = goCachePath(host.env, goenvFile);
  if (!where) return null;
  let dir = where.path;
  for (;;) {
    try {
      const s = await statfs(under(host, dir));
      return { ...where, freeBytes: Number(s.bavail) * Number(s.bsize), measured: dir };
    } catch {
      const parent = dirname(dir);
      if (parent === dir) return { ...where, freeBytes: null, measured: null };
      dir = parent;
    }
  }
}
