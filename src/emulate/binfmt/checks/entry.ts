/**
 * What the checks need to know about one entry beyond its rule: its interpreter's facts and the
 * QEMU table rows (hence GOARCHes) it claims binaries of, by magic & mask, never by raw magic.
 */
import type { BinfmtFacts, InterpreterFacts } from '../facts.ts';
import { rulesOverlap } from '../match.ts';
import { QEMU_TARGETS, type QemuTarget } from '../../../platform/lookup.ts';
import type { BinfmtEntry, BinfmtRule } from '../types.ts';

export interface EntryFacts {
  entry: BinfmtEntry;
  interpreter: InterpreterFacts;
  /** QEMU table rows this entry claims binaries of. */
  qemuArches: string[];
  /** GOARCHes whose linux binaries it runs. */
  goarches: string[];
  /** Runs binaries of a QEMU arch, or its interpreter is a QEMU. */
  isQemu: boolean;
}

const MISSING: InterpreterFacts = { exists: false, static: null, qemuVersion: null };

/** The table row as a rule, so an entry and a row are compared the way the kernel would. */
export function ruleOfTarget(t: QemuTarget): BinfmtRule {
  return { name: `table:${t.qemuArch}`, type: 'M', offset: 0, magic: t.magic, mask: t.mask, extension: null, interpreter: '', flags: [] };
}

export function entryFacts(facts: Pick<BinfmtFacts, 'interpreters'>, entry: BinfmtEntry): EntryFacts {
  const rows = entry.type === 'M' ? QEMU_TARGETS.filter((t) => rulesOverlap(entry, ruleOfTarget(t))) : [];
  return {
    entry,
    interpreter: facts.interpreters[entry.interpreter] ?? MISSING,
    qemuArches: rows.map((t) => t.qemuArch),
    goarches: rows.flatMap((t) => (t.goarch ? [t.goarch] : [])),
    isQemu: rows.length > 0 || /qemu/.test(entry.interpreter),
  };
}

export function entriesOf(facts: BinfmtFacts): EntryFacts[] {
  return facts.entries.map((e) => entryFacts(facts, e));
}
