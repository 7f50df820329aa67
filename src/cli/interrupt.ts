/**
 * The one way a command is stopped early. SIGINT, SIGTERM and a failed write to stdout/stderr (the
 * reader closed the pipe, the disk is full) all abort one process-wide AbortController; long-running
 * commands (build, verify, run, setup --apply) pass its signal down, finish or roll back what is in
 * flight, and bin.ts then exits with the reason's code. Commands that never asked for the signal are
 * ended at once, as the default signal handlers would have done. A second signal ends the process
 * at once too.
 */
import { GocrossError, ioReason } from '../core/errors.ts';

export type InterruptReason = 'SIGINT' | 'SIGTERM' | 'output';

/** The README's table: 128 + the signal's number; a lost stdout/stderr counts as SIGPIPE (13). */
export const INTERRUPT_EXIT_CODES: Readonly<Record<InterruptReason, number>> = { SIGINT: 130, SIGTERM: 143, output: 141 };

const controller = new AbortController();
let cooperating = false;

/** The process-wide signal. Calling it promises to watch it: an interrupt then waits for the command to wind down. */
export function interruptSignal(): AbortSignal {
  cooperating = true;
  return controller.signal;
}

/** The error the signal was aborted with, once it was. */
export function interruption(): GocrossError | undefined {
  return controller.signal.aborted ? (controller.signal.reason as GocrossError) : undefined;
}

function errorFor(reason: InterruptReason, cause?: unknown): GocrossError {
  const exitWith = INTERRUPT_EXIT_CODES[reason];
  if (reason !== 'output') return new GocrossError('interrupted', `Interrupted by ${reason}`, { exitWith, reported: true });
  // A reader that closed the pipe (`| head`) wanted no more: end quietly, as SIGPIPE would. Other write errors are news.
  if ((cause as NodeJS.ErrnoException | undefined)?.code === 'EPIPE') return new GocrossError('interrupted', 'Cannot write the output: the reader closed the pipe', { exitWith, cause, reported: true });
  return new GocrossError('interrupted', `Cannot write the output: ${ioReason(cause)}`, { exitWith, cause });
}

/**
 * Aborts the process-wide signal. Returns the exit code when the process must end now: the command
 * does not watch the signal, or this is a second signal.
 */
export function interrupt(reason: InterruptReason, cause?: unknown): number | undefined {
  const earlier = interruption();
  if (earlier) return reason === 'output' ? undefined : INTERRUPT_EXIT_CODES[reason];
  const error = errorFor(reason, cause);
  controller.abort(error);
  return cooperating ? undefined : INTERRUPT_EXIT_CODES[reason];
}

/**
 * Routes SIGINT, SIGTERM and stdout/stderr errors to interrupt(); `exitNow` is called with the code
 * when the process must end at once. Only bin.ts installs this.
 */
export function installInterruptHandlers(exitNow: (code: number) => void): void {
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      const code = interrupt(signal);
      if (code !== undefined) exitNow(code);
    });
  }
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (error: unknown) => {
      const code = interrupt('output', error);
      if (code !== undefined) exitNow(code);
    });
  }
}
