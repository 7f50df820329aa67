/**
 * The fleet run: waves in order, hosts of a wave in parallel (up to `concurrency`), one failure
 * budget over the whole run. When the budget is exceeded no new host starts, the hosts in flight
 * finish, and the hosts of the current wave that reached the release are put back (`revertHost`);
 * later waves stay untouched. When `signal` aborts (Ctrl-C) no new host starts and the hosts in
 * flight receive the signal: the per-host pipeline finishes or reverts each, never leaving one
 * half-switched.
 *
 * The per-host pipeline comes in as a parameter (src/deploy/host.ts in production), and so does
 * persistence (`saveState`): this module decides, it does not connect or write.
 */
import { pool } from '../../util/pool.ts';
import type { DeployEvent, DeployHost, DeployHostFn, HostContext, HostResult, RevertHostFn } from '../model.ts';
import { budgetExceeded, countsAgainstBudget, hostsToRollBack, succeeded, untouchedResult } from './outcomes.ts';
import { allDone, hostFinished, hostInterrupted, hostStarted, hostStepped, type DeployState } from './state.ts';

export interface FleetRunInput {
  /** Shared by every host; its `emit` is wrapped so step events also advance the state. */
  ctx: HostContext;
  waves: readonly (readonly DeployHost[])[];
  /** The budget as a host count (failureBudget of the config's maxFailures). */
  maxFailures: number;
  concurrency: number;
  /** Where the run starts: a fresh state, or a resumed one whose finished hosts stay finished. */
  state: DeployState;
  deployHost: DeployHostFn;
  revertHost: RevertHostFn;
  signal?: AbortSignal;
  /** Called with every new state (host started, step ended, host done, wave boundaries). */
  saveState: (state: DeployState) => void;
  now?: () => string;
}

export interface FleetRunResult {
  /** Every host of the plan, in wave order, untouched ones included. */
  hosts: HostResult[];
  waves: Array<{ wave: number; hosts: string[]; durationMs: number }>;
  failures: number;
  budgetExceeded: boolean;
  interrupted: boolean;
  state: DeployState;
}

export async function runFleet(input: FleetRunInput): Promise<FleetRunResult> {
  const now = input.now ?? (() => new Date().toISOString());
  const dryRun = input.ctx.dryRun;
  const hostSignal = input.signal ?? new AbortController().signal;
  let state = input.state;
  const save = (next: DeployState): void => {
    state = next;
    input.saveState(state);
  };
  const results = new Map<string, HostResult>();
  const interruptedResults = new Map<string, HostResult>();
  for (const [name, host] of Object.entries(state.hosts)) if (host.progress === 'done' && host.result) results.set(name, host.result);

  const emit = input.ctx.emit;
  const ctx: HostContext = {
    ...input.ctx,
    emit: (event: DeployEvent) => {
      if (event.type === 'step' && event.phase === 'end' && state.hosts[event.host]) save(hostStepped(state, event.host, event.step, now()));
      emit(event);
    },
  };

  let exceeded = !dryRun && budgetExceeded(state.failures, input.maxFailures);
  const waves: FleetRunResult['waves'] = [];
  const finish = (result: HostResult, ownFailure: boolean): void => {
    results.set(result.host, result);
    save(hostFinished(state, result, ownFailure, now()));
    emit({ type: 'host-done', result });
  };

  for (const [index, wave] of input.waves.entries()) {
    const number = index + 1;
    const todo = wave.filter((h) => !results.has(h.name));
    if (todo.length === 0) {
      waves.push({ wave: number, hosts: wave.map((h) => h.name), durationMs: 0 });
      continue;
    }
    if (exceeded || hostSignal.aborted) break;
    const started = Date.now();
    emit({ type: 'wave-start', wave: number, hosts: todo.map((h) => h.name) });

    // Stops the pool from starting hosts (budget exceeded or Ctrl-C); hosts in flight see only Ctrl-C.
    const stopStarting = new AbortController();
    const onAbort = (): void => stopStarting.abort();
    hostSignal.addEventListener('abort', onAbort, { once: true });
    let waveFailures = 0;
    let settled;
    try {
      settled = await pool(
        todo,
        async (host) => {
          save(hostStarted(state, host.name, now()));
          const result = await input.deployHost(ctx, host, number, hostSignal);
          if (hostSignal.aborted && !succeeded(result.outcome)) {
            // Stopped or switched back because of Ctrl-C: reported as it is, run again on --resume.
            save(hostInterrupted(state, result, now()));
            emit({ type: 'host-done', result });
            interruptedResults.set(host.name, result);
            return;
          }
          const ownFailure = countsAgainstBudget(result.outcome);
          finish(result, ownFailure);
          if (ownFailure) waveFailures++;
          if (!dryRun && !exceeded && budgetExceeded(state.failures, input.maxFailures)) {
            exceeded = true;
            emit({ type: 'budget-exceeded', failures: state.failures, maxFailures: input.maxFailures, wave: number });
            stopStarting.abort();
          }
        },
        { limit: input.concurrency, signal: stopStarting.signal },
      );
    } finally {
      hostSignal.removeEventListener('abort', onAbort);
    }
    // deployHost throws only for programming errors: the state is saved, the error is not hidden.
    const broken = settled.find((s) => s.status === 'rejected');
    if (broken) throw broken.reason;

    if (exceeded) {
      const reason = `the failure budget was exceeded in wave ${number} (${state.failures} failures, ${input.maxFailures} allowed): rolling back the wave`;
      const updated = hostsToRollBack(wave.map((h) => results.get(h.name)).filter((r): r is HostResult => r !== undefined));
      const hostsByName = new Map(wave.map((h) => [h.name, h]));
      const reverted = await pool(updated, async (result) => finish(await input.revertHost(ctx, hostsByName.get(result.host) as DeployHost, result, reason), false), {
        limit: input.concurrency,
      });
      const revertBroken = reverted.find((s) => s.status === 'rejected');
      if (revertBroken) throw revertBroken.reason;
    }
    waves.push({ wave: number, hosts: wave.map((h) => h.name), durationMs: Date.now() - started });
    emit({ type: 'wave-end', wave: number, failures: waveFailures });
  }

  // Waves never started (budget exceeded, interrupted) are listed too, like their untouched hosts.
  for (const [index, wave] of input.waves.entries()) if (index >= waves.length) waves.push({ wave: index + 1, hosts: wave.map((h) => h.name), durationMs: 0 });
  const hosts = input.waves.flatMap((wave, index) => wave.map((h) => results.get(h.name) ?? interruptedResults.get(h.name) ?? untouchedResult(h, index + 1)));
  const interrupted = hostSignal.aborted && !allDone(state);
  if (interrupted) emit({ type: 'interrupted' });
  return { hosts, waves, failures: state.failures, budgetExceeded: budgetExceeded(state.failures, input.maxFailures), interrupted, state };
}
