/** Test fixtures for the binfmt checks and status: entries from the QEMU table, facts around them. Never shipped. */
import { QEMU_TARGETS } from '../../platform/lookup.ts';
import type { BinfmtFacts } from './facts.ts';
import type { BinfmtEntry, BinfmtFlag } from './types.ts';

export const row = (q: string) => QEMU_TARGETS.find((t) => t.qemuArch === q)!;

/** A binfmt entry for QEMU arch `q`, as QEMU's own script registers it. */
export const entry = (name: string, q: string, flags: BinfmtFlag[], over: Partial<BinfmtEntry> = {}): BinfmtEntry => ({
  name, type: 'M', offset: 0, magic: row(q).magic, mask: row(q).mask, extension: null, interpreter: `/usr/bin/qemu-${q}-static`, flags, enabled: true, ...over,
});

/** A mounted, enabled binfmt_misc on an amd64 host whose interpreters all exist and are static. */
export const facts = (entries: BinfmtEntry[], over: Partial<BinfmtFacts> = {}): BinfmtFacts => ({
  mount: '/m', mounted: true, enabled: true, entries, unreadable: [], kernelRelease: '6.8.0', hostGoarch: 'amd64',
  interpreters: Object.fromEntries(entries.map((e) => [e.interpreter, { exists: true, static: true, qemuVersion: '7.2.0' }])),
  ...over,
});
