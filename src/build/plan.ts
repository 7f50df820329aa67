/**
 * The build plan: from targets, config and gathered facts to the exact env, flags and output
 * path of each `go build`. Pure: imports nothing that touches the filesystem or spawns.
 */
import { join } from 'node:path';
import { GocrossError } from '../core/errors.ts';
import type { BuildConfig, BuildProfile } from '../config/types.ts';
import { expandLdflagsTemplate, type LdflagsField } from '../config/ldflags-template.ts';
import { chooseCCompiler, type CompilerChoice, type CompilerFacts } from './cgo.ts';
import { resolveGoEnv, TARGET_OWNED, type GoEnvFacts } from './goenv.ts';
import { targetSlug } from '../platform/target-syntax.ts';
import type { Target } from '../platform/target.ts';

export interface VcsInfo {
  /** `git describe --tags --always --dirty`, or "dev". */
  version: string;
  commit: string;
  /** RFC 3339 commit time (or SOURCE_DATE_EPOCH): never the clock. */
  date: string;
}

export const DEFAULT_LDFLAGS = '-X main.version={{.Version}} -X main.commit={{.Commit}} -X main.date={{.Date}}';
export const BUILTIN_PROFILES: Readonly<Record<string, BuildProfile>> = { release: { strip: true, pie: true } };

export interface PlanInput {
  targets: readonly Target[];
  name: string;
  /** Package argument to go build ('.', './cmd/app'). */
  main: string;
  outputDir: string;
  config: BuildConfig;
  /** Profile name (from --profile or build.profile); must exist. */
  profile?: string;
  /** --cgo overrides build.cgo. */
  cgo?: boolean;
  vcs: VcsInfo;
  goenv: GoEnvFacts;
  useUserGoenv?: boolean;
  /** Variables gocross itself sets for every build, below the process env (defaults). */
  gocrossVars?: Record<string, string>;
  /** Variables from explicit flags (e.g. --cache → GOCACHE): above the process env. */
  overrides?: Record<string, string>;
  compilers: Omit<CompilerFacts, 'configured' | 'glibc'>;
}

export interface PlannedBuild {
  target: Target;
  outDir: string;
  outPath: string;
  fileName: string;
  /** The Go variables set explicitly for this build (recorded in the manifest). */
  env: Record<string, string>;
  spawnEnv: Record<string, string>;
  /** go build flags, without -o and the package. */
  flags: string[];
  cc: CompilerChoice | null;
  warnings: string[];
}

export type PlanEntry = { ok: true; build: PlannedBuild } | { ok: false; target: Target; error: string };

/** Targets where -buildmode=pie links internally, i.e. works with CGO_ENABLED=0 (cmd/internal/platform). */
const PIE_INTERNAL = new Set(['linux/amd64', 'linux/arm64', 'linux/loong64', 'linux/ppc64le', 'android/arm64', 'darwin/amd64', 'darwin/arm64', 'ios/amd64', 'ios/arm64', 'windows/386', 'windows/amd64', 'windows/arm', 'windows/arm64']);
/** Targets where -buildmode=pie exists at all (the rest of these need external linking, i.e. cgo). */
const PIE_ANY = new Set([...PIE_INTERNAL, 'linux/386', 'linux/arm', 'linux/riscv64', 'linux/s390x', 'android/386', 'android/amd64', 'android/arm', 'freebsd/amd64']);

export function pieSupport(target: Target, cgo: boolean): 'yes' | 'needs-cgo' | 'no' {
  const key = `${target.goos}/${target.goarch}`;
  if (PIE_INTERNAL.has(key) || (cgo && PIE_ANY.has(key))) return 'yes';
  return PIE_ANY.has(key) ? 'needs-cgo' : 'no';
}

/** Expands {{.Version}}, {{.Commit}}, {{.Date}}, {{.Name}}; any other field is a `config` error (config/ldflags-template.ts). */
export function expandTemplate(template: string, values: Readonly<Record<LdflagsField, string>>, where?: string): string {
  return expandLdflagsTemplate(template, values, where);
}

