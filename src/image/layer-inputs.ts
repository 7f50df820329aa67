/** Reading the host files a layer may hold: the CA bundle, tzdata, extra files (`SRC:DEST[:MODE]`). */
import { readdir, readFile, readlink } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { GocrossError } from '../core/errors.ts';
import type { LayerContents, LayerFile } from './layer-files.ts';

export const HOST_CA_BUNDLES = ['/etc/ssl/certs/ca-certificates.crt', '/etc/pki/tls/certs/ca-bundle.crt', '/etc/ssl/cert.pem'];
export const HOST_ZONEINFO = '/usr/share/zoneinfo';

export async function readCaBundle(path?: string): Promise<Uint8Array> {
  for (const p of path ? [path] : HOST_CA_BUNDLES) {
    const bytes = await readFile(p).catch(() => null);
    if (bytes) return bytes;
  }
  throw new GocrossError('environment', `Cannot add CA certificates to the image: ${path ?? `none of ${HOST_CA_BUNDLES.join(', ')}`} is readable`, { fix: 'install ca-certificates, or give the bundle as --ca-certificates FILE' });
}

/** The zoneinfo tree without its duplicate posix/ and right/ copies, symlinks kept as symlinks. */
type TzEntry = NonNullable<LayerContents['tzdata']>[number];

export async function readTzdata(root = HOST_ZONEINFO): Promise<TzEntry[]> {
  const out: TzEntry[] = [];
  let entries;
  try {
    entries = await readdir(root, { recursive: true, withFileTypes: true });
  } catch (error) {
    throw new GocrossError('environment', `Cannot add tzdata to the image: ${root} is not readable`, { cause: error, fix: "install tzdata, or build with '-tags timetzdata' instead" });
  }
  for (const e of entries) {
    const full = join(e.parentPath, e.name);
    const path = relative(root, full);
    if (/^(posix|right)(\/|$)/.test(path)) continue;
    if (e.isSymbolicLink()) out.push({ path, symlink: await readlink(full) });
    else if (e.isFile()) out.push({ path, content: await readFile(full) });
  }
  return out;
}

/** An extra file as `--add-file SRC:/DEST[:MODE]` or as the config's `{ src, dest, mode }`. */
export type ExtraFileSpec = string | { src: string; dest: string; mode?: number };

export async function readExtraFile(spec: ExtraFileSpec): Promise<LayerFile> {
  let file: { src: string; dest: string; mode?: number };
  if (typeof spec === 'string') {
    const m = /^([^:]+):(\/[^:]+)(?::([0-7]{3,4}))?$/.exec(spec);
    if (!m) throw new GocrossError('usage', `Cannot add ${JSON.stringify(spec)} to the image: write SRC:/DEST[:MODE] (e.g. config.yaml:/etc/app/config.yaml:0644)`);
    file = { src: m[1]!, dest: m[2]!, ...(m[3] ? { mode: parseInt(m[3], 8) } : {}) };
  } else file = spec;
  const content = await readFile(file.src).catch((error: unknown) => {
    throw new GocrossError('input', `Cannot add ${file.src} to the image: ${(error as Error).message}`, { cause: error });
  });
  return { path: file.dest, content, mode: file.mode ?? 0o644 };
}
