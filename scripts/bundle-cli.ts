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
import { readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { createRequire } from 'node:module';
import { build, type Plugin } from 'esbuild';

const ROOT = resolve(import.meta.dirname, '..');
const DIST = join(ROOT, 'dist');

for (const name of await readdir(join(DIST, 'cli'))) {
  if (name.startsWith('bundle-')) await rm(join(DIST, 'cli', name));
}

/**
 * commander requires node:child_process at load time for one feature gocross does not use
 * (stand-alone executable subcommands); loading it (and net, dgram…) was ~8 ms of every start,
 * `--version` included. Here it is required on first use instead.
 */
const lazyChildProcess: Plugin = {
  name: 'commander-lazy-child-process',
  setup(b) {
    b.onLoad({ filter: /[\\/]commander[\\/]lib[\\/]command\.js$/ }, async (args) => {
      const source = await readFile(args.path, 'utf8');
      const eager = "const childProcess = require('node:child_process');";
      if (!source.includes(eager)) throw new Error(`commander changed: ${eager} not found in ${args.path}; update scripts/bundle-cli.ts`);
      const lazy = "const childProcess = { spawn: (...args) => require('node:child_process').spawn(...args) };";
      return { contents: source.replace(eager, lazy), loader: 'js' };
    });
  },
};

/**
 * `import … from 'node:fs'` in an ES module builds Node's ESM facade of fs, which reads every
 * export, lazy getters included: fs.promises and fs.ReadStream, and with them ~10 more internal
 * modules (readline, watchers, streams) that a single-file inspect never uses. The bundle takes
 * the named exports from require('node:fs') instead, leaving the lazy getters untouched (code that
 * imports one of them fails the build: "No matching export").
 */
const fsWithoutFacade: Plugin = {
  name: 'node-fs-without-esm-facade',
  setup(b) {
    b.onResolve({ filter: /^(node:)?fs$/ }, (args) => (args.kind === 'import-statement' ? { path: 'node:fs', namespace: 'fs-via-require' } : undefined));
    b.onLoad({ filter: /.*/, namespace: 'fs-via-require' }, () => {
      const fs = createRequire(import.meta.url)('node:fs') as Record<string, unknown>;
      const names = Object.keys(fs).filter((name) => /^[A-Za-z_$][\w$]*$/.test(name) && !Object.getOwnPropertyDescriptor(fs, name)?.get);
      const lines = ["const fs = require('node:fs');", 'export default fs;', ...names.map((name) => `export const ${name} = fs.${name};`)];
      return { contents: lines.join('\n'), loader: 'js' };
    });
  },
};

await build({
  plugins: [lazyChildProcess, fsWithoutFacade],
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

// Node's ES module loader looks for the package.json that gives each module's format, from the
// module's folder up, and remembers a hit but not a miss: without these files every chunk cost two
// failed opens (dist/cli/, dist/), ~80 for a single-file inspect. Same "type" as the package's own.
for (const dir of ['cli', 'inspect-pool']) await writeFile(join(DIST, dir, 'package.json'), `${JSON.stringify({ type: 'module' })}\n`);
