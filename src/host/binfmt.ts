/**
 * binfmt_misc as the host shows it under the root: mounted, globally enabled, its entries (read
 * and decoded by the emulation area's readEntries) and whether each interpreter exists and is
 * static. On this machine "mounted" means a binfmt_misc filesystem (statfs magic); under a
 * fixture root, a `status` file. Nothing is run: QEMU versions come from the qemu probe.
 */
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { InterpreterFacts } from '../emulate/binfmt/facts.ts';
import { isBinfmtMounted, readEntries } from '../emulate/binfmt/read-status.ts';
import type { BinfmtEntry } from '../emulate/binfmt/types.ts';
import { fileIsStatic } from '../emulate/qemu/elf-static.ts';
import { readOptional, under, type HostRoot } from './root.ts';

export interface BinfmtFact {
  mount: string;
  mounted: boolean;
  enabled: boolean;
  entries: BinfmtEntry[];
  /** Entries that could not be decoded, with why. */
  unreadable: Array<{ name: string; error: string }>;
  /** Per interpreter path of the entries (qemuVersion is always null here: see QemuFact). */
  interpreters: Record<string, InterpreterFacts>;
}

async function interpreterFacts(host: HostRoot, path: string): Promise<InterpreterFacts> {
  const file = under(host, path);
  const isFile = await stat(file).then((s) => s.isFile(), () => false);
  return { exists: isFile, static: isFile ? await fileIsStatic(file) : null, qemuVersion: null };
}

export async function readBinfmt(host: HostRoot, mount = '/proc/sys/fs/binfmt_misc'): Promise<BinfmtFact> {
  const dir = under(host, mount);
  const status = await readOptional(join(dir, 'status'));
  const mounted = host.root === '/' ? await isBinfmtMounted(dir) : status !== null;
  const fact: BinfmtFact = { mount, mounted, enabled: status?.trim() === 'enabled', entries: [], unreadable: [], interpreters: {} };
  if (!mounted) return fact;
  const { entries, unreadable } = await readEntries(dir).catch((error: Error) => ({ entries: [], unreadable: [{ name: mount, error: error.message }] }));
  const paths = [...new Set(entries.map((e) => e.interpreter))];
  const interpreters = Object.fromEntries(await Promise.all(paths.map(async (p) => [p, await interpreterFacts(host, p)] as const)));
  return { ...fact, entries, unreadable, interpreters };
}
