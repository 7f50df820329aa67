/**
 * Running a binary of any arch: inspect it, gather only the host facts its plan needs, plan
 * (pure), then start it. runBinary() waits; startBinary() hands back a handle for services.
 */
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { inspectFile } from '../../binary/inspect.ts';
import type { BinaryInfo } from '../../binary/types.ts';
import { killTree, run } from '../../process/run.ts';
import { ruleMatches } from '../binfmt/match.ts';
import { hostGoarch, QEMU_TARGETS } from '../../platform/lookup.ts';
import { findQemu, defaultSearchDirs, isExecutable } from '../qemu/find-qemu.ts';
import { planRun, type HostRunFacts, type RunPlan } from './plan.ts';
import { findSysroot } from './sysroot.ts';
import { openRegular } from '../../util/regular-file.ts';
import { join } from 'node:path';
import { GocrossError } from '../../core/errors.ts';

/** An `environment` error: this host cannot run the binary (no QEMU, no Wine, no sysroot…); the plan says why. */
export class RunRefusedError extends GocrossError {
  readonly plan: RunPlan;
  constructor(plan: RunPlan) {
    super('environment', plan.fix ? `${plan.error} (${plan.fix})` : (plan.error ?? 'Cannot run the binary'), plan.fix ? { fix: plan.fix } : {});
    this.plan = plan;
  }
}

export interface RunBinaryOptions {
  args?: string[];
  /** Added to the current environment. */
  env?: Record<string, string>;
  timeoutMs?: number;
  /** Sysroot for dynamic foreign binaries (default: the Debian cross sysroot). */
  sysroot?: string;
  signal?: AbortSignal;
  onStdout?: (chunk: Buffer) => void;
  onStderr?: (chunk: Buffer) => void;
  /** Pass the terminal through (stdin, stdout, stderr) instead of capturing. */
  inherit?: boolean;
  asyncPreemptOff?: boolean;
  /** Interpreter search dirs (default $PATH). */
  dirs?: string[];
  /** The binary's facts and plan when the caller already has them (skips reading and planning again). */
  prepared?: { info: BinaryInfo; plan: RunPlan };
}

export interface RunBinaryResult {
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  timedOut: boolean;
  stdout: string;
  stderr: string;
  plan: RunPlan;
  info: BinaryInfo;
}

/** GOARCH from the ELF header when the reader could not name it, using the QEMU table. */
async function elfGoarch(path: string): Promise<string | null> {
  const fh = await openRegular(path);
  try {
    const head = new Uint8Array(64);
    await fh.read(head, 0, 64, 0);
    return QEMU_TARGETS.find((t) => t.goarch && ruleMatches({ name: t.qemuArch, type: 'M', offset: 0, magic: t.magic, mask: t.mask, extension: null, interpreter: '', flags: [] }, head))?.goarch ?? null;
  } finally {
    await fh.close();
  }
}

async function findWine(dirs: string[]): Promise<HostRunFacts['wine']> {
  const locate = async (name: string): Promise<string | null> => {
    for (const d of dirs) if (await isExecutable(join(d, name))) return join(d, name);
    return null;
  };
  const wine = (await locate('wine')) ?? (await locate('wine64'));
  if (!wine) return null;
  const has64 = Boolean((await locate('wine64')) ?? (await isExecutable('/usr/lib/wine/wine64')));
  const r = await run(wine, ['--version'], { reject: false, timeoutMs: 20_000 }).catch(() => null);
  return { path: wine, version: /wine-(\d+\.\d+)/.exec(r?.stdout ?? '')?.[1] ?? null, has64 };
}

/** The host facts a plan for `info` needs (only those: QEMU for foreign Linux, Wine for PE, sysroot for dynamic). */
export async function gatherHostRunFacts(info: BinaryInfo, options: { sysroot?: string; dirs?: string[] } = {}): Promise<HostRunFacts> {
  const goarch = hostGoarch();
  const goos = process.platform === 'win32' ? 'windows' : process.platform;
  const facts: HostRunFacts = { goos, goarch, // 386 on amd64 is not assumed native: kernels without CONFIG_IA32_EMULATION (like this CI VM) refuse it.
    nativeExtra: [], qemu: null, sysroot: null, wine: null };
  const dirs = options.dirs ?? defaultSearchDirs();
  if (info.format === 'pe') facts.wine = await findWine(dirs);
  if (info.format === 'elf' && info.goarch && info.goarch !== goarch && !facts.nativeExtra.includes(info.goarch)) {
    facts.qemu = await findQemu(info.goarch, { dirs });
    if (info.linkage === 'dynamic') facts.sysroot = await findSysroot(info.goarch, info.interpreter, { explicit: options.sysroot });
  }
  return facts;
}

