/**
 * Gathers binfmt_misc facts from a mount (default /proc/sys/fs/binfmt_misc) and evaluates them.
 * The only reads: `status`, every entry file, and each interpreter's header and `--version`.
 */
import { readdir, readFile, stat, statfs } from 'node:fs/promises';
import { release } from 'node:os';
import { basename, join } from 'node:path';
import { fileIsStatic } from '../qemu/elf-static.ts';
import { qemuVersion } from '../qemu/find-qemu.ts';
import { parseEntryFile } from './entry-file.ts';
import { DEFAULT_MOUNT } from './naming.ts';
import type { BinfmtFacts, InterpreterFacts } from './facts.ts';
import { evaluateBinfmt, type BinfmtStatus } from './status.ts';
import { hostGoarch } from '../../platform/lookup.ts';
import type { BinfmtEntry } from './types.ts';

/** statfs f_type of binfmt_misc (include/uapi/linux/magic.h BINFMTFS_MAGIC). */
const BINFMTFS_MAGIC = 0x42494e4d;

export interface ReadStatusOptions {
  mount?: string;
}

export async function isBinfmtMounted(mount: string): Promise<boolean> {
  try {
    const s = await statfs(mount);
    return s.type === BINFMTFS_MAGIC;
  } catch {
    return false;
  }
}

async function interpreterFacts(path: string): Promise<InterpreterFacts> {
  try {
    const s = await stat(path);
    if (!s.isFile()) return { exists: false, static: null, qemuVersion: null };
  } catch {
    return { exists: false, static: null, qemuVersion: null };
  }
  const isQemu = /qemu/.test(basename(path)) || /-binfmt-P$/.test(path);
  return { exists: true, static: await fileIsStatic(path), qemuVersion: isQemu ? await qemuVersion(path) : null };
}

/** Reads the entries of a mounted binfmt_misc, oldest registration first (by inode number). */
export async function readEntries(mount: string): Promise<{ entries: BinfmtEntry[]; unreadable: { name: string; error: string }[] }> {
  const names = (await readdir(mount)).filter((n) => n !== 'register' && n !== 'status');
  const read = await Promise.all(
    names.map(async (name) => {
      const path = join(mount, name);
      try {
        const [text, s] = await Promise.all([readFile(path, 'utf8'), stat(path)]);
        return { ok: true as const, ino: s.ino, entry: parseEntryFile(name, text) };
      } catch (error) {
        return { ok: false as const, name, error: (error as Error).message };
      }
    }),
  );
  const good = read.flatMap((r) => (r.ok ? [r] : [])).sort((a, b) => a.ino - b.ino);
  return { entries: good.map((r) => r.entry), unreadable: read.flatMap((r) => (r.ok ? [] : [{ name: r.name, error: r.error }])) };
}

export async function readBinfmtFacts(options: ReadStatusOptions = {}): Promise<BinfmtFacts> {
  const mount = options.mount ?? DEFAULT_MOUNT;
  const base = { mount, kernelRelease: release(), hostGoarch: hostGoarch() };
  if (!(await isBinfmtMounted(mount))) {
    return { ...base, mounted: false, enabled: null, entries: [], unreadable: [], interpreters: {} };
  }
  let enabled: boolean | null = null;
  try {
    enabled = (await readFile(join(mount, 'status'), 'utf8')).trim() === 'enabled';
  } catch {
    enabled = null;
  }
  const { entries, unreadable } = await readEntries(mount);
  const paths = [...new Set(entries.map((e) => e.interpreter))];
  const interpreters: Record<string, InterpreterFacts> = {};
  await Promise.all(paths.map(async (p) => (interpreters[p] = await interpreterFacts(p))));
  return { ...base, mounted: true, enabled, entries, unreadable, interpreters };
}

/** Mounted? enabled? every entry decoded and judged, with findings and fixes. */
export async function readBinfmtStatus(options: ReadStatusOptions = {}): Promise<BinfmtStatus> {
  return evaluateBinfmt(await readBinfmtFacts(options));
}
