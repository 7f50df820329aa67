/**
 * binfmt_misc status: facts gathered from the mount (read-status.ts) in, the binfmt checks
 * (checks/) run over them, entries described for the report. Pure.
 */
import { runChecks, type Finding } from '../../core/check.ts';
import { BINFMT_CHECKS } from './checks/index.ts';
import { entriesOf } from './checks/entry.ts';
import type { BinfmtFacts } from './facts.ts';
import { findOverlaps } from './match.ts';
import { isGocrossEntry } from './naming.ts';
import type { BinfmtEntry } from './types.ts';

export type { BinfmtFacts, InterpreterFacts } from './facts.ts';

/** The JSON document of `gocross binfmt status --json` (2: findings are core check findings). */
export const BINFMT_STATUS_SCHEMA_VERSION = 2;

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
  /** Every check's findings: `subject` is the entry, `code` what is wrong with it (e.g. "missing-F"). */
  findings: Finding[];
  /** false when any finding fails. */
  ok: boolean;
}

export function evaluateBinfmt(facts: BinfmtFacts): BinfmtStatus {
  const findings = runChecks(BINFMT_CHECKS, facts).flatMap((r) => r.findings);
  const ok = !findings.some((f) => f.status === 'fail');
  if (!facts.mounted) return { mount: facts.mount, mounted: false, enabled: null, entries: [], findings, ok };
  const overlaps = findOverlaps(facts.entries.filter((e) => e.enabled));
  const entries = entriesOf(facts).map(({ entry, interpreter, qemuArches, goarches }): EntryStatus => ({
    ...entry,
    gocross: isGocrossEntry(entry.name),
    interpreterExists: interpreter.exists,
    interpreterStatic: interpreter.static,
    interpreterVersion: interpreter.qemuVersion,
    qemuArches,
    goarches,
    shadowedBy: overlaps.filter((o) => o.older === entry.name).map((o) => o.newer),
  }));
  return { mount: facts.mount, mounted: true, enabled: facts.enabled, entries, findings, ok };
}
