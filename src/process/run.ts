/**
 * Running external commands: arguments are arrays (never a shell string), failures are one
 * typed ProcessError, timeouts and aborts kill the whole process tree (the child leads its
 * own process group).
 */
import { spawn, type SpawnOptions } from 'node:child_process';
import { GocrossError, type ErrorKind } from '../core/errors.ts';

export interface RunOptions {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** Kill the process tree after this many ms. */
  timeoutMs?: number;
  signal?: AbortSignal;
  /** Text written to stdin (stdin is closed otherwise). */
  input?: string | Uint8Array;
  /** Stream output here as it arrives, in addition to capturing it. */
  onStdout?: (chunk: Buffer) => void;
  onStderr?: (chunk: Buffer) => void;
  /** Pass through the parent's stdio instead of capturing. */
  inherit?: boolean;
  /** Do not throw on non-zero exit; return the result. */
  reject?: boolean;
  /** Cap on captured bytes per stream (default 16 MiB); the rest is dropped, counted in `truncated`. */
  maxBuffer?: number;
}

export interface RunResult {
  command: string;
  args: string[];
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
  aborted: boolean;
  durationMs: number;
  pid: number | undefined;
}

/**
 * A command that could not start (`environment`: the tool is missing), was cancelled (`interrupted`),
 * or failed, timed out or was killed (`failure`).
 */
export class ProcessError extends GocrossError {
  readonly result: RunResult;
  constructor(result: RunResult, cause?: unknown) {
    super(processErrorKind(result, cause), shortMessage(result, cause), cause === undefined ? {} : { cause });
    this.result = result;
  }
  get command(): string {
    return this.result.command;
  }
  get exitCode(): number | null {
    return this.result.exitCode;
  }
  get signal(): NodeJS.Signals | null {
    return this.result.signal;
  }
  get timedOut(): boolean {
    return this.result.timedOut;
  }
  get durationMs(): number {
    return this.result.durationMs;
  }
  get stderr(): string {
    return this.result.stderr;
  }
  /** The short message plus the tail of stderr. */
  override get longMessage(): string {
    const tail = this.result.stderr.trim().split('\n').slice(-20).join('\n');
    return tail ? `${this.message}\n${tail}` : this.message;
  }
}

export function commandLine(command: string, args: readonly string[]): string {
  return [command, ...args].map((a) => (/^[\w@%+=:,./-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`)).join(' ');
}

function processErrorKind(r: RunResult, cause: unknown): ErrorKind {
  if (cause) return 'environment';
  if (r.aborted) return 'interrupted';
  return 'failure';
}

function shortMessage(r: RunResult, cause?: unknown): string {
  const line = commandLine(r.command, r.args);
  if (cause) return `Command failed to start: ${line}: ${(cause as Error).message}`;
  if (r.timedOut) return `Command timed out after ${r.durationMs} ms: ${line}`;
  if (r.aborted) return `Command was cancelled: ${line}`;
  if (r.signal) return `Command was killed by ${r.signal}: ${line}`;
  return `Command failed with exit code ${r.exitCode}: ${line}`;
}

/** Kills the process group led by `pid` (falls back to the process alone). */
export function killTree(pid: number | undefined, signal: NodeJS.Signals = 'SIGKILL'): void {
  if (pid === undefined) return;
  try {
    process.kill(-pid, signal);
  } catch {
    try {
      process.kill(pid, signal);
    } catch {
      // already gone
    }
  }
}

export function run(command: string, args: readonly string[] = [], options: RunOptions = {}): Promise<RunResult> {
  const started = performance.now();
  const maxBuffer = options.maxBuffer ?? 16 * 1024 * 1024;
  return new Promise((resolve, reject) => {
    const spawnOptions: SpawnOptions = {
      cwd: options.cwd,
      env: options.env ?? process.env,
      stdio: options.inherit ? 'inherit' : [options.input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
      detached: true,
    };
    let child;
    const base = { command, args: [...args] };
    try {
      child = spawn(command, [...args], spawnOptions);
    } catch (cause) {
      reject(new ProcessError({ ...base, exitCode: null, signal: null, stdout: '', stderr: '', timedOut: false, aborted: false, durationMs: 0, pid: undefined }, cause));
      return;
    }
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let outLen = 0;
    let errLen = 0;
    let timedOut = false;
    let aborted = false;
    child.stdout?.on('data', (c: Buffer) => {
      options.onStdout?.(c);
      if (outLen < maxBuffer) out.push(c);
      outLen += c.length;
    });
    child.stderr?.on('data', (c: Buffer) => {
      options.onStderr?.(c);
      if (errLen < maxBuffer) err.push(c);
      errLen += c.length;
    });
    if (options.input !== undefined && child.stdin) {
      child.stdin.on('error', () => {});
      child.stdin.end(options.input);
    }
    const timer = options.timeoutMs
      ? setTimeout(() => {
          timedOut = true;
          killTree(child.pid);
        }, options.timeoutMs)
      : undefined;
    const onAbort = (): void => {
      aborted = true;
      killTree(child.pid, 'SIGTERM');
      setTimeout(() => killTree(child.pid), 2000).unref();
    };
    if (options.signal) {
      if (options.signal.aborted) onAbort();
      else options.signal.addEventListener('abort', onAbort, { once: true });
    }
    let spawnError: Error | undefined;
    child.on('error', (e) => {
      spawnError = e;
    });
    child.on('close', (code, sig) => {
      if (timer) clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      // Leftover grandchildren (e.g. a server started by the command) go with it.
      if (timedOut || aborted) killTree(child.pid);
      const result: RunResult = {
        ...base,
        exitCode: code,
        signal: sig,
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
        timedOut,
        aborted,
        durationMs: Math.round(performance.now() - started),
        pid: child.pid,
      };
      if (spawnError) return reject(new ProcessError(result, spawnError));
      if (options.reject === false) return resolve(result);
      if (code !== 0 || timedOut || aborted) return reject(new ProcessError(result));
      resolve(result);
    });
  });
}
