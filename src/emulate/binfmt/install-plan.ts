/**
 * Deciding what `gocross binfmt install` registers (pure): which arches, which interpreter,
 * which flags, and what to do about entries already there.
 */
import { rulesOverlap } from './match.ts';
import { entryName, isGocrossEntry } from './naming.ts';
import { preserveArgv0Support } from './p-flag.ts';
import { buildRegisterString } from './register-string.ts';
import { QEMU_TARGETS, resolveQemuTarget, type QemuTarget } from '../../platform/lookup.ts';
import { normaliseFlags, type BinfmtEntry, type BinfmtFlag, type BinfmtRule } from './types.ts';

export interface QemuChoice {
  path: string;
  static: boolean;
  version: string | null;
}

export interface InstallInput {
  /** Arch names (GOARCH or QEMU), or ['all'], or [] (= all Go arches with QEMU installed). */
  requested: string[];
  /** Interpreter found per QEMU arch (null = not installed). */
  qemu: Record<string, QemuChoice | null>;
  existing: BinfmtEntry[];
  /** Explicit flags (--flags); undefined = F, plus P when the interpreter supports it. */
  flags?: BinfmtFlag[];
  replace: boolean;
  kernelRelease: string;
  hostGoarch: string;
}

export interface InstallAction {
  qemuArch: string;
  goarch: string | null;
  name: string;
  status: 'register' | 'skip' | 'error';
  rule: BinfmtRule | null;
  registerString: string | null;
  /** Remove our existing entry of the same name first. */
  replaceExisting: boolean;
  /** Why skipped, or the error. */
  reason: string | null;
  fix: string | null;
  notes: string[];
}

export interface InstallPlan {
  actions: InstallAction[];
  /** Arguments that name no arch. */
  unknown: string[];
}

/** The arches to consider; `all` and no arguments mean every Go arch except the host's. */
export function selectTargets(requested: string[], hostGoarch: string): { targets: QemuTarget[]; unknown: string[]; explicit: boolean } {
  const explicit = !(requested.length === 0 || (requested.length === 1 && requested[0] === 'all'));
  if (!explicit) return { targets: QEMU_TARGETS.filter((t) => t.goarch !== null && t.goarch !== hostGoarch), unknown: [], explicit };
  const targets: QemuTarget[] = [];
  const unknown: string[] = [];
  for (const r of requested) {
    const t = resolveQemuTarget(r);
    if (!t) unknown.push(r);
    else if (!targets.includes(t)) targets.push(t);
  }
  return { targets, unknown, explicit };
}

export function planInstall(input: InstallInput): InstallPlan {
  const { targets, unknown, explicit } = selectTargets(input.requested, input.hostGoarch);
  const actions: InstallAction[] = [];
  for (const t of targets) {
    const name = entryName(t.qemuArch);
    const base = { qemuArch: t.qemuArch, goarch: t.goarch, name, rule: null, registerString: null, replaceExisting: false, reason: null, fix: null, notes: [] as string[] };
    if (t.goarch === input.hostGoarch) {
      actions.push({ ...base, status: 'error', reason: `${t.qemuArch} is the host's own architecture: registering it would send every native program through QEMU`, fix: 'leave it out' });
      continue;
    }
    const qemu = input.qemu[t.qemuArch] ?? null;
    if (!qemu) {
      if (explicit) {
        actions.push({ ...base, status: 'error', reason: `no qemu-${t.qemuArch}-static or qemu-${t.qemuArch} found`, fix: 'install the package qemu-user-static (Debian/Ubuntu: apt-get install qemu-user-static; Fedora/EL: dnf install qemu-user-static)' });
      }
      continue; // `all` registers what is installed
    }
    const notes: string[] = [];
    let flags: BinfmtFlag[];
    if (input.flags) {
      flags = normaliseFlags(input.flags);
    } else {
      flags = ['F'];
      const p = preserveArgv0Support(qemu.path, qemu.version, input.kernelRelease);
      if (p.supported) flags.push('P');
      notes.push(p.supported ? `P: ${p.reason}` : `no P flag: ${p.reason}`);
      flags = normaliseFlags(flags);
    }
    if (!qemu.static) notes.push(`${qemu.path} is dynamically linked: it will not start inside chroots or containers without the host's libraries (install qemu-user-static)`);
    const rule: BinfmtRule = { name, type: 'M', offset: 0, magic: t.magic, mask: t.mask, extension: null, interpreter: qemu.path, flags };
    const same = input.existing.find((e) => e.name === name);
    if (same && !input.replace) {
      actions.push({ ...base, status: 'skip', rule, registerString: buildRegisterString(rule), reason: `${name} is already registered (interpreter ${same.interpreter}, flags ${same.flags.join('') || 'none'})`, fix: 'pass --replace to replace it', notes });
      continue;
    }
    for (const other of input.existing) {
      if (other.name === name || !rulesOverlap(other, rule)) continue;
      notes.push(
        isGocrossEntry(other.name)
          ? `overlaps gocross entry ${other.name}`
          : `${other.name} (not registered by gocross, left untouched) also claims these binaries; ${name}, registered later, wins — remove the other with: gocross binfmt uninstall ${other.name}`,
      );
    }
    actions.push({ ...base, status: 'register', rule, registerString: buildRegisterString(rule), replaceExisting: Boolean(same), notes });
  }
  return { actions, unknown };
}
