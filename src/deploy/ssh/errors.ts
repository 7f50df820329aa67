/**
 * The errors of the SSH layer. Every message names the device as `name (user@address:port)` and
 * escapes whatever the device said (stderr, a disconnect reason) with util/printable.ts: the
 * message reaches a terminal.
 */
import { GocrossError, type ErrorKind, type GocrossErrorOptions } from '../../core/errors.ts';
import { printable, printableLines } from '../../util/printable.ts';
import type { DeployHost } from '../model.ts';

/** `pi-1 (root@10.0.0.5:22)`, or just `root@10.0.0.5:22` when the name is the address. */
export function describeTarget(host: DeployHost): string {
  const target = `${host.user}@${host.address}:${host.port}`;
  return host.name === host.address ? target : `${printable(host.name)} (${target})`;
}

/** Stderr for a message: the last lines, escaped, at most `max` characters. */
export function clipRemoteText(text: string | Buffer, max = 1000): string {
  const raw = (typeof text === 'string' ? text : text.toString('utf8')).trim();
  const tail = raw.length > max ? `…${raw.slice(-max)}` : raw;
  return printableLines(tail);
}

/** A remote command that ran and exited non-zero (or died of a signal). */
export class RemoteCommandError extends GocrossError {
  readonly target: string;
  /** The command line as sent (quote.ts commandLine). */
  readonly command: string;
  readonly exitCode: number | null;
  readonly signal: string | null;
  readonly stderr: Buffer;

  constructor(host: DeployHost, command: string, result: { code: number | null; signal: string | null; stderr: Buffer }, options: GocrossErrorOptions = {}) {
    const how = result.signal ? `killed by ${result.signal}` : `exit code ${result.code ?? 'unknown'}`;
    const said = clipRemoteText(result.stderr, 300).split('\n').at(-1) ?? '';
    super('failure', `Cannot run ${printable(command)} on ${describeTarget(host)}: ${how}${said ? `: ${said}` : ''}`, options);
    this.target = describeTarget(host);
    this.command = command;
    this.exitCode = result.code;
    this.signal = result.signal;
    this.stderr = result.stderr;
  }

  override get longMessage(): string {
    const tail = clipRemoteText(this.stderr);
    return tail ? `${this.message}\n${tail}` : this.message;
  }
}

/**
 * The SSH connection died under a command or upload (the device rebooted, the network was cut, the
 * keepalives went unanswered). The orchestrator tells a cut network by this class.
 */
export class ConnectionLostError extends GocrossError {
  constructor(host: DeployHost, action: string, reason: string | null, options: GocrossErrorOptions = {}) {
    const why = reason ? ` (${printable(reason)})` : '';
    super('failure', `Cannot ${action} on ${describeTarget(host)}: connection to ${host.address} lost${why}`, {
      fix: 'check that the device is up and reachable; a device switched to a new release restores the previous one by itself if the deploy is not committed',
      ...options,
    });
  }
}

/** An error of this layer with the device named: `Cannot <action> on <target>: <what>`. */
export function remoteError(kind: ErrorKind, host: DeployHost, action: string, what: string, options: GocrossErrorOptions = {}): GocrossError {
  return new GocrossError(kind, `Cannot ${action} on ${describeTarget(host)}: ${what}`, options);
}
