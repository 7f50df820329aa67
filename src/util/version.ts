/** gocross's own version, from package.json (src/util and dist/util sit at the same depth). */
import { createRequire } from 'node:module';

let cached: string | undefined;

export function gocrossVersion(): string {
  if (cached) return cached;
  try {
    cached = (createRequire(import.meta.url)('../../package.json') as { version: string }).version;
  } catch {
    cached = '0.0.0';
  }
  return cached;
}
