#!/usr/bin/env node
/** The only place that calls process.exit: maps typed errors to exit codes (2 usage, 1 failure). */
import { main } from './main.ts';
import { ExitError, UsageError } from './errors.ts';

main(process.argv.slice(2)).then(
  () => {
    process.exitCode ??= 0;
  },
  (error: unknown) => {
    if (error instanceof ExitError) {
      if (error.message) process.stderr.write(`${error.message}\n`);
      process.exit(error.exitCode);
    }
    if (error instanceof UsageError) {
      process.stderr.write(`gocross: ${error.message}\n`);
      process.exit(2);
    }
    const e = error as Error & { longMessage?: string };
    process.stderr.write(`gocross: ${e?.longMessage ?? e?.message ?? String(error)}\n`);
    if (process.env.GOCROSS_DEBUG) process.stderr.write(`${e?.stack ?? ''}\n`);
    process.exit(1);
  },
);
