#!/usr/bin/env node
/**
 * The only place that ends the process and the only place that prints an error: maps error kinds to
 * exit codes (core/errors.ts, the README's table) and an interrupt (SIGINT, SIGTERM, lost output)
 * to its own code (cli/interrupt.ts). It sets the code and lets pending stdout/stderr drain instead
 * of calling process.exit() at once, which would cut piped output short.
 *
 * The entry of the sources (`node src/cli/bin.ts`), of tsc's dist/cli/bin.js, and of every bundle
 * of the shipped CLI (scripts/bundle-cli.ts; its launcher has turned the compile cache on already).
 */
import module from 'node:module';

// V8's code cache for our modules (Node's default place, or NODE_COMPILE_CACHE; off with
// NODE_DISABLE_COMPILE_CACHE=1). It must be on before they load, so they load below, dynamically:
// static imports would be evaluated first. No top-level await: the bundles are CommonJS.
module.enableCompileCache?.();
void Promise.all([import('../core/errors.ts'), import('./error-text.ts'), import('./interrupt.ts'), import('./main.ts')]).then(
  ([{ exitCodeOf }, { errorText }, { installInterruptHandlers, interrupt, interruption }, { main }]) => {
    let exiting = false;
    let announced = false;

    /** Says once why the command was interrupted (a full disk; a closed pipe and signals stay quiet). */
    function announceInterruption(): void {
      if (announced) return;
      announced = true;
      const text = errorText(interruption(), false);
      // stderr writes to a TTY, file or pipe are synchronous: this lands before process.exit().
      if (text) process.stderr.write(`${text}\n`);
    }

    installInterruptHandlers((code) => {
      exiting = true;
      announceInterruption();
      process.exit(code);
    });

    function finish(code: number, message?: string): void {
      if (exiting) return;
      exiting = true;
      if (message) process.stderr.write(`${message}\n`);
      // Drain what is buffered, then exit even if some handle (a timer, a child) is still open. A write
      // that fails here is lost output too: never exit 0 after it.
      let pending = 2;
      const done = (error?: Error | null): void => {
        if (error) interrupt('output', error);
        if (--pending > 0) return;
        const lost = interruption();
        if (lost) announceInterruption();
        process.exit(lost ? exitCodeOf(lost) : code);
      };
      process.stdout.write('', done);
      process.stderr.write('', done);
    }

    main(process.argv.slice(2)).then(
      () => {
        if (interruption()) return finish(exitCodeOf(interruption()));
        finish(typeof process.exitCode === 'number' ? process.exitCode : 0);
      },
      (error: unknown) => {
        // Once interrupted, what the command threw (a cancelled child, a destroyed stream) is a consequence.
        if (interruption()) return finish(exitCodeOf(interruption()));
        finish(exitCodeOf(error), errorText(error, Boolean(process.env.GOCROSS_DEBUG)));
      },
    );
  },
);
