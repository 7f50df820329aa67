/**
 * User-defined profiles (the config's `profiles` section) and the ad-hoc target of
 * `compat --glibc X.Y --kernel X.Y`. A custom profile may `extends` a built-in one and override
 * any field:
 *   profiles:
 *     plant-gateway: { extends: debian11, glibc: "2.31", kernel: "4.9", arch: [arm], cpu: { GOARM: "6" } }
 */
import type { CpuSetting, Libc, Profile, ProfileOs } from './types.ts';
import { findProfile } from './profiles.ts';
import { isVersion } from './version.ts';
import { GocrossError } from '../core/errors.ts';

/** A `config` error: a custom profile in the config is invalid. */
export class ProfileConfigError extends GocrossError {
  /** Where in the config, e.g. "profiles.plant-gateway.glibc". */
  readonly path: string;
  constructor(path: string, message: string) {
    super('config', `Cannot use profile config ${path}: ${message}`);
    this.path = path;
  }
}

/** The shape of one entry of the config's `profiles` section. */
export interface ProfileConfig {
  extends?: string;
  name?: string;
  os?: ProfileOs;
  libc?: Libc;
  glibc?: string;
  musl?: string;
  glibcxx?: string;
  kernel?: string | null;
  osVersion?: string;
  arch?: string | string[];
  cpu?: Partial<Record<CpuSetting, string>>;
}

const cpuKeys = new Set<string>(['GOAMD64', 'GOARM', 'GOARM64', 'GOPPC64', 'GORISCV64', 'GO386']);
const keys = new Set(['extends', 'name', 'os', 'libc', 'glibc', 'musl', 'glibcxx', 'kernel', 'osVersion', 'arch', 'cpu']);

function version(path: string, value: unknown): string {
  const text = typeof value === 'number' ? String(value) : value;
  if (typeof text !== 'string' || !isVersion(text)) throw new ProfileConfigError(path, `expected a version like "2.31", got ${JSON.stringify(value)}`);
  return text;
}

