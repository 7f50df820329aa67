import type { Check, Finding } from '../types.ts';
import { targetForGoarch } from '../../../emulate/binfmt/table.ts';

export const binfmtCheck: Check = {
  id: 'binfmt',
  severity: 'warn',
  title: 'binfmt_misc',
  evaluate(facts) {
    const b = facts.binfmt;
    const foreign = facts.qemu.filter((q) => q.qemuArch);
    if (!b.mounted) {
      return [{
        status: foreign.length > 0 ? 'warn' : 'info',
        message: `${b.mount} is not mounted: foreign binaries only run through an explicit qemu (gocross run does that)`,
        fix: `mount -t binfmt_misc binfmt_misc ${b.mount}`,
      }];
    }
    const findings: Finding[] = [];
    if (!b.enabled) findings.push({ status: 'warn', message: 'binfmt_misc is mounted but disabled', fix: `echo 1 > ${b.mount}/status` });
    else findings.push({ status: 'pass', message: `mounted at ${b.mount}, enabled, ${b.entries.length} entr${b.entries.length === 1 ? 'y' : 'ies'}` });
    for (const u of b.unreadable) findings.push({ status: 'warn', message: `entry ${u.name} cannot be read: ${u.error}` });
    for (const q of foreign) {
      const row = targetForGoarch(q.goarch);
      const entry = b.entries.find((e) => e.name === `qemu-${q.qemuArch}` || (row && e.magic === row.magic));
      if (!entry) findings.push({ status: 'warn', message: `linux/${q.goarch}: no binfmt entry (qemu-${q.qemuArch})`, fix: `sudo gocross binfmt install ${q.goarch}, or install qemu-user-static with systemd-binfmt/binfmt-support` });
      else if (!entry.enabled) findings.push({ status: 'warn', message: `linux/${q.goarch}: entry ${entry.name} is disabled`, fix: `echo 1 > ${b.mount}/${entry.name}` });
      else {
        const noF = entry.flags.includes('F') ? '' : ' (no F flag: the interpreter must exist inside containers/chroots)';
        findings.push({ status: 'pass', message: `linux/${q.goarch}: ${entry.name} → ${entry.interpreter} [${entry.flags.join('')}]${noF}` });
      }
    }
    return findings;
  },
};
