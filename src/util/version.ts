/** gocross's own version, from package.json (src/util and dist/util sit at the same depth). */
import { createRequire } from 'node:module';

/** Set by the CLI bundle (scripts/bundle-cli.ts) at build time; undeclared everywhere else. */
declare const GOCROSS_BUNDLED_VERSION: string | undefined;

let cached: string | undefined;

export function gocrossVersion(): string {
  if (cached) return cached;
  if (typeof GOCROSS_BUNDLED_VERSION === 'string') return (cached = GOCROSS_BUNDLED_VERSION);
  try {
    cached = (createRequire(import.meta.url)('../../package.json') as { version: string }).version;
  } catch {
    cached = '0.0.0';
  }
  return cached;
}
