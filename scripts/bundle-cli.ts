/**
 * Bundles the CLI after `tsc -p tsconfig.build.json` (`npm run build` runs both). tsc's dist/ stays
 * as it is (the library, and an unbundled CLI in dist/cli/bin.js); beside it the shipped CLI,
 * CommonJS bundles made by esbuild from the same sources, named .cjs so that they and tsc's ES
 * modules share dist/cli/ whatever order the two builds run in:
 *  - dist/cli/bin.cjs (package.json#bin), the launcher: turns on V8's compile cache, picks the
 *    command from argv (cli/requested-command.ts, as main.ts does) and requires that command's bundle;
 *  - dist/cli/gocross-<command>.cjs, one per command: bin.ts, main.ts, commander and that one
 *    command (main.ts's loaders of the other commands are cut out of it);
 *  - dist/cli/gocross.cjs, no command: `--help`, `-V` with arguments, an unknown command.
 * CommonJS because Node's ES module loader costs ~7 ms at start-up even for an empty module, and
 * every ES module is resolved, read and linked on its own; one bundle per command because esbuild
 * splits chunks only for ES modules, and one file is one read and one compile-cache entry. The
 * inspect worker (dist/inspect-pool/worker.js) stays an ES module bundle: it starts only for
 * thousands of files. bench/inspect-vs-go.ts measures start-up.
 *
 * Each bundle sits at the same depth as every dist/<dir>/ module, so the paths that src/ resolves at
 * run time relative to its own file (`../../package.json`, `../../schema/…`, the worker) hold in the
 * bundle too; `import.meta.url` is the bundle file's URL.
 */
import { mkdir, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { createRequire } from 'node:module';
import { build, type BuildOptions, type Plugin } from 'esbuild';
import { commands } from '../src/cli/commands/index.ts';

const ROOT = resolve(import.meta.dirname, '..');
/** tsc's outDir: dist/, or the one given (test/package-contents.test.ts packs a scratch build). */
const DIST = process.argv[2] ? resolve(process.argv[2]) : join(ROOT, 'dist');

/**
 * commander requires node:child_process at load time for one feature gocross does not use
 * (stand-alone executable subcommands); loading it (and net, dgram…) was ~8 ms of every start
 * of a command that spawns nothing (inspect, --help). Here it is required on first use instead.
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

await mkdir(join(DIST, 'cli'), { recursive: true });
for (const name of await readdir(join(DIST, 'cli'))) {
  if (/^(bundle-|gocross[-.]|bin\.cjs)/.test(name)) await rm(join(DIST, 'cli', name));
}

const NAMES = commands.map((c) => c.name);
const VERSION = (JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
const LOADER = /import\('\.\/([\w-]+)\.ts'\)/g;

/** main.ts's registry with only `keep`'s loader left (none for the bundle without a command). */
function onlyCommand(keep: string | undefined): Plugin {
  return {
    name: 'only-one-command',
    setup(b) {
      b.onLoad({ filter: /[\\/]src[\\/]cli[\\/]commands[\\/]index\.ts$/ }, async (args) => {
        const source = await readFile(args.path, 'utf8');
        const found = [...source.matchAll(LOADER)].map((m) => m[1]);
        if (found.join() !== NAMES.join()) throw new Error(`${args.path}: loaders ${found.join()} ≠ commands ${NAMES.join()}; update scripts/bundle-cli.ts`);
        const contents = source.replace(LOADER, (call, name: string) =>
          name === keep ? call : `Promise.reject(new Error('gocross ${name} is not in this bundle: dist/cli/bin.cjs picks the bundle'))`);
        return { contents, loader: 'ts' };
      });
    },
  };
}

const cjs = {
  absWorkingDir: ROOT,
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node22',
  // No source maps: with the code shared by 20 bundles they would be ~14 MB of the package, and
  // Node uses them only under --enable-source-maps. The bundles are not minified and esbuild marks
  // each source file in them (`// src/…`), so a stack trace still leads to the source.
  sourcemap: false,
  logLevel: 'warning',
  // ssh2 (deploy) loads optional native addons (.node) inside try/catch, which esbuild cannot
  // bundle; it is a runtime dependency, so the bundle requires it from node_modules.
  external: ['ssh2'],
  // The version is read once here, not from package.json at every start (util/version.ts).
  define: { 'import.meta.url': '__gocrossModuleUrl', GOCROSS_BUNDLED_VERSION: JSON.stringify(VERSION) },
  banner: { js: "const __gocrossModuleUrl = require('node:url').pathToFileURL(__filename).href;" },
} as const satisfies BuildOptions;

const RUN = `import ${JSON.stringify(join(ROOT, 'src/cli/bin.ts'))};`;
const bundles = [...NAMES.map((name) => ({ file: `gocross-${name}`, keep: name as string | undefined })), { file: 'gocross', keep: undefined }];
await Promise.all([
  ...bundles.map(({ file, keep }) =>
    build({
      ...cjs,
      plugins: [lazyChildProcess, onlyCommand(keep)],
      stdin: { contents: RUN, resolveDir: ROOT, sourcefile: `${file}.ts`, loader: 'ts' },
      outfile: join(DIST, 'cli', `${file}.cjs`),
    }),
  ),
  build({
    ...cjs,
    entryPoints: ['src/cli/launch.ts'],
    define: { ...cjs.define, GOCROSS_BUNDLED_COMMANDS: JSON.stringify(NAMES) },
    outfile: join(DIST, 'cli', 'bin.cjs'),
    banner: { js: `#!/usr/bin/env node\n${cjs.banner.js}` },
  }),
  build({
    plugins: [fsWithoutFacade],
    absWorkingDir: ROOT,
    entryPoints: { 'inspect-pool/worker': 'src/inspect-pool/worker.ts' },
    outdir: DIST,
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node22',
    sourcemap: true,
    logLevel: 'warning',
    banner: { js: "import { createRequire as __bundleCreateRequire } from 'node:module'; const require = __bundleCreateRequire(import.meta.url);" },
  }),
]);

// Node's ES module loader looks for the package.json that gives each module's format, from the
// module's folder up, and remembers a hit but not a miss: without one here each start of the worker
// (and of tsc's CLI) cost failed opens. Same "type" as the package's own.
for (const dir of ['cli', 'inspect-pool']) await writeFile(join(DIST, dir, 'package.json'), `${JSON.stringify({ type: 'module' })}\n`);
