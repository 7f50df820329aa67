/**
 * The Go environment as layers, highest first:
 *   gocross-target (GOOS, GOARCH, sub-settings, CGO_ENABLED, CC for this target)
 *   > process environment > gocross defaults (GOTOOLCHAIN=local, GOENV=off)
 *   > the user's GOENV file (only with --user-goenv) > $GOROOT/go.env > Go's built-in defaults.
 * `resolveGoEnv` is pure: it takes the facts (`readGoEnvFacts`) and decides every variable's
 * value, its source and what it shadows, plus the env to spawn `go build` with and the traps.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { run } from '../process/run.ts';
import type { Toolchain } from './types.ts';
import { VARIANT_NAMES } from '../platform/variants.ts';

export type GoEnvLayer = 'gocross-target' | 'process' | 'gocross' | 'user-goenv' | 'goroot-go.env' | 'default';

/** The variables that change what `go build` produces or where it reads and writes. */
const BUILD_VARIABLES: readonly string[] = [
  'GOOS', 'GOARCH', ...VARIANT_NAMES, 'CGO_ENABLED', 'CC', 'CXX', 'AR', 'PKG_CONFIG',
  'CGO_CFLAGS', 'CGO_CPPFLAGS', 'CGO_CXXFLAGS', 'CGO_LDFLAGS',
  'GOFLAGS', 'GOTOOLCHAIN', 'GOEXPERIMENT', 'GODEBUG', 'GO111MODULE', 'GOWORK',
  'GOPROXY', 'GOSUMDB', 'GOPRIVATE', 'GONOPROXY', 'GONOSUMDB', 'GOINSECURE', 'GOVCS',
  'GOROOT', 'GOPATH', 'GOCACHE', 'GOMODCACHE', 'GOTMPDIR', 'GOENV',
];

/** Variables gocross decides per target: inherited values never reach a build. */
export const TARGET_OWNED: readonly string[] = ['GOOS', 'GOARCH', ...VARIANT_NAMES, 'CGO_ENABLED', 'CC', 'CXX'];

export interface GoEnvFacts {
  processEnv: NodeJS.ProcessEnv;
  /** Path of the user's GOENV file (null when GOENV=off). */
  userGoenvPath: string | null;
  /** Its parsed contents (null when it does not exist). */
  userGoenv: Record<string, string> | null;
  gorootGoEnv: Record<string, string>;
  /** `go env -json` with nothing set (GOENV=off), for the target: Go's built-in defaults. */
  defaults: Record<string, string>;
}

export interface GoEnvEntry {
  name: string;
  value: string;
  source: GoEnvLayer;
  /** Lower layers that also set it, with the values they lost to. */
  shadowed: Array<{ source: GoEnvLayer; value: string }>;
}

export type GoEnvTrapId = 'goroot-in-goenv' | 'gotoolchain-auto' | 'goflags-leak' | 'target-in-env' | 'user-goenv-used';

export interface GoEnvTrap {
  id: GoEnvTrapId;
  variable: string;
  message: string;
}

export interface ResolveGoEnvOptions {
  /** GOOS, GOARCH, GOARM…, CGO_ENABLED, CC for this target. */
  targetVars?: Record<string, string>;
  /** Let the user's GOENV file apply to builds (off by default). */
  useUserGoenv?: boolean;
  /** Extra variables gocross sets by default (config build.env), below the process env. */
  gocrossVars?: Record<string, string>;
}

export interface ResolvedGoEnv {
  entries: GoEnvEntry[];
  /** The complete environment to spawn go with. */
  spawnEnv: Record<string, string>;
  /** The Go variables set explicitly in spawnEnv (what the manifest records). */
  explicit: Record<string, string>;
  traps: GoEnvTrap[];
}

/** Parses a GOENV or go.env file: KEY=VALUE lines, `#` comments. */
export function parseGoEnvFile(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    const eq = line.indexOf('=');
    if (eq <= 0) continue;
    out[line.slice(0, eq).trim()] = line.slice(eq + 1).trim();
  }
  return out;
}

/** Where `go env -w` writes: $GOENV, else $XDG_CONFIG_HOME/go/env, else ~/.config/go/env; null for GOENV=off. */
export function userGoenvPathOf(env: NodeJS.ProcessEnv): string | null {
  if (env.GOENV === 'off') return null;
  if (env.GOENV) return env.GOENV;
  if (env.XDG_CONFIG_HOME) return join(env.XDG_CONFIG_HOME, 'go/env');
  if (env.HOME) return join(env.HOME, '.config/go/env');
  return null;
}

