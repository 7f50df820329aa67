/**
 * Every host probe reads through a root directory prefix ("/" for this machine), so tests can
 * point doctor at a fixture tree of another distro. Absent files read as null, never throw.
 */
import { access, readdir, readFile, stat } from 'node:fs/promises';
import { constants } from 'node:fs';
import { join } from 'node:path';

export interface HostRoot {
  /** Root directory prefix: "/" for this machine. */
  root: string;
  /** Process environment of the host (HOME, PATH, GOENV…). */
  env: NodeJS.ProcessEnv;
  /** May probes run programs (go, gcc, qemu)? Only when the root is this machine. */
  exec: boolean;
}

export function hostRoot(root = '/', env: NodeJS.ProcessEnv = process.env): HostRoot {
  return { root, env, exec: root === '/' };
}

/** The path of a host path under the root. */
export function under(host: Pick<HostRoot, 'root'>, path: string): string {
  return host.root === '/' ? path : join(host.root, path);
}

export async function readOptional(path: string): Promise<string | null> {
  try {
    return await readFile(path, 'utf8');
  } catch {
    return null;
  }
}

export async function listOptional(path: string): Promise<string[]> {
  try {
    return await readdir(path);
  } catch {
    return [];
  }
}

export async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}

export async function isExecutable(path: string): Promise<boolean> {
  try {
    await access(path, constants.X_OK);
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

/** PATH directories of the host, plus the usual system ones (a fixture root has no PATH of its own). */
export function pathDirs(host: HostRoot): string[] {
  const fromEnv = (host.env.PATH ?? '').split(':').filter(Boolean);
  const system = ['/usr/local/sbin', '/usr/local/bin', '/usr/sbin', '/usr/bin', '/sbin', '/bin'];
  return [...new Set(host.root === '/' ? [...fromEnv, ...system] : system)];
}

/** First executable named `name` on the host's PATH, as a host path (not prefixed), or null. */
export async function findProgram(host: HostRoot, name: string): Promise<string | null> {
  for (const dir of pathDirs(host)) {
    const p = join(dir, name);
    if (await isExecutable(under(host, p))) return p;
  }
  return null;
}
