/**
 * The shipped CLI's launcher: scripts/bundle-cli.ts makes dist/cli/bin.cjs of it (the sources run
 * bin.ts instead). It turns on V8's compile cache (Node's default place, or NODE_COMPILE_CACHE; off
 * with NODE_DISABLE_COMPILE_CACHE=1) before anything else loads, then requires the one bundle the
 * command line needs: dist/cli/gocross-<command>.cjs, or dist/cli/gocross.cjs when it names no known
 * command (`--help`, an unknown word). `--version` alone loads no bundle at all. Not part of tsc's
 * build (tsconfig.build.json): it needs the bundler's defines.
 */
import { createRequire, enableCompileCache } from 'node:module';
import { requestedCommand } from './requested-command.ts';

/** Both are set by scripts/bundle-cli.ts at build time (esbuild's define). */
declare const GOCROSS_BUNDLED_VERSION: string;
declare const GOCROSS_BUNDLED_COMMANDS: readonly string[];

enableCompileCache?.();
const argv = process.argv.slice(2);
if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-V')) {
  // What commander prints for it (main.ts), without loading commander.
  process.stdout.write(`${GOCROSS_BUNDLED_VERSION}\n`);
} else {
  const name = requestedCommand(argv);
  const bundle = name !== undefined && GOCROSS_BUNDLED_COMMANDS.includes(name) ? `./gocross-${name}.cjs` : './gocross.cjs';
  createRequire(import.meta.url)(bundle);
}
