/** Finding a program on the host and asking its version (only when the root is this machine). */
import { run } from '../process/run.ts';
import { findProgram, type HostRoot } from './root.ts';

export interface ProgramFact {
  path: string;
  /** Parsed version, or null when not asked (fixture root) or unparseable. */
  version: string | null;
  /** First line of the version output, for display. */
  banner: string | null;
}

export async function versionOutput(path: string, args: readonly string[]): Promise<string | null> {
  const r = await run(path, args, { reject: false, timeoutMs: 15_000, env: { PATH: process.env.PATH, LC_ALL: 'C' } }).catch(() => null);
  if (!r || r.exitCode !== 0) return null;
  return `${r.stdout}\n${r.stderr}`.trim();
}

/** Locates `name` and, when allowed, runs it with `args` and applies `parse` to the output. */
export async function probeProgram(
  host: HostRoot,
  name: string,
  args: readonly string[],
  parse: (output: string) => string | null,
): Promise<ProgramFact | null> {
  const path = await findProgram(host, name);
  if (!path) return null;
  if (!host.exec) return { path, version: null, banner: null };
  const output = await versionOutput(path, args);
  return { path, version: output ? parse(output) : null, banner: output?.split('\n')[0] ?? null };
}

/** "GNU readelf (GNU Binutils for Debian) 2.40" → "2.40"; "GNU ld version 2.27-44.base.el7" → "2.27". */
export function parseBinutilsVersion(output: string): string | null {
  const first = output.split('\n')[0] ?? '';
  const m = /(?:\)|version)\s+(\d+\.\d+(?:\.\d+)?)/.exec(first) ?? /\s(\d+\.\d+(?:\.\d+)?)\s*$/.exec(first);
  return m ? m[1]! : null;
}

/** "qemu-aarch64 version 7.2.22 (Debian …)" → "7.2.22". */
export function parseQemuVersion(output: string): string | null {
  const m = /version (\d+\.\d+(?:\.\d+)?)/.exec(output);
  return m ? m[1]! : null;
}

/** `gcc -dumpfullversion` / `-dumpversion` output → "12.2.0". */
export function parseGccVersion(output: string): string | null {
  const m = /^(\d+(?:\.\d+)*)/.exec(output.trim());
  return m ? m[1]! : null;
}
