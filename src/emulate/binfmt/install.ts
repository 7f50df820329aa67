/**
 * Applying an install plan: register each entry, prove it by executing the arch's probe ELF
 * through binfmt_misc, and optionally persist it. Also uninstall.
 */
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { release, tmpdir } from 'node:os';
import { join } from 'node:path';
import { run } from '../../process/run.ts';
import { findQemu } from '../qemu/find-qemu.ts';
import { BinfmtError } from './errors.ts';
import { planInstall, selectTargets, type InstallAction, type InstallPlan, type QemuChoice } from './install-plan.ts';
import { registerEntry, removeEntry } from './kernel.ts';
import { isGocrossEntry, entryName, DEFAULT_MOUNT } from './naming.ts';
import { atomicWrite } from '../../util/atomic-write.ts';
import { detectPersistStyle, persistFile, removePersisted, type PersistFile, type PersistStyle } from './persist.ts';
import { PROBE_EXIT_CODE, probeElf } from './probe-binaries.ts';
import { isBinfmtMounted, readEntries } from './read-status.ts';
import { hostGoarch, resolveQemuTarget } from '../../platform/lookup.ts';
import type { BinfmtFlag } from './types.ts';

export interface InstallOptions {
  arches: string[];
  mount?: string;
  flags?: BinfmtFlag[];
  replace?: boolean;
  persist?: boolean;
  /** Force a persistence style instead of detecting it. */
  persistStyle?: PersistStyle;
  /** Prefix for persisted files (tests). */
  root?: string;
  dryRun?: boolean;
  /** Skip the proof run (default: prove). */
  probe?: boolean;
  /** Interpreter search directories (default $PATH). */
  dirs?: string[];
}

export interface ProbeResult {
  ran: boolean;
  passed: boolean;
  exitCode: number | null;
  detail: string;
}

export interface InstallResult extends InstallAction {
  registered: boolean;
  probe: ProbeResult | null;
  persisted: PersistFile[];
  /** Set when registration or persistence failed at apply time. */
  failure: string | null;
}

export interface InstallReport {
  dryRun: boolean;
  mount: string;
  persistStyle: PersistStyle | null;
  results: InstallResult[];
  unknown: string[];
  ok: boolean;
}

export function requireRoot(action: string): void {
  if (typeof process.getuid === 'function' && process.getuid() !== 0) {
    throw new BinfmtError(`Cannot ${action}: gocross is not running as root`, 'run it with sudo');
  }
}

async function requireMount(mount: string): Promise<void> {
  if (!(await isBinfmtMounted(mount))) {
    throw new BinfmtError(`Cannot use binfmt_misc: it is not mounted at ${mount}`, `mount -t binfmt_misc binfmt_misc ${mount}`);
  }
}

