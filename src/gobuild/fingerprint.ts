/**
 * Input keys for "nothing changed, keep the artifact": a stat fingerprint of every file of the
 * module (and of local `replace` directories) combined with the toolchain, flags and env of a
 * target. Conservative by design: any doubt (go.work, cgo, too many files) means "rebuild".
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';

const MAX_FILES = 20_000;
const SKIP_DIRS = new Set(['.git', '.hg', '.svn', 'node_modules']);

/** Fingerprint of the files under `roots` (path, size, mtime), or null when it cannot be trusted. */
export async function sourceFingerprint(roots: readonly string[], exclude: readonly string[]): Promise<string | null> {
  const hash = createHash('sha256');
  const excluded = new Set(exclude.map((p) => resolve(p)));
  let count = 0;
  for (const root of roots) {
    if (hasGoWork(root)) return null; // a workspace pulls in other modules
    const stack = [resolve(root)];
    while (stack.length > 0) {
      const dir = stack.pop()!;
      let entries;
      try {
        entries = await readdir(dir, { withFileTypes: true });
      } catch {
        return null;
      }
      entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
      for (const e of entries) {
        const p = join(dir, e.name);
        if (e.isDirectory()) {
          if (SKIP_DIRS.has(e.name) || excluded.has(p)) continue;
          if (p !== resolve(root) && existsSync(join(p, 'go.mod'))) continue; // a nested module is not part of this one
          stack.push(p);
        } else {
          if (++count > MAX_FILES) return null;
          const s = await stat(p).catch(() => null);
          if (!s) return null;
          hash.update(`${p}\0${s.size}\0${s.mtimeMs}\n`);
        }
      }
    }
  }
  return hash.digest('hex');
}

function hasGoWork(root: string): boolean {
  for (let d = resolve(root); ; d = dirname(d)) {
    if (existsSync(join(d, 'go.work'))) return true;
    if (dirname(d) === d) return false;
  }
}

/** The key of one target's build: equal keys mean the same inputs. */
export function inputKey(parts: { sources: string; toolchain: string; goVersion: string; main: string; flags: readonly string[]; env: Record<string, string> }): string {
  const env = Object.entries(parts.env).sort(([a], [b]) => (a < b ? -1 : 1));
  return createHash('sha256').update(JSON.stringify({ ...parts, env })).digest('hex');
}
