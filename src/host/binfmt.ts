/**
 * binfmt_misc as the host shows it under the root: mounted, globally enabled, and its entries
 * (read and decoded by the emulation area's readEntries). On this machine "mounted" means a
 * binfmt_misc filesystem (statfs magic); under a fixture root, a `status` file.
 */
import { join } from 'node:path';
import { isBinfmtMounted, readEntries } from '../emulate/binfmt/read-status.ts';
import type { BinfmtEntry } from '../emulate/binfmt/types.ts';
import { readOptional, under, type HostRoot } from './root.ts';

export interface BinfmtFact {
  mount: string;
  mounted: boolean;
  enabled: boolean;
  entries: BinfmtEntry[];
  /** Entries that could not be decoded, with why. */
  unreadable: Array<{ name: string; error: string }>;
}

export async function readBinfmt(host: HostRoot, mount = '/proc/sys/fs/binfmt_misc'): Promise<BinfmtFact> {
  const dir = under(host, mount);
  const status = await readOptional(join(dir, 'status'));
  const mounted = host.root === '/' ? await isBinfmtMounted(dir) : status !== null;
  const fact: BinfmtFact = { mount, mounted, enabled: status?.trim() === 'enabled', entries: [], unreadable: [] };
  if (!mounted) return fact;
  const { entries, unreadable } = await readEntries(dir).catch((error: Error) => ({ entries: [], unreadable: [{ name: mount, error: error.message }] }));
  return { ...fact, entries, unreadable };
}
