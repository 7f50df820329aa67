#!/usr/bin/env node
/**
 * The only place that ends the process: maps typed errors to exit codes (2 usage, 1 failure).
 * It sets process.exitCode and lets pending stdout/stderr drain instead of calling
 * process.exit() at once, which would cut piped output short.
 */
import { main } from './main.ts';
import { ExitError, UsageError } from './errors.ts';

// `gocross … | head` closes the pipe early: that is not an error.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
}

function finish(code: number, message?: string): void {
  if (message) process.stderr.write(`${message}\n`);
  process.exitCode = code;
  // Drain what is buffered, then exit even if some handle (a timer, a child) is still open.
  let pending = 2;
  const done = (): void => {
    if (--pending === 0) process.exit(code);
  };
  process.stdout.write('', done);
  process.stderr.write('', done);
}

main(process.argv.slice(2)).then(
  () => finish(typeof process.exitCode === 'number' ? process.exitCode : 0),
  (error: unknown) => {
    if (error instanceof ExitError) return finish(error.exitCode, error.message || undefined);
    if (error instanceof UsageError) return finish(2, `gocross: ${error.message}`);
    const e = error as Error & { longMessage?: string };
    const debug = process.env.GOCROSS_DEBUG ? `\n${e?.stack ?? ''}` : '';
    finish(1, `gocross: ${e?.longMessage ?? e?.message ?? String(error)}${debug}`);
  },
);