/** Inspects and plans without running (for --explain and callers that want to decide). */
export async function planFile(path: string, options: Pick<RunBinaryOptions, 'sysroot' | 'asyncPreemptOff' | 'dirs' | 'prepared'> = {}): Promise<{ info: BinaryInfo; plan: RunPlan }> {
  if (options.prepared) return options.prepared;
  let info = await inspectFile(path);
  if (info.format === 'elf' && !info.goarch) info = { ...info, goarch: await elfGoarch(path) };
  const host = await gatherHostRunFacts(info, options);
  return { info, plan: planRun(info, host, { asyncPreemptOff: options.asyncPreemptOff }) };
}

function commandFor(path: string, plan: RunPlan, args: string[]): { command: string; args: string[] } {
  const abs = resolve(path);
  if (plan.kind === 'native') return { command: abs, args };
  return { command: plan.command!, args: [...plan.prefixArgs, abs, ...args] };
}

/** Runs the binary to completion. Throws RunRefusedError when it cannot run here; a non-zero exit is a result, not an error. */
export async function runBinary(path: string, options: RunBinaryOptions = {}): Promise<RunBinaryResult> {
  const { info, plan } = await planFile(path, options);
  if (plan.kind === 'refuse') throw new RunRefusedError(plan);
  const cmd = commandFor(path, plan, options.args ?? []);
  const r = await run(cmd.command, cmd.args, {
    env: { ...process.env, ...plan.env, ...options.env },
    timeoutMs: options.timeoutMs,
    signal: options.signal,
    onStdout: options.onStdout,
    onStderr: options.onStderr,
    inherit: options.inherit,
    reject: false,
  });
  return { exitCode: r.exitCode, signal: r.signal, timedOut: r.timedOut, stdout: r.stdout, stderr: r.stderr, plan, info };
}

export interface StartedBinary {
  pid: number;
  plan: RunPlan;
  /** Kills the whole process tree (the binary, QEMU, anything it started). */
  kill(signal?: NodeJS.Signals): void;
  exited: Promise<{ exitCode: number | null; signal: NodeJS.Signals | null }>;
  /** Output captured so far. */
  output(): { stdout: string; stderr: string };
}

/** Starts a long-running binary (e.g. a service under emulation) in its own process group. */
export async function startBinary(path: string, options: Omit<RunBinaryOptions, 'timeoutMs' | 'inherit'> = {}): Promise<StartedBinary> {
  const { plan } = await planFile(path, options);
  if (plan.kind === 'refuse') throw new RunRefusedError(plan);
  const cmd = commandFor(path, plan, options.args ?? []);
  const child = spawn(cmd.command, cmd.args, { env: { ...process.env, ...plan.env, ...options.env }, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  child.stdout.on('data', (c: Buffer) => {
    out.push(c);
    options.onStdout?.(c);
  });
  child.stderr.on('data', (c: Buffer) => {
    err.push(c);
    options.onStderr?.(c);
  });
  const exited = new Promise<{ exitCode: number | null; signal: NodeJS.Signals | null }>((resolveExit, reject) => {
    child.on('error', reject);
    child.on('close', (exitCode, signal) => resolveExit({ exitCode, signal }));
  });
  await new Promise<void>((ok, fail) => {
    child.once('spawn', ok);
    child.once('error', fail);
  });
  const kill = (signal: NodeJS.Signals = 'SIGKILL'): void => killTree(child.pid, signal);
  options.signal?.addEventListener('abort', () => kill('SIGTERM'), { once: true });
  return {
    pid: child.pid!,
    plan,
    kill,
    exited,
    output: () => ({ stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') }),
  };
}
