/**
 * One SSH session to one device (model.ts `Remote`): commands as argv (quoted by quote.ts), output
 * collected up to a cap, time limits and cancellation that stop the remote command, uploads by SFTP
 * or the exec fallback (upload.ts), and one rule for a dead connection: everything pending rejects
 * with ConnectionLostError, and so does everything started afterwards.
 */
import type { Client, ClientChannel, SFTPWrapper } from 'ssh2';
import { describeIoError, type GocrossError } from '../../core/errors.ts';
import { printable } from '../../util/printable.ts';
import { openRegular } from '../../util/regular-file.ts';
import type { DeployHost, ExecOptions, ExecResult, Remote } from '../model.ts';
import { channelLimitFor, ChannelSlots, killChannel, MAX_OUTPUT_BYTES, OutputCollector } from './channel.ts';
import { ConnectionLostError, RemoteCommandError, remoteError } from './errors.ts';
import { commandLine } from './quote.ts';
import { execUploadArgv, fileStream, sftpCloser, sftpPut } from './upload.ts';


type UploadOptions = NonNullable<Parameters<Remote['upload']>[2]>;

export class SshRemote implements Remote {
  readonly host: DeployHost;
  readonly #client: Client;
  #bytesSent = 0;
  /** lost: the connection died under us; closed: close() was called. */
  #state: 'open' | 'closing' | 'closed' | 'lost' = 'open';
  #lostReason: string | null = null;
  /** How each pending operation ends when the session goes away under it. */
  readonly #pending = new Set<() => void>();
  /** How uploads reach this device, once known. */
  #uploadVia: 'sftp' | 'exec' | null = null;
  /**
   * Channels this session closed before their command ended, until the device confirms: dropbear
   * closes a new session channel at once when it arrives while a killed one winds down.
   */
  readonly #windingDown = new Set<Promise<void>>();
  readonly #slots: ChannelSlots;
  readonly #gone: Promise<void>;

