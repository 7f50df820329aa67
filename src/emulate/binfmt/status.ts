/**
 * binfmt_misc status: facts gathered from the mount (read-status.ts) in, findings out. Pure.
 */
import { findOverlaps, rulesOverlap } from './match.ts';
import { isGocrossEntry } from './naming.ts';
import { preserveArgv0Support } from './p-flag.ts';
import { QEMU_TARGETS, type QemuTarget } from '../../platform/lookup.ts';
import type { BinfmtEntry } from './types.ts';

export interface InterpreterFacts {
  exists: boolean;
  /** null when not an ELF or unreadable. */
  static: boolean | null;
  /** QEMU version when the interpreter is QEMU, else null. */
  qemuVersion: string | null;
}

export interface BinfmtFacts {
  mount: string;
  mounted: boolean;
  /** Content of `status`: true = enabled; null when unreadable. */
  enabled: boolean | null;
  /** Decoded entries, oldest registration first (by inode number: an approximation). */
  entries: BinfmtEntry[];
  /** Entry files that could not be decoded. */
  unreadable: { name: string; error: string }[];
  interpreters: Record<string, InterpreterFacts>;
  kernelRelease: string;
  /** The GOARCH of the host (its own binaries need no entry). */
  hostGoarch: string;
}

export type Severity = 'error' | 'warning' | 'info';

export interface Finding {
  id: string;
  severity: Severity;
  entry: string | null;
  message: string;
  fix: string | null;
}

export interface EntryStatus extends BinfmtEntry {
  gocross: boolean;
  interpreterExists: boolean;
  interpreterStatic: boolean | null;
  interpreterVersion: string | null;
  /** QEMU table rows this entry claims binaries of. */
  qemuArches: string[];
  /** GOARCHes whose linux binaries it runs. */
  goarches: string[];
  /** Names of enabled entries that win over this one for some of its files. */
  shadowedBy: string[];
}

export interface BinfmtStatus {
  mount: string;
  mounted: boolean;
  enabled: boolean | null;
  entries: EntryStatus[];
  findings: Finding[];
  /** false when any finding is an error. */
  ok: boolean;
}

function asRule(t: QemuTarget): BinfmtEntry {
  return { name: `table:${t.qemuArch}`, type: 'M', offset: 0, magic: t.magic, mask: t.mask, extension: null, interpreter: '', flags: [], enabled: true };
}

