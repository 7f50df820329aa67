/**
 * The one place a remote command line is made. An SSH exec request carries a single string that
 * the device's login shell (OpenSSH's or dropbear's `sh -c`, often BusyBox ash) splits again, so
 * every argv element is quoted for a POSIX shell here and nowhere else; user data never reaches a
 * remote shell any other way.
 */

import { GocrossError } from '../../core/errors.ts';

/** Words a POSIX shell takes literally when unquoted. No `=` (a first word `A=b` is an assignment), no `~`, no glob characters. */
const LITERAL = /^[A-Za-z0-9_@%+:,./-]+$/;

/**
 * One argument for a POSIX shell: in single quotes, where nothing is special, with each `'`
 * written as `'\''` (close, escaped quote, reopen). Empty is `''`. Plain words stay as they are,
 * so logged commands stay readable.
 */
export function shellQuote(arg: string): string {
  if (arg.includes('\0')) {
    throw new GocrossError('input', `Cannot pass ${JSON.stringify(arg)} to a remote command: it contains a NUL byte, which no command argument can hold`);
  }
  if (LITERAL.test(arg)) return arg;
  return `'${arg.replaceAll("'", `'\\''`)}'`;
}

/** The command line that runs exactly `argv` on a remote POSIX shell. */
export function commandLine(argv: readonly string[]): string {
  if (argv.length === 0) throw new RangeError('commandLine() needs at least the command');
  return argv.map(shellQuote).join(' ');
}