const isGoVariable = (name: string): boolean => BUILD_VARIABLES.includes(name) || /^(GO|CGO_)/.test(name);

export function resolveGoEnv(facts: GoEnvFacts, options: ResolveGoEnvOptions = {}): ResolvedGoEnv {
  const targetVars = options.targetVars ?? {};
  const processGo: Record<string, string> = {};
  for (const [k, v] of Object.entries(facts.processEnv)) if (v !== undefined && isGoVariable(k)) processGo[k] = v;
  const gocross: Record<string, string> = { GOTOOLCHAIN: 'local', ...(options.useUserGoenv ? {} : { GOENV: 'off' }), ...options.gocrossVars };
  const userLayer = options.useUserGoenv ? (facts.userGoenv ?? {}) : {};
  // Target-owned variables never come from the process environment or the user's files.
  const inheritable = (layer: Record<string, string>): Record<string, string> =>
    Object.fromEntries(Object.entries(layer).filter(([k]) => !TARGET_OWNED.includes(k)));
  const layers: Array<[GoEnvLayer, Record<string, string>]> = [
    ['gocross-target', targetVars],
    ['process', inheritable(processGo)],
    ['gocross', gocross],
    // go reads the file itself: what the target does not set explicitly does come from it.
    ['user-goenv', userLayer],
    ['goroot-go.env', facts.gorootGoEnv],
    ['default', facts.defaults],
  ];
  // GOENV from the process is honoured only with --user-goenv; otherwise gocross turns it off.
  if (!options.useUserGoenv) delete layers[1]![1].GOENV;
  if (options.useUserGoenv && facts.userGoenvPath) gocross.GOENV = facts.userGoenvPath;

  const names = new Set<string>(BUILD_VARIABLES);
  for (const [, layer] of layers.slice(0, 4)) for (const k of Object.keys(layer)) names.add(k);
  const entries: GoEnvEntry[] = [];
  for (const name of names) {
    const setters = layers.filter(([, l]) => l[name] !== undefined).map(([source, l]) => ({ source, value: l[name] as string }));
    const [winner, ...shadowed] = setters;
    if (!winner) continue;
    entries.push({ name, value: winner.value, source: winner.source, shadowed });
  }

  const spawnEnv: Record<string, string> = {};
  for (const [k, v] of Object.entries(facts.processEnv)) {
    if (v === undefined || TARGET_OWNED.includes(k) || k === 'GOENV') continue;
    spawnEnv[k] = v;
  }
  const explicit: Record<string, string> = {};
  for (const e of entries) {
    if (e.source === 'gocross-target' || e.source === 'process' || e.source === 'gocross') explicit[e.name] = e.value;
  }
  Object.assign(spawnEnv, explicit);
  return { entries, spawnEnv, explicit, traps: findTraps(facts, options) };
}

/** Settings that silently change builds or break the user's own go commands. */
export function findTraps(facts: GoEnvFacts, options: ResolveGoEnvOptions = {}): GoEnvTrap[] {
  const traps: GoEnvTrap[] = [];
  const file = facts.userGoenv ?? {};
  const where = facts.userGoenvPath ?? 'the GOENV file';
  if (file.GOROOT) {
    traps.push({ id: 'goroot-in-goenv', variable: 'GOROOT', message: `GOROOT=${file.GOROOT} is set in ${where}: every go command of this user uses that root instead of the toolchain's own, and breaks when it is moved or upgraded (run \`go env -u GOROOT\`)` });
  }
  const toolchainSetting = facts.processEnv.GOTOOLCHAIN ?? file.GOTOOLCHAIN ?? facts.gorootGoEnv.GOTOOLCHAIN;
  if (toolchainSetting && toolchainSetting !== 'local') {
    const from = facts.processEnv.GOTOOLCHAIN ? 'the process environment' : file.GOTOOLCHAIN ? where : '$GOROOT/go.env';
    const builds = facts.processEnv.GOTOOLCHAIN ? 'and it applies to gocross builds too' : 'gocross builds use GOTOOLCHAIN=local';
    traps.push({ id: 'gotoolchain-auto', variable: 'GOTOOLCHAIN', message: `GOTOOLCHAIN=${toolchainSetting} from ${from}: a go.mod asking for a newer Go makes go download a toolchain, which fails without network (${builds})` });
  }
  if (facts.processEnv.GOFLAGS) {
    traps.push({ id: 'goflags-leak', variable: 'GOFLAGS', message: `GOFLAGS=${facts.processEnv.GOFLAGS} from the process environment is added to every build (unset it, or put the flags in gocross.config build.flags)` });
  }
  if (file.GOFLAGS) {
    const note = options.useUserGoenv ? 'and --user-goenv adds it to every build' : 'gocross builds ignore it (no --user-goenv)';
    traps.push({ id: 'goflags-leak', variable: 'GOFLAGS', message: `GOFLAGS=${file.GOFLAGS} is set in ${where}: plain go commands get these flags, ${note}` });
  }
  for (const name of TARGET_OWNED) {
    const fromProcess = facts.processEnv[name];
    const fromFile = file[name];
    if (fromFile !== undefined) traps.push({ id: 'target-in-env', variable: name, message: `${name}=${fromFile} is set in ${where}: plain \`go build\` silently targets it; gocross sets ${name} per target and ignores it` });
    else if (fromProcess !== undefined && name !== 'CC' && name !== 'CXX') traps.push({ id: 'target-in-env', variable: name, message: `${name}=${fromProcess} is set in the process environment: gocross sets ${name} per target and ignores it` });
  }
  if (options.useUserGoenv && facts.userGoenv && Object.keys(facts.userGoenv).length > 0) {
    traps.push({ id: 'user-goenv-used', variable: 'GOENV', message: `--user-goenv: ${where} applies to builds (${Object.keys(facts.userGoenv).join(', ')})` });
  }
  return traps;
}