  constructor(client: Client, host: DeployHost) {
    this.#client = client;
    this.host = host;
    // ssh2 keeps the server's software version (from its `SSH-2.0-…` line) in an internal field.
    this.#slots = new ChannelSlots(channelLimitFor((client as unknown as { _remoteVer?: string })._remoteVer));
    client.on('error', (error: Error) => {
      this.#lostReason ??= error.message;
    });
    let markGone!: () => void;
    this.#gone = new Promise((resolve) => (markGone = resolve));
    const onGone = (): void => {
      if (this.#state === 'closed' || this.#state === 'lost') return;
      this.#state = this.#state === 'open' ? 'lost' : 'closed';
      markGone();
      for (const fail of [...this.#pending]) fail();
    };
    client.on('end', onGone).on('close', onGone);
  }

  get bytesSent(): number {
    return this.#bytesSent;
  }

  exec(argv: readonly string[], options: ExecOptions = {}): Promise<ExecResult> {
    return this.#execute(argv, options);
  }

  async run(argv: readonly string[], options: ExecOptions = {}): Promise<Buffer> {
    const result = await this.exec(argv, options);
    if (result.code === 0) return result.stdout;
    throw new RemoteCommandError(this.host, commandLine(argv), result);
  }

  async upload(localPath: string, remotePath: string, options: UploadOptions = {}): Promise<{ bytes: number; via: 'sftp' | 'exec' }> {
    const mode = options.mode ?? 0o644;
    const action = `upload ${printable(localPath)} to ${printable(remotePath)}`;
    const handle = await openRegular(localPath).catch((error: unknown) => {
      throw describeIoError(error, localPath, 'upload');
    });
    try {
      const total = (await handle.stat()).size;
      options.onProgress?.(0, total);
      if (this.#uploadVia !== 'exec') {
        const session = await this.#openSftp(action, options.signal);
        if (session) {
          this.#uploadVia = 'sftp';
          try {
            await this.#sftpUpload(session.sftp, action, localPath, remotePath, mode, total, options);
          } finally {
            session.release();
          }
          return { bytes: total, via: 'sftp' };
        }
        this.#uploadVia = 'exec';
      }
      let sent = 0;
      const argv = execUploadArgv(remotePath, mode);
      const result = await this.#execute(argv, { stdin: fileStream(handle), signal: options.signal }, (bytes) => {
        sent += bytes;
        options.onProgress?.(sent, total);
      });
      if (result.code !== 0) throw new RemoteCommandError(this.host, commandLine(argv), result);
      options.onProgress?.(total, total);
      return { bytes: total, via: 'exec' };
    } finally {
      await handle.close();
    }
  }

  async close(): Promise<void> {
    if (this.#state === 'open') {
      this.#state = 'closing';
      this.#client.end();
      // A server that never answers the disconnect does not hold close() up.
      const timer = setTimeout(() => this.#client.destroy(), 2000);
      await this.#gone;
      clearTimeout(timer);
      return;
    }
    await this.#gone;
  }

  /** Why `action` cannot run or go on: the connection died, or close() was called. */
  #goneError(action: string): GocrossError {
    return this.#state === 'lost'
      ? new ConnectionLostError(this.host, action, this.#lostReason)
      : remoteError('failure', this.host, action, 'the SSH session was closed');
  }

  #windDown(channel: ClientChannel, release: () => void): void {
    const closed = killChannel(channel);
    this.#windingDown.add(closed);
    void closed.then(() => {
      this.#windingDown.delete(closed);
      release();
    });
  }

  /** A channel slot, once no channel this session stopped is still winding down. */
  async #slot(): Promise<() => void> {
    const release = await this.#slots.acquire();
    while (this.#windingDown.size > 0) await Promise.all([...this.#windingDown]);
    return release;
  }

  #execute(argv: readonly string[], options: ExecOptions, onStdin?: (bytes: number) => void): Promise<ExecResult> {
    const line = commandLine(argv);
    const action = `run ${printable(line.length > 200 ? `${line.slice(0, 200)}…` : line)}`;
    return new Promise<ExecResult>((resolve, reject) => {
      if (this.#state !== 'open') return reject(this.#goneError(action));
      if (options.signal?.aborted) return reject(remoteError('interrupted', this.host, action, 'cancelled'));
      let settled = false;
      let channel: ClientChannel | null = null;
      let release = (): void => {};
      let timer: NodeJS.Timeout | undefined;
      const finish = (error: GocrossError | null, result?: ExecResult): void => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        options.signal?.removeEventListener('abort', onAbort);
        this.#pending.delete(onGone);
        if (channel && error !== null) this.#windDown(channel, release);
        else release();
        if (error === null) return resolve(result!);
        reject(error);
      };
      const onGone = (): void => finish(this.#goneError(action));
      const onAbort = (): void => finish(remoteError('interrupted', this.host, action, 'cancelled (the device was asked to KILL the command)'));
      this.#pending.add(onGone);
      options.signal?.addEventListener('abort', onAbort, { once: true });
      if (options.timeoutMs !== undefined) {
        timer = setTimeout(() => finish(remoteError('failure', this.host, action, `timed out after ${options.timeoutMs} ms (the device was asked to KILL the command)`)), options.timeoutMs);
      }
      const attach = (ch: ClientChannel): void => {
        channel = ch;
        const stdout = new OutputCollector();
        const stderr = new OutputCollector();
        let exit: { code: number | null; signal: string | null } | null = null;
        const tooMuch = (stream: string): void => finish(remoteError('failure', this.host, action, `it wrote more than ${MAX_OUTPUT_BYTES / 1024 / 1024} MiB to ${stream}`));
        ch.on('data', (chunk: Buffer) => stdout.add(chunk) || tooMuch('stdout'));
        ch.stderr.on('data', (chunk: Buffer) => stderr.add(chunk) || tooMuch('stderr'));
        ch.on('exit', (code: number | null, signal?: string) => {
          exit = { code: typeof code === 'number' ? code : null, signal: signal ?? null };
        });
        ch.on('error', (e: Error) => finish(remoteError('failure', this.host, action, printable(e.message), { cause: e })));
        ch.on('close', () => {
          // ssh2 closes every channel when the connection dies, after the client's own events: a
          // turn later the session knows whether this close was a command ending or the link.
          setImmediate(() => {
            if (exit !== null) return finish(null, { ...exit, stdout: stdout.buffer(), stderr: stderr.buffer() });
            if (this.#state !== 'open') return onGone();
            finish(remoteError('failure', this.host, action, 'the device closed the channel without an exit status'));
          });
        });
        this.#sendStdin(ch, options.stdin, onStdin, (e) => finish(describeIoError(e, 'stdin', 'read')));
      };
      void this.#slot().then((slot) => {
        release = slot;
        if (settled) return release();
        if (this.#state !== 'open') return onGone();
        this.#client.exec(line, (error, ch) => {
          if (!error) return settled ? this.#windDown(ch, release) : attach(ch);
          if (this.#state !== 'open') return onGone();
          finish(remoteError('failure', this.host, action, `the device refused a session channel: ${printable(error.message)}`, { cause: error }));
        });
      });
    });
  }