/** Builds one profile from its config entry, on top of `base` profiles (built-ins). */
export function profileFromConfig(id: string, raw: unknown, base: readonly Profile[]): Profile {
  const at = `profiles.${id}`;
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new ProfileConfigError(at, 'expected a mapping');
  const entry = raw as Record<string, unknown>;
  for (const k of Object.keys(entry)) if (!keys.has(k)) throw new ProfileConfigError(`${at}.${k}`, `unknown key (known: ${[...keys].join(', ')})`);
  let parent: Profile | undefined;
  if (entry.extends !== undefined) {
    parent = typeof entry.extends === 'string' ? findProfile(base, entry.extends) : undefined;
    if (!parent) throw new ProfileConfigError(`${at}.extends`, `no profile named ${JSON.stringify(entry.extends)} (run 'gocross compat --list')`);
  }
  const os = (entry.os ?? parent?.os ?? 'linux') as ProfileOs;
  if (!['linux', 'darwin', 'windows'].includes(os)) throw new ProfileConfigError(`${at}.os`, 'expected linux, darwin or windows');
  let libc = parent?.libc;
  let libcVersion = parent?.libcVersion;
  if (entry.libc !== undefined) {
    if (entry.libc !== 'glibc' && entry.libc !== 'musl') throw new ProfileConfigError(`${at}.libc`, 'expected glibc or musl');
    if (entry.libc !== libc) libcVersion = undefined;
    libc = entry.libc;
  }
  if (entry.glibc !== undefined) {
    libc = 'glibc';
    libcVersion = version(`${at}.glibc`, entry.glibc);
  }
  if (entry.musl !== undefined) {
    libc = 'musl';
    libcVersion = version(`${at}.musl`, entry.musl);
  }
  if (os === 'linux' && !libc) throw new ProfileConfigError(at, 'a Linux profile needs glibc: X.Y, musl: X.Y or extends');
  let arches = parent?.arches ?? [];
  if (entry.arch !== undefined) {
    const list = Array.isArray(entry.arch) ? entry.arch : [entry.arch];
    if (list.length === 0 || !list.every((a) => typeof a === 'string' && a.length > 0)) throw new ProfileConfigError(`${at}.arch`, 'expected a GOARCH name or a list of them');
    arches = list as string[];
  }
  if (arches.length === 0) throw new ProfileConfigError(`${at}.arch`, 'missing: name the GOARCH values the target runs (e.g. [amd64, arm64])');
  const cpu = { ...parent?.cpu };
  if (entry.cpu !== undefined) {
    if (typeof entry.cpu !== 'object' || entry.cpu === null) throw new ProfileConfigError(`${at}.cpu`, 'expected a mapping like { GOAMD64: v2 }');
    for (const [k, v] of Object.entries(entry.cpu)) {
      if (!cpuKeys.has(k)) throw new ProfileConfigError(`${at}.cpu.${k}`, `unknown setting (known: ${[...cpuKeys].join(', ')})`);
      cpu[k as CpuSetting] = String(v);
    }
  }
  const kernel = entry.kernel === undefined ? parent?.kernel : entry.kernel === null ? null : version(`${at}.kernel`, entry.kernel);
  const profile: Profile = {
    id,
    name: typeof entry.name === 'string' ? entry.name : parent ? `${id} (from ${parent.id})` : id,
    os,
    arches,
    cpu,
    custom: true,
    source: 'config',
  };
  if (os === 'linux') {
    profile.libc = libc;
    if (libcVersion) profile.libcVersion = libcVersion;
    profile.kernel = kernel ?? null;
  } else {
    const osVersion = entry.osVersion ?? parent?.osVersion;
    if (osVersion !== undefined) profile.osVersion = version(`${at}.osVersion`, osVersion);
  }
  const glibcxx = entry.glibcxx ?? (libc === parent?.libc ? parent?.glibcxx : undefined);
  if (glibcxx !== undefined) profile.glibcxx = version(`${at}.glibcxx`, glibcxx);
  return profile;
}

/** The config's `profiles` section → profiles; built-ins come first, custom ones may shadow them. */
export function profilesFromConfig(section: unknown, base: readonly Profile[]): Profile[] {
  if (section === undefined || section === null) return [];
  if (typeof section !== 'object' || Array.isArray(section)) throw new ProfileConfigError('profiles', 'expected a mapping of profile names to settings');
  return Object.entries(section).map(([id, raw]) => profileFromConfig(id, raw, base));
}

/** Built-ins overlaid with custom profiles of the same id. */
export function mergeProfiles(builtins: readonly Profile[], custom: readonly Profile[]): Profile[] {
  const ids = new Set(custom.map((p) => p.id));
  return [...builtins.filter((p) => !ids.has(p.id)), ...custom];
}

export interface AdHocTarget {
  glibc?: string;
  musl?: string;
  kernel?: string;
  arch?: string[];
}

/** The target of `--glibc X.Y --kernel X.Y [--arch …]`: any architecture unless one is named. */
export function adHocProfile(target: AdHocTarget): Profile {
  const parts = [target.glibc ? `glibc ${target.glibc}` : target.musl ? `musl ${target.musl}` : null, target.kernel ? `kernel ${target.kernel}` : null].filter(Boolean);
  const profile: Profile = {
    id: 'custom',
    name: parts.join(', ') || 'ad-hoc target',
    os: 'linux',
    arches: target.arch && target.arch.length > 0 ? target.arch : ['*'],
    kernel: target.kernel ? version('--kernel', target.kernel) : null,
    custom: true,
    source: 'command line',
  };
  if (target.glibc) {
    profile.libc = 'glibc';
    profile.libcVersion = version('--glibc', target.glibc);
  } else if (target.musl) {
    profile.libc = 'musl';
    profile.libcVersion = version('--musl', target.musl);
  }
  return profile;
}
