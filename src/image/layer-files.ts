/**
 * What the application layer holds, as sorted tar entries: the binary, and optionally CA
 * certificates, tzdata, a non-root user in /etc/passwd and /etc/group, and extra files.
 * Pure: the host files are read by the caller (layer-inputs.ts).
 */
import { posix } from 'node:path';
import { GocrossError } from '../core/errors.ts';
import type { TarEntry } from './tar.ts';

export interface ImageUser {
  name: string;
  uid: number;
  gid: number;
}

/** distroless' "nonroot": uid/gid 65532, the convention Kubernetes runAsNonRoot checks pass with. */
export const NONROOT: ImageUser = { name: 'nonroot', uid: 65532, gid: 65532 };

export interface LayerFile {
  /** Path inside the image (with or without a leading "/"). */
  path: string;
  content: Uint8Array;
  mode: number;
}

export interface LayerContents {
  binary: LayerFile;
  caCertificates?: Uint8Array;
  /** Relative to /usr/share/zoneinfo. */
  tzdata?: ReadonlyArray<{ path: string; content: Uint8Array } | { path: string; symlink: string }>;
  user?: ImageUser;
  extraFiles?: readonly LayerFile[];
}

export const CA_BUNDLE_PATH = 'etc/ssl/certs/ca-certificates.crt';

/** "/usr/local/bin/app" → "usr/local/bin/app"; rejects "..", empty and "." segments. */
export function imagePath(path: string): string {
  const relative = path.replace(/^\/+/, '');
  const parts = relative.split('/');
  if (relative === '' || parts.some((p) => p === '' || p === '.' || p === '..')) {
    throw new GocrossError('usage', `Cannot place ${JSON.stringify(path)} in the image: a path inside the image is absolute, without "." or ".." segments`, { fix: 'write it like /etc/app/config.yaml' });
  }
  return relative;
}

function passwd(user: ImageUser): { passwd: string; group: string } {
  return {
    passwd: `root:x:0:0:root:/root:/sbin/nologin\n${user.name}:x:${user.uid}:${user.gid}:${user.name}:/home/${user.name}:/sbin/nologin\n`,
    group: `root:x:0:\n${user.name}:x:${user.gid}:\n`,
  };
}

export function layerEntries(contents: LayerContents): TarEntry[] {
  const files = new Map<string, TarEntry>();
  const add = (entry: TarEntry): void => {
    if (files.has(entry.path)) throw new GocrossError('usage', `Cannot build the image layer: ${JSON.stringify(`/${entry.path}`)} is given twice`, { fix: 'remove one of the extra files or the option that adds the same path' });
    files.set(entry.path, entry);
  };
  add({ type: 'file', path: imagePath(contents.binary.path), mode: contents.binary.mode, content: contents.binary.content });
  if (contents.caCertificates) add({ type: 'file', path: CA_BUNDLE_PATH, mode: 0o644, content: contents.caCertificates });
  for (const z of contents.tzdata ?? []) {
    const path = `usr/share/zoneinfo/${imagePath(z.path)}`;
    add('symlink' in z ? { type: 'symlink', path, target: z.symlink } : { type: 'file', path, mode: 0o644, content: z.content });
  }
  if (contents.user) {
    const { passwd: p, group } = passwd(contents.user);
    add({ type: 'file', path: 'etc/passwd', mode: 0o644, content: Buffer.from(p) });
    add({ type: 'file', path: 'etc/group', mode: 0o644, content: Buffer.from(group) });
    add({ type: 'dir', path: `home/${contents.user.name}`, mode: 0o755 });
  }
  for (const f of contents.extraFiles ?? []) add({ type: 'file', path: imagePath(f.path), mode: f.mode, content: f.content });

  // Every parent directory gets its own entry, so the layer unpacks the same under any umask.
  for (const path of [...files.keys()]) {
    for (let dir = posix.dirname(path); dir !== '.'; dir = posix.dirname(dir)) {
      const existing = files.get(dir);
      if (existing && existing.type !== 'dir') throw new GocrossError('usage', `Cannot build the image layer: /${dir} is both a file and a directory`);
      if (!existing) files.set(dir, { type: 'dir', path: dir, mode: 0o755 });
    }
  }
  // Byte order, not locale order: the same on every machine.
  return [...files.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}
