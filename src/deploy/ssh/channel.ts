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