/** Executes the probe ELF of `goarch` directly, so the kernel must hand it to binfmt_misc. */
export async function proveEntry(goarch: string | null): Promise<ProbeResult> {
  const elf = goarch ? probeElf(goarch) : null;
  if (!elf) return { ran: false, passed: false, exitCode: null, detail: 'no probe binary for this arch; registration not proven' };
  const dir = await mkdtemp(join(tmpdir(), 'gocross-probe-'));
  const file = join(dir, `probe-${goarch}`);
  try {
    await writeFile(file, elf);
    await chmod(file, 0o755);
    const r = await run(file, [], { timeoutMs: 20_000, reject: false }).catch((e: Error & { result?: { stderr: string } }) => ({
      exitCode: null,
      signal: null,
      timedOut: false,
      stderr: `${e.message}`,
    }));
    if (r.exitCode === PROBE_EXIT_CODE) return { ran: true, passed: true, exitCode: r.exitCode, detail: 'probe exited 42 as expected' };
    if (r.exitCode === PROBE_EXIT_CODE + 1) {
      return { ran: true, passed: false, exitCode: r.exitCode, detail: 'argv was shifted by one: the interpreter does not honour the P flag (re-register with --flags F)' };
    }
    const why = r.timedOut ? 'timed out' : r.signal ? `killed by ${r.signal}` : r.exitCode === null ? r.stderr.trim() : `exited ${r.exitCode}, expected ${PROBE_EXIT_CODE}`;
    return { ran: true, passed: false, exitCode: r.exitCode, detail: /ENOEXEC|exec format/i.test(why) ? `exec format error: no enabled entry matched` : why };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

export async function planFromHost(options: InstallOptions, mount: string): Promise<InstallPlan> {
  const host = hostGoarch();
  const { targets } = selectTargets(options.arches, host);
  const qemu: Record<string, QemuChoice | null> = {};
  await Promise.all(targets.map(async (t) => (qemu[t.qemuArch] = await findQemu(t.qemuArch, { dirs: options.dirs }))));
  const existing = (await isBinfmtMounted(mount)) ? (await readEntries(mount)).entries : [];
  return planInstall({ requested: options.arches, qemu, existing, flags: options.flags, replace: options.replace ?? false, kernelRelease: release(), hostGoarch: host });
}

export async function installBinfmt(options: InstallOptions): Promise<InstallReport> {
  const mount = options.mount ?? DEFAULT_MOUNT;
  const root = options.root ?? '/';
  const dryRun = options.dryRun ?? false;
  if (!dryRun) {
    requireRoot('register binfmt_misc entries');
    await requireMount(mount);
  }
  const plan = await planFromHost(options, mount);
  const persistStyle = options.persist ? (options.persistStyle ?? (await detectPersistStyle(root))) : null;
  if (options.persist && !persistStyle) {
    throw new BinfmtError(`Cannot persist: neither systemd-binfmt nor update-binfmts found under ${root}`, 'pass --persist-style systemd|debian, or install binfmt-support');
  }
  const results: InstallResult[] = [];
  for (const a of plan.actions) {
    const result: InstallResult = { ...a, registered: false, probe: null, persisted: [], failure: null };
    results.push(result);
    if (a.status !== 'register' || !a.rule || !a.registerString) continue;
    const files = persistStyle ? [persistFile(a.rule, persistStyle, root)] : [];
    if (dryRun) {
      result.persisted = files;
      continue;
    }
    try {
      if (a.replaceExisting) await removeEntry(mount, a.name);
      await registerEntry(mount, a.registerString, a.name);
      result.registered = true;
      for (const f of files) {
        await atomicWrite(f.path, f.content, { mkdir: true });
        result.persisted.push(f);
      }
      if (persistStyle === 'debian' && root === '/' && files.length) {
        const r = await run('update-binfmts', ['--import', a.name], { reject: false, timeoutMs: 30_000 }).catch((e: Error) => ({ exitCode: -1, stderr: e.message }));
        if (r.exitCode !== 0) result.notes.push(`update-binfmts --import ${a.name} failed: ${r.stderr.trim()}`);
      }
    } catch (error) {
      result.failure = (error as Error).message;
      continue;
    }
    if (options.probe !== false) result.probe = await proveEntry(a.goarch);
  }
  const ok = plan.unknown.length === 0 && results.every((r) => r.status !== 'error' && !r.failure && (!r.probe || !r.probe.ran || r.probe.passed));
  return { dryRun, mount, persistStyle, results, unknown: plan.unknown, ok };
}

export interface UninstallOptions {
  /** Entry names or arch names; empty = every gocross-registered entry. */
  names: string[];
  mount?: string;
  root?: string;
  dryRun?: boolean;
}

export interface UninstallResult {
  name: string;
  gocross: boolean;
  removed: boolean;
  persistedRemoved: string[];
  /** Why nothing was removed. */
  reason: string | null;
}

export async function uninstallBinfmt(options: UninstallOptions): Promise<{ results: UninstallResult[]; ok: boolean }> {
  const mount = options.mount ?? DEFAULT_MOUNT;
  const root = options.root ?? '/';
  const dryRun = options.dryRun ?? false;
  if (!dryRun) requireRoot('remove binfmt_misc entries');
  const mounted = await isBinfmtMounted(mount);
  if (!mounted && !dryRun) await requireMount(mount);
  const existing = mounted ? (await readEntries(mount)).entries.map((e) => e.name) : [];
  let names: string[];
  if (options.names.length === 0) {
    names = existing.filter(isGocrossEntry);
  } else {
    names = options.names.map((n) => {
      if (existing.includes(n)) return n;
      const t = resolveQemuTarget(n);
      return t ? entryName(t.qemuArch) : n;
    });
  }
  const results: UninstallResult[] = [];
  for (const name of [...new Set(names)]) {
    const ours = isGocrossEntry(name);
    const r: UninstallResult = { name, gocross: ours, removed: false, persistedRemoved: [], reason: null };
    results.push(r);
    if (existing.includes(name)) {
      if (!dryRun) await removeEntry(mount, name);
      r.removed = true;
    } else {
      r.reason = `no entry named ${name} is registered`;
    }
    // Persisted files are only ever ours: a foreign entry's files belong to its package.
    if (ours && !dryRun) r.persistedRemoved = await removePersisted(name, root);
  }
  return { results, ok: results.every((r) => r.removed || r.persistedRemoved.length > 0 || options.names.length === 0) };
}
