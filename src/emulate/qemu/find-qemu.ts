/**
 * Finding QEMU user-mode interpreters on the host: qemu-<arch>-static is preferred (it works in
 * chroots and containers and with the F flag), then qemu-<arch>. Versions come from `--version`.
 */
import { constants } from 'node:fs';
import { access, readdir, realpath } from 'node:fs/promises';
import { delimiter, join } from 'node:path';
import { run } from '../../process/run.ts';
import { pool } from '../../util/pool.ts';
import { cachedForBinary } from '../../util/tool-cache.ts';
import { QEMU_TARGETS, resolveQemuTarget } from '../../platform/lookup.ts';
import { fileIsStatic } from './elf-static.ts';

export interface QemuBinary {
  /** Absolute path as found (not resolved through symlinks). */
  path: string;
  qemuArch: string;
  goarch: string | null;
  static: boolean;
  /** e.g. "7.2.22", or null when `--version` did not answer. */
  version: string | null;
}

export interface FindQemuOptions {
  /** Directories to search (default: $PATH, then /usr/bin, /usr/local/bin). */
  dirs?: string[];
  /** Only accept qemu-<arch>-static. */
  requireStatic?: boolean;
}

export function defaultSearchDirs(env: NodeJS.ProcessEnv = process.env): string[] {
  const dirs = (env.PATH ?? '').split(delimiter).filter(Boolean);
  for (const d of ['/usr/bin', '/usr/local/bin']) if (!dirs.includes(d)) dirs.push(d);
  return dirs;
}

export async function isExecutable(path: string): Promise<boolean> {
  try {
    await access(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** Parses `qemu-aarch64 version 7.2.22 (Debian 1:7.2+dfsg-7+deb12u18+b3)` → "7.2.22". */
export function parseQemuVersion(text: string): string | null {
  return /\bversion (\d+\.\d+(?:\.\d+)?)/.exec(text)?.[1] ?? null;
}

const versionCache = new Map<string, Promise<string | null>>();
/**
 * `--version` of a QEMU, once per process and kept on disk per binary (path, size, mtime): the
 * spawn costs ~30 ms of CPU per arch on every verify. A version that could not be read is not
 * kept, so the next command asks again.
 */
export function qemuVersion(path: string): Promise<string | null> {
  let v = versionCache.get(path);
  if (!v) {
    v = cachedForBinary('qemu-version', path, async () => {
      const version = parseQemuVersion((await run(path, ['--version'], { timeoutMs: 10_000, reject: false })).stdout);
      if (version === null) throw new Error(`${path} --version printed no version`);
      return version;
    }).catch(() => null);
    versionCache.set(path, v);
  }
  return v;
}

async function describe(path: string, qemuArch: string, goarch: string | null): Promise<QemuBinary> {
  const isStatic = (await fileIsStatic(path)) ?? false;
  return { path, qemuArch, goarch, static: isStatic, version: await qemuVersion(path) };
}

/** Candidate paths for one QEMU arch, best first. */
async function candidates(qemuArch: string, dirs: string[], requireStatic: boolean): Promise<string[]> {
  const names = requireStatic ? [`qemu-${qemuArch}-static`] : [`qemu-${qemuArch}-static`, `qemu-${qemuArch}`];
  const found: string[] = [];
  for (const name of names) {
    for (const dir of dirs) {
      const p = join(dir, name);
      if (await isExecutable(p)) {
        found.push(p);
        break;
      }
    }
  }
  return found;
}

/**
 * The interpreter for a GOARCH (or QEMU arch name): static preferred, then dynamic.
 * Returns null when none is installed (the fix: install qemu-user-static).
 */
export async function findQemu(arch: string, options: FindQemuOptions = {}): Promise<{ path: string; static: boolean; version: string | null } | null> {
  const target = resolveQemuTarget(arch);
  if (!target) return null;
  const [first] = await candidates(target.qemuArch, options.dirs ?? defaultSearchDirs(), options.requireStatic ?? false);
  if (!first) return null;
  const d = await describe(first, target.qemuArch, target.goarch);
  return { path: d.path, static: d.static, version: d.version };
}

/** Every QEMU user-mode binary on the host (both -static and dynamic flavours), with versions. */
export async function listQemu(options: Pick<FindQemuOptions, 'dirs'> = {}): Promise<QemuBinary[]> {
  const dirs = options.dirs ?? defaultSearchDirs();
  const seen = new Set<string>();
  const found: { path: string; qemuArch: string; goarch: string | null }[] = [];
  const known = new Map(QEMU_TARGETS.map((t) => [t.qemuArch, t.goarch]));
  for (const dir of dirs) {
    let names: string[];
    try {
      names = await readdir(dir);
    } catch {
      continue;
    }
    for (const name of names.sort()) {
      const m = /^qemu-([a-z0-9_]+?)(-static)?$/.exec(name);
      if (!m || !known.has(m[1]!)) continue;
      const p = join(dir, name);
      const real = await realpath(p).catch(() => p);
      if (seen.has(real) || !(await isExecutable(p))) continue;
      seen.add(real);
      found.push({ path: p, qemuArch: m[1]!, goarch: known.get(m[1]!) ?? null });
    }
  }
  const settled = await pool(found, (f) => describe(f.path, f.qemuArch, f.goarch), { limit: 4 });
  return settled.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
}
