/**
 * What one `gocross image` run (or `build --image`) makes: the flags over the config's `image:`
 * section over the defaults. Pure: paths in the config are made relative to the working directory
 * from the config file's directory; the flags' paths are the user's own.
 */
import { isAbsolute, relative, resolve } from 'node:path';
import type { ImageConfig } from '../config/types.ts';
import { NONROOT, type ImageUser } from './layer-files.ts';
import type { ExtraFileSpec } from './layer-inputs.ts';

/** Flags as given: undefined means "not on the command line". */
export interface ImageFlags {
  dist?: string;
  targets?: string;
  tag?: string;
  layout?: string;
  dockerTar?: string;
  platform?: string;
  push?: string;
  insecure?: boolean;
  base?: string;
  caCertificates?: boolean | string;
  tzdata?: boolean;
  /** false only for --no-nonroot. */
  nonroot?: boolean;
  addFile?: string[];
  env?: string[];
  sbom?: boolean | string;
  source?: string;
  chunkSize?: string;
}

export interface ImageSettings {
  dist: string;
  targets?: string[];
  tag: string;
  layout?: string;
  dockerTar?: string;
  platform?: string;
  push?: string;
  insecure: boolean;
  base?: string;
  caCertificates?: boolean | string;
  tzdata: boolean;
  /** null: run as root, no /etc/passwd. */
  user: ImageUser | null;
  extraFiles: ExtraFileSpec[];
  env: string[];
  sbom?: string;
  source?: string;
  chunkSize?: string;
}

export interface ConfigPlace {
  /** The config file's directory (relative config paths start there). */
  dir: string;
  /** The config's `output` (the build's dist directory), if any. */
  output?: string;
  cwd?: string;
}

export function imageSettings(flags: ImageFlags, config: ImageConfig = {}, place: ConfigPlace = { dir: '.' }): ImageSettings {
  const cwd = place.cwd ?? process.cwd();
  const fromConfig = (p: string): string => (isAbsolute(p) ? p : relative(cwd, resolve(place.dir, p)) || '.');
  const base = flags.base ?? (config.base?.startsWith('oci:') ? `oci:${fromConfig(config.base.slice('oci:'.length))}` : config.base);
  const ca = flags.caCertificates ?? (typeof config.caCertificates === 'string' ? fromConfig(config.caCertificates) : config.caCertificates);
  const user = flags.nonroot === false || config.user === 'root' ? null : typeof config.user === 'object' ? config.user : NONROOT;
  const sbom = flags.sbom ?? config.sbom;
  const layout = flags.layout ?? (config.layout ? fromConfig(config.layout) : undefined);
  const settings: ImageSettings = {
    dist: flags.dist ?? fromConfig(place.output ?? 'dist'),
    tag: flags.tag ?? config.tag ?? 'latest',
    insecure: flags.insecure ?? false,
    tzdata: flags.tzdata ?? config.tzdata ?? false,
    user,
    extraFiles: [...(config.files ?? []).map((f) => ({ src: fromConfig(f.src), dest: f.dest, ...(f.mode ? { mode: parseInt(f.mode, 8) } : {}) })), ...(flags.addFile ?? [])],
    env: [...(config.env ?? []), ...(flags.env ?? [])],
  };
  const targets = flags.targets?.split(',').map((t) => t.trim()).filter(Boolean);
  if (targets) settings.targets = targets;
  if (layout) settings.layout = layout;
  if (flags.dockerTar) settings.dockerTar = flags.dockerTar;
  if (flags.platform) settings.platform = flags.platform;
  const push = flags.push ?? config.push;
  if (push) settings.push = push;
  if (base) settings.base = base;
  if (ca) settings.caCertificates = ca;
  if (sbom !== undefined && sbom !== false) settings.sbom = sbom === true ? 'cyclonedx' : sbom;
  const source = flags.source ?? config.source;
  if (source) settings.source = source;
  if (flags.chunkSize !== undefined) settings.chunkSize = flags.chunkSize;
  return settings;
}
