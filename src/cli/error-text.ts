/** How bin.ts prints an error: the one place that turns a thrown value into text for stderr. */
import { GocrossError } from '../core/errors.ts';
import { printableLines } from '../util/printable.ts';

/**
 * What to print for an error: message, then its fix on its own line; stack and causes under GOCROSS_DEBUG.
 * Messages carry file names and strings read from binaries and configs as they are (JSON and callers
 * see them exact); here, at the terminal, each line is made printable — its own line breaks stay.
 */
export function errorText(error: unknown, debug: boolean): string | undefined {
  const e = error as (Error & { longMessage?: string }) | null;
  if (error instanceof GocrossError && error.reported) return undefined;
  const lines = [`gocross: ${e?.longMessage ?? e?.message ?? String(error)}`];
  if (error instanceof GocrossError) {
    // A cause with more to say (a failed command's stderr) is shown under the message.
    const cause = error.cause;
    if (cause instanceof GocrossError && cause.longMessage.startsWith(`${cause.message}\n`) && !lines[0]!.includes(cause.longMessage)) {
      lines.push(cause.longMessage.slice(cause.message.length + 1));
    }
    // Older messages end with their fix in parentheses; print it once.
    if (error.fix && !error.message.includes(error.fix)) lines.push(`fix: ${error.fix}`);
  }
  if (debug) {
    for (let c: unknown = error, depth = 0; c instanceof Error && depth < 5; c = c.cause, depth++) lines.push(depth === 0 ? (c.stack ?? '') : `caused by: ${c.stack ?? c.message}`);
  }
  return printableLines(lines.join('\n'));
}
