#!/usr/bin/env node
/**
 * The CLI's entry for the sources (`node src/cli/bin.ts` under type stripping) and tsc's dist/. The
 * shipped `gocross` is the bundle scripts/bundle-cli.ts makes from run-cli.ts, which starts faster.
 */
import module from 'node:module';

// V8's code cache for our modules (Node's default place, or NODE_COMPILE_CACHE; off with
// NODE_DISABLE_COMPILE_CACHE=1). It must be on before they load, so they load below, dynamically:
// static imports would be evaluated first.
module.enableCompileCache?.();
const { runCli } = await import('./run-cli.ts');
runCli(process.argv.slice(2));
