/**
 * binfmt_misc for the targets the user builds for, judged by the binfmt status checks themselves
 * (entries match targets by magic & mask, as the kernel matches files). Capped at warn: gocross
 * run and verify start QEMU themselves, so binfmt_misc is a convenience here, not a requirement.
 */
import { runChecks, type Check, type Finding } from '../../../core/check.ts';
import { entriesOf } from '../../../emulate/binfmt/checks/entry.ts';
import { BINFMT_CHECKS } from '../../../emulate/binfmt/checks/index.ts';
import type { BinfmtFacts } from '../../../emulate/binfmt/facts.ts';
import type { HostFacts } from '../../facts.ts';

/** The host's binfmt facts as the binfmt checks take them; QEMU versions come from the qemu probe. */
export function binfmtFactsOf(host: HostFacts): BinfmtFacts {
  const b = host.binfmt;
  const versions = new Map(host.qemu.flatMap((q) => (q.path && q.version ? [[q.path, q.version] as const] : [])));
  const interpreters = Object.fromEntries(Object.entries(b.interpreters).map(([path, i]) => [path, { ...i, qemuVersion: i.qemuVersion ?? versions.get(path) ?? null }]));
  return {
    mount: b.mount,
    mounted: b.mounted,
    enabled: b.mounted ? b.enabled : null,
    entries: b.entries,
    unreadable: b.unreadable,
    interpreters,
    kernelRelease: host.kernel?.release ?? '',
    hostGoarch: host.hostGoarch,
  };
}

const capped = (f: Finding): Finding => (f.status === 'fail' ? { ...f, status: 'warn' } : f);

export const binfmtCheck: Check<HostFacts> = {
  id: 'binfmt',
  severity: 'warn',
  title: 'binfmt_misc',
  evaluate(facts) {
    const b = binfmtFactsOf(facts);
    const foreign = facts.qemu.filter((q): q is typeof q & { qemuArch: string } => q.qemuArch !== null);
    const problems = runChecks(BINFMT_CHECKS, b).flatMap((r) => r.findings);
    if (!b.mounted) {
      return problems.map((f) => ({ ...f, status: foreign.length > 0 ? 'warn' : 'info', message: `${f.message} (gocross run and verify start QEMU themselves)` }));
    }
    const entries = entriesOf(b);
    // Entries that serve a target (or wrongly claim the host's own binaries) are doctor's business.
    const wanted = new Set([facts.hostGoarch, ...foreign.map((q) => q.goarch)]);
    const relevant = new Set(entries.filter((x) => x.goarches.some((g) => wanted.has(g))).map((x) => x.entry.name));
    const isEntry = new Set(entries.map((x) => x.entry.name));
    // A disabled entry is reported below, per target, when no enabled one serves it.
    const scoped = problems.filter((f) => f.code !== 'entry-disabled' && (f.subject === undefined || !isEntry.has(f.subject) || relevant.has(f.subject))).map(capped);
    const findings: Finding[] = [];
    if (b.enabled) findings.push({ status: 'pass', message: `mounted at ${b.mount}, enabled, ${b.entries.length} entr${b.entries.length === 1 ? 'y' : 'ies'}` });
    findings.push(...scoped.filter((f) => f.subject === undefined || !isEntry.has(f.subject)));
    for (const q of foreign) {
      const serving = entries.filter((x) => x.goarches.includes(q.goarch));
      const winner = serving.findLast((x) => x.entry.enabled)?.entry;
      if (serving.length === 0) {
        findings.push({ status: 'warn', subject: `linux/${q.goarch}`, message: `linux/${q.goarch}: no binfmt entry (qemu-${q.qemuArch})`, fix: `sudo gocross binfmt install ${q.goarch}, or install qemu-user-static with systemd-binfmt/binfmt-support` });
      } else if (!winner) {
        const e = serving[0]!.entry;
        findings.push({ status: 'warn', subject: `linux/${q.goarch}`, message: `linux/${q.goarch}: entry ${e.name} is disabled`, fix: `echo 1 > ${b.mount}/${e.name}` });
      } else {
        findings.push({ status: 'pass', subject: `linux/${q.goarch}`, message: `linux/${q.goarch}: ${winner.name} → ${winner.interpreter} [${winner.flags.join('')}]` });
      }
    }
    return [...findings, ...scoped.filter((f) => f.subject !== undefined && isEntry.has(f.subject))];
  },
};
