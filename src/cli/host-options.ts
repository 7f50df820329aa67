/**
 * Options shared by the commands that look at a host rather than a toolchain (setup, doctor,
 * lock): targets in build's grammar without asking `go`, and directories that must exist.
 */
import { stat } from 'node:fs/promises';
import { ioReason } from '../core/errors.ts';
import { parseGoarch, parsePortTargets } from '../platform/ports.ts';
import { splitSpec } from '../platform/target-syntax.ts';
import type { Target } from '../platform/target.ts';
import { UsageError } from './errors.ts';

/** What setup and doctor plan for when no --targets is given: the host, arm64 and arm. */
export function defaultHostTargets(hostArch: string): string {
  return [...new Set([hostArch, 'arm64', 'arm'])].map((goarch) => `linux/${goarch}`).join(',');
}

/** --targets of setup: build's grammar over every Go port; negations alone remove from the default. */
export function hostTargets(spec: string | undefined, hostArch: string): Target[] {
  return parsePortTargets(spec ?? defaultHostTargets(hostArch), defaultHostTargets(hostArch));
}

/**
 * --targets of doctor and lock, as the Linux GOARCHes they name (a bare GOARCH means linux/GOARCH),
 * or undefined when the option was not given.
 */
export function linuxTargetArches(spec: string | undefined, hostArch: string): string[] | undefined {
  if (spec === undefined) return undefined;
  const written = splitSpec(spec).map((item) => (item.includes('/') ? item : item.startsWith('!') ? `!linux/${item.slice(1)}` : `linux/${item}`));
  // An empty spec stays empty so that parseTargets refuses it with build's message.
  const targets = parsePortTargets(written.length > 0 ? written.join(',') : spec, defaultHostTargets(hostArch));
  return [...new Set(targets.filter((t) => t.goos === 'linux').map((t) => t.goarch))];
}

/** --host-arch: a GOARCH, or a usage error (x86_64 → "did you mean amd64?"). */
export function hostArchOption(value: string | undefined, fallback: () => string): string {
  return value === undefined ? fallback() : parseGoarch(value, '--host-arch');
}

/** A directory option (--root, --dir) that must name an existing directory: a usage error naming the path otherwise. */
export async function existingDirectory(path: string, option: string): Promise<string> {
  let isDirectory: boolean;
  try {
    isDirectory = (await stat(path)).isDirectory();
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such directory' : ioReason(error);
    throw new UsageError(`Cannot use ${option} ${path}: ${reason}`, { cause: error });
  }
  if (!isDirectory) throw new UsageError(`Cannot use ${option} ${path}: not a directory`);
  return path;
}