export function artifactFileName(name: string, goos: string, goarch: string): string {
  if (goos === 'windows') return `${name}.exe`;
  if (goarch === 'wasm') return `${name}.wasm`;
  return name;
}

export function resolveProfile(config: BuildConfig, name: string | undefined): BuildProfile {
  const wanted = name ?? config.profile;
  if (wanted === undefined) return {};
  const profile = config.profiles?.[wanted] ?? BUILTIN_PROFILES[wanted];
  if (!profile) {
    const known = [...new Set([...Object.keys(BUILTIN_PROFILES), ...Object.keys(config.profiles ?? {})])];
    throw new GocrossError('usage', `Cannot use build profile "${wanted}": no such profile (known: ${known.join(', ')}; define it under build.profiles)`);
  }
  return profile;
}

export function planBuild(input: PlanInput): PlanEntry[] {
  const { config } = input;
  const profile = resolveProfile(config, input.profile);
  const cgo = input.cgo ?? profile.cgo ?? config.cgo ?? false;
  const values = { Version: input.vcs.version, Commit: input.vcs.commit, Date: input.vcs.date, Name: input.name };
  // Unknown fields throw here, before the runner creates or removes anything.
  const profileLdflags = profile.ldflags ? expandTemplate(profile.ldflags, values, `the ldflags of build profile "${input.profile ?? config.profile}"`) : '';
  const ldflags = [expandTemplate(config.ldflags ?? DEFAULT_LDFLAGS, values), profile.strip ? '-s -w' : '', profileLdflags]
    .filter(Boolean)
    .join(' ');
  const tags = [...(config.tags ?? []), ...(profile.tags ?? [])];
  const gocrossVars = { ...config.env, ...profile.env, ...input.gocrossVars };

  return input.targets.map((target): PlanEntry => {
    const warnings: string[] = [];
    let cc: CompilerChoice | null = null;
    if (cgo) {
      try {
        const configured = config.cc?.[target.id] ?? config.cc?.[`${target.goos}/${target.goarch}`];
        cc = chooseCCompiler(target, { ...input.compilers, configured, glibc: config.glibc });
      } catch (error) {
        return { ok: false, target, error: (error as Error).message };
      }
    }
    const flags: string[] = [];
    if (config.trimpath !== false) flags.push('-trimpath');
    if (config.buildvcs !== true) flags.push('-buildvcs=false');
    if (profile.pie) {
      const support = pieSupport(target, cgo);
      if (support === 'yes') flags.push('-buildmode=pie');
      else warnings.push(`-buildmode=pie skipped for ${target.id}: ${support === 'needs-cgo' ? 'it needs external linking, i.e. --cgo' : 'Go has no PIE for this target'}`);
    }
    if (tags.length > 0) flags.push(`-tags=${tags.join(',')}`);
    if (ldflags) flags.push(`-ldflags=${ldflags}`);
    flags.push(...(config.flags ?? []), ...(profile.flags ?? []));

    const targetVars: Record<string, string> = { ...input.overrides, GOOS: target.goos, GOARCH: target.goarch, CGO_ENABLED: cgo ? '1' : '0' };
    if (target.variant) targetVars[target.variant.name] = target.variant.value;
    if (cc) targetVars.CC = cc.cc;
    const resolved = resolveGoEnv(input.goenv, { targetVars, useUserGoenv: input.useUserGoenv, gocrossVars });
    for (const e of resolved.entries) {
      if (e.source === 'user-goenv' && TARGET_OWNED.includes(e.name)) warnings.push(`${e.name}=${e.value} from the user GOENV file applies to ${target.id} (--user-goenv)`);
    }
    const fileName = artifactFileName(input.name, target.goos, target.goarch);
    const outDir = join(input.outputDir, `${input.name}_${targetSlug(target)}`);
    return {
      ok: true,
      build: { target, outDir, outPath: join(outDir, fileName), fileName, env: resolved.explicit, spawnEnv: resolved.spawnEnv, flags, cc, warnings },
    };
  });
}
