/**
 * Bundles the CLI after `tsc -p tsconfig.build.json` (`npm run build` runs both): dist/cli/bin.js
 * and the inspect worker dist/inspect-pool/worker.js are replaced by esbuild bundles of the same
 * sources, each command still in its own lazily loaded chunk (dist/cli/bundle-*.js). Node resolves,
 * reads and compiles each ES module on its own, so the ~75 modules of `gocross inspect` cost more
 * than the inspecting (bench/inspect-vs-go.ts measures both layouts). The library (dist/index.js
 * and the rest of dist/) stays tsc's output.
 *
 * Chunks sit at the same depth as every dist/<dir>/ module, so the paths that src/ resolves at run
 * time relative to its own file (`../../package.json`, `../../schema/…`, the worker) hold in the
 * bundle too.
 */
import { readdir, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';

const ROOT = resolve(import.meta.dirname, '..');
const DIST = join(ROOT, 'dist');

for (const name of await readdir(join(DIST, 'cli'))) {
  if (name.startsWith('bundle-')) await rm(join(DIST, 'cli', name));
}

await build({
  absWorkingDir: ROOT,
  entryPoints: { 'cli/bin': 'src/cli/bin.ts', 'inspect-pool/worker': 'src/inspect-pool/worker.ts' },
  outdir: DIST,
  chunkNames: 'cli/bundle-[name]-[hash]',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node22',
  sourcemap: true,
  logLevel: 'warning',
  // ssh2 (deploy) loads optional native addons (.node) inside try/catch, which esbuild cannot
  // bundle; it is a runtime dependency, so the bundle imports it from node_modules.
  external: ['ssh2'],
  // commander is CommonJS and calls require() for Node's built-ins: give each ES chunk one.
  banner: { js: "import { createRequire as __bundleCreateRequire } from 'node:module'; const require = __bundleCreateRequire(import.meta.url);" },
});