export function evaluateBinfmt(facts: BinfmtFacts): BinfmtStatus {
  const findings: Finding[] = [];
  const add = (f: Omit<Finding, 'entry' | 'fix'> & Partial<Pick<Finding, 'entry' | 'fix'>>): void => {
    findings.push({ entry: null, fix: null, ...f });
  };
  if (!facts.mounted) {
    add({
      id: 'not-mounted',
      severity: 'error',
      message: `binfmt_misc is not mounted at ${facts.mount}: foreign binaries fail with "exec format error"`,
      fix: `mount -t binfmt_misc binfmt_misc ${facts.mount}  (systemd: systemctl start proc-sys-fs-binfmt_misc.mount)`,
    });
    return { mount: facts.mount, mounted: false, enabled: null, entries: [], findings, ok: false };
  }
  if (facts.enabled === false) {
    add({ id: 'disabled', severity: 'error', message: 'binfmt_misc is disabled: no entry is used', fix: `echo 1 > ${facts.mount}/status` });
  }
  for (const u of facts.unreadable) {
    add({ id: 'unreadable-entry', severity: 'warning', entry: u.name, message: `Cannot decode entry ${u.name}: ${u.error}` });
  }

  const entries: EntryStatus[] = facts.entries.map((e) => {
    const interp = facts.interpreters[e.interpreter] ?? { exists: false, static: null, qemuVersion: null };
    const rows = e.type === 'M' ? QEMU_TARGETS.filter((t) => rulesOverlap(e, asRule(t))) : [];
    return {
      ...e,
      gocross: isGocrossEntry(e.name),
      interpreterExists: interp.exists,
      interpreterStatic: interp.static,
      interpreterVersion: interp.qemuVersion,
      qemuArches: rows.map((t) => t.qemuArch),
      goarches: rows.flatMap((t) => (t.goarch ? [t.goarch] : [])),
      shadowedBy: [],
    };
  });

  for (const e of entries) {
    const isQemu = e.qemuArches.length > 0 || /qemu/.test(e.interpreter);
    if (!e.enabled) {
      add({ id: 'entry-disabled', severity: 'warning', entry: e.name, message: `${e.name} is disabled: its binaries are not run`, fix: `echo 1 > ${facts.mount}/${e.name}` });
    }
    if (!e.interpreterExists) {
      if (e.flags.includes('F')) {
        add({
          id: 'stale-interpreter',
          severity: 'warning',
          entry: e.name,
          message: `${e.name}: interpreter ${e.interpreter} no longer exists; the F flag keeps the opened file working until the entry is re-registered or the host reboots`,
          fix: `reinstall the interpreter (qemu-user-static), then gocross binfmt install --replace`,
        });
      } else {
        add({
          id: 'stale-interpreter',
          severity: 'error',
          entry: e.name,
          message: `${e.name}: interpreter ${e.interpreter} does not exist: its binaries fail with "No such file or directory"`,
          fix: isQemu ? `install qemu-user-static, then gocross binfmt install --replace (or remove it: gocross binfmt uninstall ${e.name})` : `echo -1 > ${facts.mount}/${e.name}`,
        });
      }
    }
    if (!isQemu) continue;
    if (e.goarches.includes(facts.hostGoarch)) {
      add({
        id: 'claims-host-arch',
        severity: 'error',
        entry: e.name,
        message: `${e.name} claims ${facts.hostGoarch} binaries, the host's own: every native program would start under QEMU`,
        fix: `gocross binfmt uninstall ${e.name}`,
      });
    }
    if (!e.flags.includes('F')) {
      add({
        id: 'missing-F',
        severity: 'warning',
        entry: e.name,
        message: `${e.name} lacks the F flag: the kernel looks up ${e.interpreter} at exec time in the caller's mount namespace, so binaries fail with "No such file or directory" inside containers and chroots that do not contain it`,
        fix: `gocross binfmt install ${e.qemuArches[0] ?? ''} --replace`.replace('  ', ' '),
      });
    }
    if (e.interpreterExists && e.interpreterStatic === false) {
      add({
        id: 'dynamic-interpreter',
        severity: 'warning',
        entry: e.name,
        message: `${e.name}: ${e.interpreter} is dynamically linked: inside a chroot or container without the host's libraries it cannot start, even with F`,
        fix: 'install qemu-user-static and re-register with gocross binfmt install --replace',
      });
    }
    if (!e.flags.includes('P')) {
      add({
        id: 'missing-P',
        severity: 'info',
        entry: e.name,
        message: `${e.name} lacks the P flag: argv[0] is lost (programs see the full path instead of the name they were called by; busybox-style multi-call binaries break)`,
      });
    } else if (e.interpreterExists) {
      const p = preserveArgv0Support(e.interpreter, e.interpreterVersion, facts.kernelRelease);
      if (!p.supported && e.interpreterVersion) {
        add({ id: 'unsupported-P', severity: 'error', entry: e.name, message: `${e.name} has the P flag but ${p.reason}`, fix: `gocross binfmt install ${e.qemuArches[0] ?? ''} --replace --flags F` });
      }
    }
  }

  const enabledRules = entries.filter((e) => e.enabled);
  for (const o of findOverlaps(enabledRules)) {
    const older = entries.find((e) => e.name === o.older)!;
    older.shadowedBy.push(o.newer);
    add({
      id: 'overlap',
      severity: 'warning',
      entry: o.older,
      message: `${o.older} and ${o.newer} claim the same binaries (magic & mask overlap); the newer registration (probably ${o.newer}) wins`,
      fix: `remove the one you do not want: gocross binfmt uninstall <name>`,
    });
  }
  return { mount: facts.mount, mounted: true, enabled: facts.enabled, entries, findings, ok: !findings.some((f) => f.severity === 'error') };
}