  #sendStdin(ch: ClientChannel, stdin: ExecOptions['stdin'], onStdin: ((bytes: number) => void) | undefined, fail: (error: unknown) => void): void {
    if (stdin === undefined) {
      ch.end();
      return;
    }
    const count = (bytes: number): void => {
      this.#bytesSent += bytes;
      onStdin?.(bytes);
    };
    if (Buffer.isBuffer(stdin)) {
      count(stdin.length);
      ch.end(stdin);
      return;
    }
    stdin.on('data', (chunk: Buffer | string) => count(typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk.length));
    stdin.on('error', fail);
    stdin.pipe(ch);
  }

  /** An SFTP session, or null when the device has no working SFTP server (refused, or died at start). */
  #openSftp(action: string, signal: AbortSignal | undefined): Promise<{ sftp: SFTPWrapper; release: () => void } | null> {
    return new Promise((resolve, reject) => {
      if (this.#state !== 'open') return reject(this.#goneError(action));
      if (signal?.aborted) return reject(remoteError('interrupted', this.host, action, 'cancelled'));
      const onGone = (): void => {
        this.#pending.delete(onGone);
        reject(this.#goneError(action));
      };
      this.#pending.add(onGone);
      void this.#slot().then((release) => {
        if (!this.#pending.has(onGone)) return release();
        this.#client.sftp((error, sftp) => {
          if (!this.#pending.delete(onGone)) {
            sftp?.end();
            return release();
          }
          if (!error) return resolve({ sftp, release });
          release();
          setImmediate(() => (this.#state === 'open' ? resolve(null) : reject(this.#goneError(action))));
        });
      });
    });
  }

  async #sftpUpload(sftp: SFTPWrapper, action: string, localPath: string, remotePath: string, mode: number, total: number, options: UploadOptions): Promise<void> {
    const close = sftpCloser(sftp);
    let counted = 0;
    let gone: GocrossError | null = null;
    const onGone = (): void => {
      gone = this.#goneError(action);
      sftp.end();
    };
    this.#pending.add(onGone);
    try {
      await sftpPut(sftp, localPath, remotePath, {
        mode,
        signal: options.signal,
        onBytes: (done) => {
          this.#bytesSent += done - counted;
          counted = done;
          options.onProgress?.(done, total);
        },
      });
    } catch (error) {
      if (gone) throw gone;
      if (this.#state !== 'open') throw this.#goneError(action);
      if (options.signal?.aborted) throw remoteError('interrupted', this.host, action, 'cancelled', { cause: error });
      throw remoteError('failure', this.host, action, printable((error as Error).message), { cause: error });
    } finally {
      this.#pending.delete(onGone);
      if (this.#state === 'open') await close();
    }
    options.onProgress?.(total, total);
  }
}
