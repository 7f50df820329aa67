/**
 * File names for several SBOMs written into one folder, unique per input. Inputs that share a
 * file name (gocross's own layout: dist/app_linux_amd64/app, dist/app_darwin_arm64/app) are told
 * apart by their folder names: app_linux_amd64_app.cdx.json. Pure: works on the paths as given.
 */
import { resolve, sep } from 'node:path';
import { GocrossError } from '../core/errors.ts';

/** `name(file)` is the plain output name (e.g. app.cdx.json); returns one name per file, in order. */
export function uniqueOutputNames(files: readonly string[], name: (file: string) => string): string[] {
  const parts = files.map((f) => resolve(f).split(sep).filter(Boolean));
  const seen = new Map<string, string>();
  for (const [i, p] of parts.entries()) {
    const key = p.join(sep);
    if (seen.has(key)) throw new GocrossError('usage', `Cannot write SBOMs: ${files[i]} is given twice (as ${seen.get(key)})`);
    seen.set(key, files[i]!);
  }
  // How many parent folder names each file's output name carries; raised until no two collide.
  const depth = files.map(() => 0);
  const nameAt = (i: number): string => [...parts[i]!.slice(-1 - depth[i]!, -1), name(files[i]!)].join('_');
  for (;;) {
    const byName = new Map<string, number[]>();
    files.forEach((_, i) => byName.set(nameAt(i), [...(byName.get(nameAt(i)) ?? []), i]));
    const clashes = [...byName.values()].filter((group) => group.length > 1);
    if (clashes.length === 0) return files.map((_, i) => nameAt(i));
    for (const group of clashes) {
      for (const i of group) {
        if (depth[i]! + 1 >= parts[i]!.length) {
          throw new GocrossError('usage', `Cannot write SBOMs: no unique file name for ${files[i]} among ${group.map((g) => files[g]).join(', ')}`, { fix: 'write them one at a time with -o FILE' });
        }
        depth[i]! += 1;
      }
    }
  }
}
