/**
 * Which C library the host has, and its version, read from files so it works on a fixture tree:
 * - glibc: a `libc-X.Y.so` file name (glibc < 2.34 installs one), else the banner inside
 *   libc.so.6 ("GNU C Library (…) stable release version 2.36."), searched in the lib directories
 *   (including multiarch ones such as lib/x86_64-linux-gnu);
 * - musl: a /lib/ld-musl-*.so.1 loader; its version from Alpine's package database
 *   (/lib/apk/db/installed: `P:musl` then `V:1.2.4-r2`).
 * When files say nothing, the caller may fall back to the os-release → profile mapping.
 */
import { open } from 'node:fs/promises';
import { join } from 'node:path';
import { listOptional, readOptional, under, type HostRoot } from './root.ts';

export interface LibcFact {
  libc: 'glibc' | 'musl';
  version: string | null;
  /** Host path of the evidence ("/usr/lib64/libc-2.17.so", "/lib/apk/db/installed", "os-release"). */
  source: string;
}

const libDirs = ['/lib64', '/lib', '/usr/lib64', '/usr/lib'];

/** Finds "release version X.Y" in a glibc banner. */
export function glibcVersionFromBanner(text: string): string | null {
  const m = /GNU C Library[^\n\0]*?version (\d+\.\d+(?:\.\d+)?)/.exec(text);
  return m ? m[1]! : null;
}

/** Scans a (possibly large) file for the glibc banner without reading it all at once. */
async function bannerIn(path: string): Promise<string | null> {
  let handle;
  try {
    handle = await open(path, 'r');
  } catch {
    return null;
  }
  try {
    const chunk = Buffer.alloc(1 << 20);
    let position = 0;
    let carry = '';
    for (;;) {
      const { bytesRead } = await handle.read(chunk, 0, chunk.length, position);
      if (bytesRead === 0) return null;
      const text = carry + chunk.subarray(0, bytesRead).toString('latin1');
      const found = glibcVersionFromBanner(text);
      if (found) return found;
      carry = text.slice(-200);
      position += bytesRead;
    }
  } finally {
    await handle.close();
  }
}

/** The lib directories to search, multiarch subdirectories (x86_64-linux-gnu…) included. */
async function searchDirs(host: HostRoot): Promise<string[]> {
  const dirs: string[] = [];
  for (const dir of libDirs) {
    dirs.push(dir);
    for (const name of await listOptional(under(host, dir))) if (/-linux-gnu/.test(name)) dirs.push(join(dir, name));
  }
  return dirs;
}

export function muslVersionFromApkDb(text: string): string | null {
  const m = /^P:musl\n(?:[A-Za-z]:.*\n)*?V:([^\n]+)/m.exec(text);
  // "1.2.4_git20230717-r4" → "1.2.4"
  return m ? m[1]!.replace(/-r\d+$/, '').replace(/_.*$/, '') : null;
}

export async function detectLibc(host: HostRoot): Promise<LibcFact | null> {
  const dirs = await searchDirs(host);
  for (const dir of dirs) {
    for (const name of await listOptional(under(host, dir))) {
      const m = /^libc-(\d+\.\d+(?:\.\d+)?)\.so$/.exec(name);
      if (m) return { libc: 'glibc', version: m[1]!, source: join(dir, name) };
    }
  }
  for (const dir of dirs) {
    const path = join(dir, 'libc.so.6');
    const version = await bannerIn(under(host, path));
    if (version) return { libc: 'glibc', version, source: path };
  }
  for (const name of await listOptional(under(host, '/lib'))) {
    if (/^ld-musl-.+\.so\.1$/.test(name)) {
      const db = await readOptional(under(host, '/lib/apk/db/installed'));
      const version = db ? muslVersionFromApkDb(db) : null;
      return { libc: 'musl', version, source: version ? '/lib/apk/db/installed' : join('/lib', name) };
    }
  }
  return null;
}
