/**
 * Emulator backed by src/emulate/run: the same plan `gocross run` makes (native, qemu-<arch>
 * invoked directly with a sysroot for dynamic binaries, Wine, or a refusal with its reason),
 * runBinary() for smoke tests and startBinary() for services.
 */
import { basename, resolve } from 'node:path';
import { gatherHostRunFacts, runBinary, startBinary } from '../../emulate/run/execute.ts';
import { planRun, type RunPlan as EmulatePlan } from '../../emulate/run/plan.ts';
import { commandLine } from '../../process/run.ts';
import type { Emulator } from '../deps.ts';
import type { LaunchedService } from '../service.ts';

export interface QemuEmulatorOptions {
  /** Directories searched for qemu-<arch>[-static] and wine (default: PATH, /usr/bin, /usr/local/bin). */
  qemuDirs?: string[];
  /** Sysroot for dynamic foreign binaries (default: the Debian cross sysroot). */
  sysroot?: string;
}

function describeRunner(plan: EmulatePlan): string {
  if (plan.kind === 'native') return 'native';
  return [basename(plan.command ?? plan.kind), ...plan.prefixArgs].join(' ');
}

export function qemuEmulator(options: QemuEmulatorOptions = {}): Emulator {
  const where = { ...(options.qemuDirs ? { dirs: options.qemuDirs } : {}), ...(options.sysroot ? { sysroot: options.sysroot } : {}) };
  const plans = new Map<string, Promise<EmulatePlan>>();
  const planOf = (path: string, info: Parameters<Emulator['plan']>[1]): Promise<EmulatePlan> => {
    let p = plans.get(path);
    if (!p) {
      p = gatherHostRunFacts(info, where).then((host) => planRun(info, host));
      plans.set(path, p);
    }
    return p;
  };
  const shownCommand = (plan: EmulatePlan, path: string, args: string[]): string =>
    plan.kind === 'native' ? commandLine(resolve(path), args) : commandLine(plan.command ?? '?', [...plan.prefixArgs, resolve(path), ...args]);

  return {
    async plan(path, info) {
      const plan = await planOf(path, info);
      if (plan.kind === 'refuse') return { ok: false, reason: `${(plan.error ?? 'cannot run here').replace(/^Cannot run [^:]*: /, '')}${plan.fix ? ` (${plan.fix})` : ''}` };
      return { ok: true, runner: describeRunner(plan) };
    },

    async runOnce(path, info, args, env, timeoutMs, signal) {
      const plan = await planOf(path, info);
      const started = performance.now();
      const r = await runBinary(path, { ...where, args, env, timeoutMs, prepared: { info, plan }, ...(signal ? { signal } : {}) });
      const envText = Object.entries({ ...plan.env, ...env }).map(([k, v]) => `${k}=${v} `).join('');
      return {
        command: `${envText}${shownCommand(plan, path, args)}`,
        exitCode: r.exitCode,
        signal: r.signal,
        stdout: r.stdout,
        stderr: r.stderr,
        timedOut: r.timedOut,
        durationMs: Math.round(performance.now() - started),
      };
    },

    launcher(path, info) {
      return async (args, env): Promise<LaunchedService> => {
        const plan = await planOf(path, info);
        const started = await startBinary(path, { ...where, args, env, prepared: { info, plan } });
        let done = false;
        const notes: string[] = [];
        void started.exited.then(
          () => (done = true),
          () => (done = true),
        );
        const exited = started.exited.then(
          (e) => ({ exitCode: e.exitCode, signal: e.signal }),
          (error: unknown) => {
            notes.push(`[gocross] cannot start: ${(error as Error).message}`);
            return { exitCode: null, signal: null };
          },
        );
        return {
          pid: started.pid,
          exited,
          streams() {
            return started.output();
          },
          output() {
            const o = started.output();
            return [`$ ${shownCommand(plan, path, args)}`, '--- stdout', o.stdout.trimEnd(), '--- stderr', o.stderr.trimEnd(), ...notes].join('\n');
          },
          async stop(graceMs) {
            if (!done) {
              started.kill('SIGTERM');
              const timer = new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), graceMs).unref());
              if ((await Promise.race([exited, timer])) === 'timeout') notes.push(`[gocross] still running ${graceMs} ms after SIGTERM: SIGKILL`);
            }
            // The leader may be gone while its children (helpers, workers) are not: clear the group.
            started.kill('SIGKILL');
            await exited;
          },
        };
      };
    },
  };
}
