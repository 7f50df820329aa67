/** What a session does with one ssh2 channel: collect its output up to a cap, and stop it. */
import type { ClientChannel } from 'ssh2';

/** Output kept per stream; a command that writes more is stopped and fails. */
export const MAX_OUTPUT_BYTES = 16 * 1024 * 1024;

export class OutputCollector {
  readonly #chunks: Buffer[] = [];
  #size = 0;
  /** False once the cap is passed (the chunk is dropped). */
  add(chunk: Buffer): boolean {
    this.#size += chunk.length;
    if (this.#size > MAX_OUTPUT_BYTES) return false;
    this.#chunks.push(chunk);
    return true;
  }
  buffer(): Buffer {
    return Buffer.concat(this.#chunks);
  }
}

/**
 * Stops a remote command: the `signal` channel request for KILL, then closes the channel; resolves
 * once the device has closed it too (at most 2 s). dropbear delivers the signal; OpenSSH does only
 * with privilege separation, which a root login skips, so there a command that neither reads stdin
 * nor writes output runs on after a timeout.
 */
export function killChannel(ch: ClientChannel): Promise<void> {
  // ssh2's public signal() refuses once stdin is ended, which is every command without stdin; the
  // request itself is valid until the channel closes, so it goes through ssh2's protocol object.
  const internal = ch as unknown as { outgoing?: { id: number; state: string }; _client?: { _protocol?: { signal?: (id: number, name: string) => void } } };
  const closed = new Promise<void>((resolve) => {
    if (internal.outgoing?.state === 'closed') return resolve();
    const timer = setTimeout(resolve, 2000);
    ch.once('close', () => {
      clearTimeout(timer);
      resolve();
    });
  });
  try {
    const out = internal.outgoing;
    if (out && (out.state === 'open' || out.state === 'eof')) internal._client?._protocol?.signal?.(out.id, 'KILL');
  } catch {
    // the channel is going anyway
  }
  try {
    ch.close();
  } catch {
    // already closed
  }
  return closed;
}

/**
 * Channels open at once per session. OpenSSH refuses the 11th (MaxSessions 10 by default), so
 * callers may start any number of commands and the session opens them a few at a time.
 */
export const MAX_OPEN_CHANNELS = 8;

/**
 * How many channels a server gets at once, from its version string (`OpenSSH_9.2p1`,
 * `dropbear_2022.83`). dropbear at times closes a new session channel unanswered while another
 * one's command ends (seen with 2022.83 on loopback, a few in a hundred): one at a time there.
 */
export function channelLimitFor(serverSoftware: string | undefined): number {
  return /^dropbear/i.test(serverSoftware ?? '') ? 1 : MAX_OPEN_CHANNELS;
}

export class ChannelSlots {
  readonly #limit: number;
  #open = 0;
  readonly #waiting: Array<() => void> = [];

  constructor(limit: number) {
    this.#limit = limit;
  }

  /** Resolves when a channel may be opened; call the returned function once it is closed. */
  async acquire(): Promise<() => void> {
    if (this.#open >= this.#limit) await new Promise<void>((resolve) => this.#waiting.push(resolve));
    this.#open++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.#open--;
      this.#waiting.shift()?.();
    };
  }
}