/** Reads the files and asks the toolchain for its defaults (for this target when given). */
export async function readGoEnvFacts(
  toolchain: Toolchain,
  opts: { processEnv?: NodeJS.ProcessEnv; goos?: string; goarch?: string; cwd?: string; withDefaults?: boolean } = {},
): Promise<GoEnvFacts> {
  const processEnv = opts.processEnv ?? process.env;
  const userGoenvPath = userGoenvPathOf(processEnv);
  const readOptional = async (p: string | null): Promise<Record<string, string> | null> => {
    if (!p) return null;
    try {
      return parseGoEnvFile(await readFile(p, 'utf8'));
    } catch {
      return null;
    }
  };
  const [userGoenv, gorootGoEnv] = await Promise.all([readOptional(userGoenvPath), readOptional(join(toolchain.goroot, 'go.env'))]);
  let defaults: Record<string, string> = {};
  if (opts.withDefaults !== false) {
    const env: Record<string, string> = { PATH: processEnv.PATH ?? '', HOME: processEnv.HOME ?? '', GOENV: 'off', GOTOOLCHAIN: 'local' };
    if (opts.goos) env.GOOS = opts.goos;
    if (opts.goarch) env.GOARCH = opts.goarch;
    const r = await run(toolchain.path, ['env', '-json'], { env, cwd: opts.cwd, timeoutMs: 30_000 });
    defaults = JSON.parse(r.stdout) as Record<string, string>;
    // GOENV is reported as "off" because we asked; its real default is the user file path.
    if (userGoenvPath) defaults.GOENV = userGoenvPath;
    // Values that $GOROOT/go.env supplies are that layer's, not built-in defaults.
    for (const k of Object.keys(defaults)) if (defaults[k] === '' || gorootGoEnv?.[k] !== undefined) delete defaults[k];
  }
  return { processEnv, userGoenvPath, userGoenv, gorootGoEnv: gorootGoEnv ?? {}, defaults };
}

/**
 * The target-owned variables of the process environment that every build of this run overrides,
 * as one warning (null when there are none). CC and CXX count only when the run uses cgo: without
 * it no compiler runs, and with it gocross picks one per target (build.cc chooses another).
 */
export function overriddenTargetVariables(processEnv: NodeJS.ProcessEnv, cgo: boolean): string | null {
  const set = TARGET_OWNED.filter((name) => processEnv[name] !== undefined && (cgo || (name !== 'CC' && name !== 'CXX')));
  if (set.length === 0) return null;
  const list = set.map((name) => `${name}=${processEnv[name]}`).join(', ');
  const one = set.length === 1;
  const cc = set.includes('CC') || set.includes('CXX') ? '; build.cc in the config sets the C compiler per target' : '';
  return `${list} from the environment ${one ? 'is' : 'are'} ignored: gocross sets ${one ? 'it' : 'them'} per target (choose targets with -t, e.g. -t linux/arm64 or linux/amd64/v3${cc})`;
}
