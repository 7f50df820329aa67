/**
 * The YAML library, loaded on first use (a run without a config never pays for it). In the CLI's
 * CommonJS bundles (scripts/bundle-cli.ts) `require` is the bundle's own: esbuild puts yaml inside
 * the bundle, where it evaluates in ~9 ms instead of ~40 ms for its ~70 files from node_modules.
 * From the sources and tsc's dist/ (ES modules, no `require`) it comes from node_modules.
 */
import { createRequire } from 'node:module';

type Yaml = typeof import('yaml');
let loaded: Yaml | undefined;

export function yaml(): Yaml {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a literal require('yaml') is what lets esbuild bundle it
  loaded ??= typeof require === 'function' ? (require('yaml') as Yaml) : (createRequire(import.meta.url)('yaml') as Yaml);
  return loaded;
}
