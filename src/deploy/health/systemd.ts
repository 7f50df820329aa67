/**
 * The systemd gate, decided over samples of `systemctl show`: the unit must be `active`/`running`
 * with the same main PID and an unchanged NRestarts for `minHealthyMs` in a row. A unit that
 * fails, sits in `auto-restart`, or is restarted by systemd (NRestarts grows, MainPID changes)
 * fails at once: Ansible's "started" for a service that died a second later is what this catches.
 * Pure; the poll loop is in systemd-gate.ts.
 */

export interface UnitSample {
  /** Controller clock, ms. */
  atMs: number;
  activeState: string;
  subState: string;
  nRestarts: number | null;
  mainPid: number | null;
  execMainStatus: number | null;
}

export const SHOW_PROPERTIES = ['ActiveState', 'SubState', 'NRestarts', 'MainPID', 'ExecMainStatus'] as const;

export function parseSystemctlShow(text: string, atMs: number): UnitSample {
  const kv = new Map<string, string>();
  for (const line of text.split('\n')) {
    const eq = line.indexOf('=');
    if (eq > 0) kv.set(line.slice(0, eq).trim(), line.slice(eq + 1).trim());
  }
  const num = (key: string): number | null => {
    const v = kv.get(key);
    return v !== undefined && /^\d+$/.test(v) ? Number(v) : null;
  };
  return {
    atMs,
    activeState: kv.get('ActiveState') ?? 'unknown',
    subState: kv.get('SubState') ?? 'unknown',
    nRestarts: num('NRestarts'),
    mainPid: num('MainPID'),
    execMainStatus: num('ExecMainStatus'),
  };
}

export type SystemdVerdict =
  | { state: 'pending'; stableForMs: number }
  | { state: 'pass'; stableForMs: number; sample: UnitSample }
  | { state: 'fail'; reason: string; sample: UnitSample };

function describe(s: UnitSample): string {
  const exit = s.execMainStatus !== null && s.execMainStatus !== 0 ? `, last exit status ${s.execMainStatus}` : '';
  return `${s.activeState}/${s.subState}${exit}`;
}

/**
 * Judge the samples so far (oldest first). `deadlineMs`: time after the first sample by which
 * the unit must have been stable for `minHealthyMs`.
 */
export function judgeSystemd(samples: readonly UnitSample[], minHealthyMs: number, deadlineMs: number): SystemdVerdict {
  const first = samples[0];
  if (!first) return { state: 'pending', stableForMs: 0 };
  const baseline = first.nRestarts;
  let stableSince: UnitSample | null = null;
  let last = first;
  for (const s of samples) {
    last = s;
    if (s.activeState === 'failed') return { state: 'fail', reason: `the unit failed (${describe(s)})`, sample: s };
    if (s.subState === 'auto-restart') return { state: 'fail', reason: `the service exited and systemd is restarting it (${describe(s)})`, sample: s };
    if (baseline !== null && s.nRestarts !== null && s.nRestarts > baseline) {
      return { state: 'fail', reason: `systemd restarted the service ${s.nRestarts - baseline} time(s) (${describe(s)})`, sample: s };
    }
    const running = s.activeState === 'active' && s.subState === 'running';
    if (!running) {
      // Sampled after `systemctl restart` returned: a unit that is not even starting has exited.
      if (s.activeState === 'inactive' || s.activeState === 'deactivating') {
        return { state: 'fail', reason: `the service stopped (${describe(s)})`, sample: s };
      }
      stableSince = null;
      continue;
    }
    if (stableSince && stableSince.mainPid !== s.mainPid) {
      return { state: 'fail', reason: `the main process changed (PID ${stableSince.mainPid} → ${s.mainPid})`, sample: s };
    }
    stableSince ??= s;
    if (s.atMs - stableSince.atMs >= minHealthyMs) return { state: 'pass', stableForMs: s.atMs - stableSince.atMs, sample: s };
  }
  if (last.atMs - first.atMs >= deadlineMs) {
    return { state: 'fail', reason: `not active/running for ${Math.round(minHealthyMs / 1000)} s within ${Math.round(deadlineMs / 1000)} s (${describe(last)})`, sample: last };
  }
  return { state: 'pending', stableForMs: stableSince ? last.atMs - stableSince.atMs : 0 };
}
