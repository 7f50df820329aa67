/**
 * The only place that ends the process and the only place that prints an error: maps error kinds to
 * exit codes (core/errors.ts, the README's table) and an interrupt (SIGINT, SIGTERM, lost output)
 * to its own code (cli/interrupt.ts). It sets the code and lets pending stdout/stderr drain instead
 * of calling process.exit() at once, which would cut piped output short.
 *
 * Two entries call it: bin.ts (the sources under Node's type stripping, and tsc's dist/) and the
 * shipped CLI bundle (scripts/bundle-cli.ts), whose launcher turns on the compile cache first.
 */
import { exitCodeOf } from '../core/errors.ts';
import { errorText } from './error-text.ts';
import { installInterruptHandlers, interrupt, interruption } from './interrupt.ts';
import { main } from './main.ts';

export function runCli(argv: string[]): void {
  let exiting = false;
  let announced = false;

  /** Says once why the command was interrupted (a full disk; a closed pipe and signals stay quiet). */
  const announceInterruption = (): void => {
    if (announced) return;
    announced = true;
    const text = errorText(interruption(), false);
    // stderr writes to a TTY, file or pipe are synchronous: this lands before process.exit().
    if (text) process.stderr.write(`${text}\n`);
  };

  installInterruptHandlers((code) => {
    exiting = true;
    announceInterruption();
    process.exit(code);
  });

  const finish = (code: number, message?: string): void => {
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
  };

  main(argv).then(
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
}
