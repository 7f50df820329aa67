/** The systemd gate's poll loop: `systemctl show` every ~250 ms until judgeSystemd decides. */
import { setTimeout as sleep } from 'node:timers/promises';
import type { Remote } from '../model.ts';
import { judgeSystemd, parseSystemctlShow, SHOW_PROPERTIES, type UnitSample } from './systemd.ts';

/** One `systemctl show` sample of the unit. */
export async function unitSample(remote: Remote, unitName: string, options: { timeoutMs: number; signal?: AbortSignal }): Promise<UnitSample> {
  const out = await remote.run(['systemctl', 'show', unitName, ...SHOW_PROPERTIES.map((p) => `--property=${p}`)], options);
  return parseSystemctlShow(out.toString('utf8'), Date.now());
}

export const POLL_MS = 250;

export interface SystemdGateResult {
  ok: boolean;
  message: string;
  samples: number;
}

export async function systemdGate(
  remote: Remote,
  unitName: string,
  args: { minHealthySeconds: number; deadlineSeconds: number },
  options: { timeoutMs: number; signal?: AbortSignal },
): Promise<SystemdGateResult> {
  const samples: UnitSample[] = [];
  const minHealthyMs = args.minHealthySeconds * 1000;
  // Starting may take a while before the stable window even begins: allow the HTTP deadline for it.
  const deadlineMs = minHealthyMs + args.deadlineSeconds * 1000;
  for (;;) {
    options.signal?.throwIfAborted();
    samples.push(await unitSample(remote, unitName, options));
    const verdict = judgeSystemd(samples, minHealthyMs, deadlineMs);
    if (verdict.state === 'pass') {
      return { ok: true, message: `active/running for ${(verdict.stableForMs / 1000).toFixed(1)} s, PID ${verdict.sample.mainPid}, NRestarts ${verdict.sample.nRestarts ?? '?'}`, samples: samples.length };
    }
    if (verdict.state === 'fail') return { ok: false, message: verdict.reason, samples: samples.length };
    await sleep(POLL_MS, undefined, { signal: options.signal });
  }
}
