/**
 * The build plan: from targets, config and gathered facts to the exact env, flags and output
 * path of each `go build`. Pure: imports nothing that touches the filesystem or spawns.
 */
import { join } from 'node:path';
import { GocrossError } from '../core/errors.ts';
import type { BuildConfig, BuildProfile, PiePolicy } from '../config/types.ts';
import { expandLdflagsTemplate, type LdflagsField } from '../config/ldflags-template.ts';
import { chooseCCompiler, type CompilerChoice, type CompilerFacts } from './cgo.ts';
import { compilerNamesFor, findCrossCompiler, NATIVE_COMPILERS } from '../platform/cross-compiler.ts';
import { archOf } from '../platform/lookup.ts';
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

/** How -buildmode=pie can link for a target (from the platform table): 'yes', only with cgo, or not at all. */
export function pieSupport(target: Target, cgo: boolean): 'yes' | 'needs-cgo' | 'no' {
  const linking = archOf(target.goarch)?.pie?.[target.goos];
  if (linking === 'internal' || (cgo && linking === 'external')) return 'yes';
  return linking === 'external' ? 'needs-cgo' : 'no';
}

/** The external-linker flags that turn a PIE into a static-pie (no PT_INTERP: runs on musl, scratch, distroless-static). */
export const STATIC_PIE_LDFLAGS = '-linkmode=external -extldflags=-static-pie';

/** How a target's PIE request is met: flags and variables to add, or a reason it is not. */
type PieDecision =
  | { mode: 'pie' | 'none'; warning?: string }
  | { mode: 'static-pie'; cc: CompilerChoice; warning: string }
  | { mode: 'fail'; error: string };

/**
 * A profile asked for PIE. Where Go's own linker would make a static (CGO_ENABLED=0) linux binary
 * dynamically linked against the glibc loader, `policy` decides (see PiePolicy); elsewhere PIE is
 * added where the target has it.
 */
export function decidePie(target: Target, cgo: boolean, policy: PiePolicy, compilers: Omit<CompilerFacts, 'glibc'>): PieDecision {
  const support = pieSupport(target, cgo);
  if (support !== 'yes') return { mode: 'none', warning: `-buildmode=pie skipped for ${target.id}: ${support === 'needs-cgo' ? 'it needs external linking, i.e. --cgo' : 'Go has no PIE for this target'}` };
  if (cgo || target.goos !== 'linux') return { mode: 'pie' };
  const makesDynamic = `-buildmode=pie would make the static ${target.id} binary dynamically linked (it would need the glibc loader: no Alpine, scratch or distroless-static)`;
  if (policy === 'dynamic') return { mode: 'pie', warning: `${makesDynamic}; building it so, as build.pie is "dynamic"` };
  if (policy === 'off') return { mode: 'none', warning: `${makesDynamic}; building it static without PIE, as build.pie is "off"` };
  const found = compilers.configured
    ? { name: compilers.configured, native: false }
    : findCrossCompiler(target, { goos: compilers.hostGoos, goarch: compilers.hostGoarch }, compilers.onPath);
  if (found) {
    const cc: CompilerChoice = { cc: found.name, source: compilers.configured ? 'config' : found.native && NATIVE_COMPILERS.includes(found.name) ? 'native' : 'path' };
    return { mode: 'static-pie', cc, warning: `${makesDynamic}; building it as static-pie through the external linker (${found.name}, CGO_ENABLED=1, -tags netgo,osusergo) instead` };
  }
  const tried = compilerNamesFor(target, { goos: compilers.hostGoos, goarch: compilers.hostGoarch }).join(', ');
  const noCc = `no C compiler for ${target.id} to link static-pie with (tried ${tried}; install one, or set build.cc["${target.goos}/${target.goarch}"])`;
  if (policy === 'static-pie') return { mode: 'fail', error: `Cannot build ${target.id} as static-pie (build.pie is "static-pie"): ${noCc}` };
  return { mode: 'none', warning: `${makesDynamic}, and there is ${noCc}: building it static without PIE (set build.pie to "dynamic" to get the dynamic PIE)` };
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
    let staticPie = false;
    if (profile.pie) {
      const configured = config.cc?.[target.id] ?? config.cc?.[`${target.goos}/${target.goarch}`];
      const pie = decidePie(target, cgo, config.pie ?? 'auto', { ...input.compilers, configured });
      if (pie.mode === 'fail') return { ok: false, target, error: pie.error };
      if (pie.mode !== 'none') flags.push('-buildmode=pie');
      if (pie.mode === 'static-pie') {
        staticPie = true;
        cc = pie.cc;
      }
      if (pie.warning) warnings.push(pie.warning);
    }
    // A static-pie is linked by the C linker (so CGO_ENABLED=1); netgo/osusergo keep net and os/user off glibc's NSS, as with CGO_ENABLED=0.
    const targetTags = staticPie ? [...tags, 'netgo', 'osusergo'] : tags;
    const targetLdflags = staticPie ? [ldflags, STATIC_PIE_LDFLAGS].filter(Boolean).join(' ') : ldflags;
    if (targetTags.length > 0) flags.push(`-tags=${targetTags.join(',')}`);
    if (targetLdflags) flags.push(`-ldflags=${targetLdflags}`);
    flags.push(...(config.flags ?? []), ...(profile.flags ?? []));

    const targetVars: Record<string, string> = { ...input.overrides, GOOS: target.goos, GOARCH: target.goarch, CGO_ENABLED: cgo || staticPie ? '1' : '0' };
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
