/**
 * Runs a setup plan: non-interactively, streaming each command's output, skipping what is
 * already done (installed packages, present repos, a package-list refresh nothing needs), and
 * stopping at the first failure with what succeeded so far.
 */
import { readdir, readFile } from 'node:fs/promises';
import { GocrossError } from '../core/errors.ts';
import { atomicWrite } from '../util/atomic-write.ts';
import { join } from 'node:path';
import { run, ProcessError } from '../process/run.ts';
import { hasCandidate, isInstalled, packageName } from './installed.ts';
import type { SetupPlan, SetupStep } from './types.ts';

export type ApplyEvent =
  | { type: 'start'; step: SetupStep; command: string[] }
  | { type: 'skip'; step: SetupStep; reason: string }
  | { type: 'output'; step: SetupStep; stream: 'stdout' | 'stderr'; chunk: string }
  | { type: 'done'; step: SetupStep; note?: string }
  | { type: 'failed'; step: SetupStep; error: Error };

export interface StepOutcome {
  description: string;
  status: 'done' | 'skipped' | 'failed';
  detail: string;
  /** Packages installed by this step / found already installed. */
  installed?: string[];
  alreadyInstalled?: string[];
}

export interface ApplyResult {
  ok: boolean;
  steps: StepOutcome[];
  /** The step that failed, when one did (later steps did not run). */
  failed: StepOutcome | null;
}

export interface ApplyOptions {
  onEvent?: (event: ApplyEvent) => void;
  signal?: AbortSignal;
  /** Prefix commands with `sudo -n` (default: when not root). */
  sudo?: boolean;
}

async function filesOf(pattern: string): Promise<string[]> {
  if (!pattern.endsWith('/*')) return [pattern];
  const dir = pattern.slice(0, -2);
  try {
    return (await readdir(dir)).map((n) => join(dir, n));
  } catch {
    return [];
  }
}

async function alreadyDone(step: SetupStep): Promise<boolean> {
  if (!step.doneWhen) return false;
  for (const pattern of step.doneWhen.files) {
    for (const file of await filesOf(pattern)) {
      const text = await readFile(file, 'utf8').catch(() => '');
      if (text.includes(step.doneWhen.contains)) return true;
    }
  }
  return false;
}

export async function applyPlan(plan: SetupPlan, options: ApplyOptions = {}): Promise<ApplyResult> {
  const emit = options.onEvent ?? (() => {});
  const sudo = options.sudo ?? (typeof process.getuid === 'function' && process.getuid() !== 0);
  const outcomes: StepOutcome[] = [];
  let repoChanged = false;
  const installSteps = plan.steps.filter((s) => s.kind === 'install');
  // Which packages each install step still needs, decided once before anything runs.
  const missing = new Map<SetupStep, string[]>();
  for (const step of installSteps) {
    const list: string[] = [];
    for (const pkg of step.packages ?? []) if (!(await isInstalled(plan.packageManager, packageName(pkg)))) list.push(pkg);
    missing.set(step, list);
  }

  for (const step of plan.steps) {
    if (options.signal?.aborted) break;
    let command = step.command;
    let skip: string | null = null;
    let installedNow: string[] | undefined;
    let already: string[] | undefined;
    if (step.kind === 'repo' && (await alreadyDone(step))) skip = 'already configured';
    if (step.kind === 'refresh') {
      const pending = [...missing.values()].flat();
      if (pending.length === 0) skip = 'nothing to install';
      else if (plan.packageManager === 'apt' && !repoChanged) {
        const unknown: string[] = [];
        for (const p of pending) if (!(await hasCandidate(p))) unknown.push(p);
        if (unknown.length === 0) skip = `package lists already know ${pending.join(', ')}`;
      }
    }
    if (step.kind === 'install') {
      const wanted = step.packages ?? [];
      const need = missing.get(step) ?? [];
      already = wanted.filter((p) => !need.includes(p));
      if (need.length === 0) skip = `already installed: ${wanted.join(', ')}`;
      else {
        // Same command with only the missing packages (flags stay in place).
        command = [...step.command.filter((a) => !wanted.includes(a)), ...need];
        installedNow = need;
      }
    }
    if (skip) {
      emit({ type: 'skip', step, reason: skip });
      outcomes.push({ description: step.description, status: 'skipped', detail: skip, alreadyInstalled: already });
      continue;
    }
    try {
      if (step.writeFile) {
        emit({ type: 'start', step, command: ['write', step.writeFile.path] });
        await atomicWrite(step.writeFile.path, step.writeFile.content);
      } else {
        // Package names come from gocross's tables; one that looks like an option never reaches the package manager.
        const flagLike = (step.packages ?? []).find((p) => p.startsWith('-'));
        if (flagLike) throw new GocrossError('usage', `Cannot install "${flagLike}": a package name cannot begin with "-"`);
        const envPairs = Object.entries(step.env ?? {}).map(([k, v]) => `${k}=${v}`);
        // sudo resets the environment: pass step variables through env(1).
        const argv = sudo ? ['sudo', '-n', ...(envPairs.length > 0 ? ['env', ...envPairs] : []), ...command] : command;
        emit({ type: 'start', step, command: argv });
        await run(argv[0]!, argv.slice(1), {
          env: { ...process.env, ...step.env },
          signal: options.signal,
          onStdout: (c) => emit({ type: 'output', step, stream: 'stdout', chunk: c.toString('utf8') }),
          onStderr: (c) => emit({ type: 'output', step, stream: 'stderr', chunk: c.toString('utf8') }),
        });
      }
      if (step.kind === 'repo') repoChanged = true;
      const detail = installedNow ? `installed ${installedNow.join(', ')}${already && already.length > 0 ? `; already installed: ${already.join(', ')}` : ''}` : 'done';
      emit({ type: 'done', step, note: detail });
      outcomes.push({ description: step.description, status: 'done', detail, installed: installedNow, alreadyInstalled: already });
    } catch (error) {
      const e = error as Error;
      emit({ type: 'failed', step, error: e });
      const detail = e instanceof ProcessError ? e.longMessage : `Cannot ${step.description}: ${e.message}`;
      const failed: StepOutcome = { description: step.description, status: 'failed', detail };
      outcomes.push(failed);
      return { ok: false, steps: outcomes, failed };
    }
  }
  return { ok: true, steps: outcomes, failed: null };
}
