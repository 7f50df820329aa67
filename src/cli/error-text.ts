/** How bin.ts prints an error: the one place that turns a thrown value into text for stderr. */
import { ConfigError, formatProblems } from '../config/errors.ts';
import { GocrossError } from '../core/errors.ts';
import { printable, printableDeep, printableLines } from '../util/printable.ts';

/**
 * The message as safe terminal lines. Messages carry file names and strings read from binaries and
 * configs as they are (JSON output and callers see them exact); here each untrusted part is escaped.
 * A message is one line, so a line break in it is data and shows as `\n`; what is laid out on lines
 * of its own (a config's problem list, a command's stderr tail, an explanation) comes from the
 * structure — the problems, `longMessage` — and keeps its line breaks.
 */
function headLines(error: unknown): { text: string; raw: string } {
  const e = error as (Error & { longMessage?: string }) | null;
  if (error instanceof ConfigError) {
    const text = formatProblems(printable(error.file), error.problems.map((p) => printableDeep(p)));
    return { text, raw: error.message };
  }
  const message = e?.message ?? String(error);
  const long = e?.longMessage ?? message;
  if (long === message) return { text: printable(message), raw: long };
  if (long.startsWith(`${message}\n`)) return { text: `${printable(message)}\n${printableLines(long.slice(message.length + 1))}`, raw: long };
  return { text: printableLines(long), raw: long };
}

/** What to print for an error: message, then its fix on its own line; stack and causes under GOCROSS_DEBUG. */
export function errorText(error: unknown, debug: boolean): string | undefined {
  if (error instanceof GocrossError && error.reported) return undefined;
  const head = headLines(error);
  const lines = [`gocross: ${head.text}`];
  if (error instanceof GocrossError) {
    // A cause with more to say (a failed command's stderr) is shown under the message.
    const cause = error.cause;
    if (cause instanceof GocrossError && cause.longMessage.startsWith(`${cause.message}\n`) && !head.raw.includes(cause.longMessage)) {
      lines.push(printableLines(cause.longMessage.slice(cause.message.length + 1)));
    }
    // Older messages end with their fix in parentheses; print it once.
    if (error.fix && !error.message.includes(error.fix)) lines.push(`fix: ${printable(error.fix)}`);
  }
  if (debug) {
    for (let c: unknown = error, depth = 0; c instanceof Error && depth < 5; c = c.cause, depth++) lines.push(printableLines(depth === 0 ? (c.stack ?? '') : `caused by: ${c.stack ?? c.message}`));
  }
  return lines.join('\n');
}
