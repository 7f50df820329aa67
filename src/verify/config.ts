/**
 * The `verify` section of the config, normalised with defaults so that verify works without any
 * config. The schema is the published one and is checked in src/config (loadConfig() validates
 * the whole file); a section handed over directly is checked against the same schema first.
 * Pure: takes parsed YAML/JSON, returns data or throws VerifyConfigError naming the key path,
 * what was expected and what was found.
 */
import { targetId, type Target } from '../platform/target.ts';
import type { ErrorObject } from 'ajv';
import { sectionErrors } from '../config/validate.ts';
import type { GocrossConfig } from '../config/types.ts';
import { GocrossError } from '../core/errors.ts';

export const DEFAULT_VERIFY_TARGETS = ['linux/amd64', 'linux/arm64', 'linux/arm/7', 'linux/riscv64', 'linux/ppc64le', 'linux/s390x'];

export type ForbiddenProperty = 'not-stripped' | 'debug-info' | 'no-nx' | 'no-pie' | 'no-relro' | 'rpath' | 'cgo' | 'no-build-id';

export interface LinkagePolicy {
  linkage: 'static' | 'any';
  /** null: any library is allowed. */
  allowedLibraries: string[] | null;
  forbid: ForbiddenProperty[];
}

export interface SmokeTest {
  args: string[];
  exitCode: number;
  stdout: RegExp | null;
  stderr: RegExp | null;
  timeoutMs: number;
}

export type HealthFormat = 'auto' | 'json' | 'verbose' | 'none';

export interface HttpCheck {
  name: string;
  path: string;
  status: number[];
  json: Record<string, unknown>;
  contains: string | null;
  health: HealthFormat;
}

export interface ServiceTest {
  args: string[];
  portEnv: string | null;
  env: Record<string, string>;
  readiness: { path: string; status: number; timeoutMs: number; intervalMs: number };
  checks: HttpCheck[];
  stopTimeoutMs: number;
}

export interface VerifyConfig {
  targets: string[];
  profiles: Record<string, string[]>;
  policy: LinkagePolicy;
  smoke: SmokeTest | null;
  service: ServiceTest | null;
  env: Record<string, string>;
  /** Per-target additions to env (exact target, or os/arch without variant). */
  targetEnv: Record<string, Record<string, string>>;
  failOnSkip: boolean;
  parallel: number | null;
}

/** A `config` error naming the key path in the verify section. */
export class VerifyConfigError extends GocrossError {
  /** e.g. "verify.smoke.timeoutMs" */
  readonly keyPath: string;
  constructor(keyPath: string, message: string) {
    super('config', `Cannot use config: ${keyPath}: ${message}`);
    this.keyPath = keyPath;
  }
}

function keyPathOf(error: ErrorObject, base: string): string {
  const parts = error.instancePath.split('/').slice(1).map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
  if (error.keyword === 'additionalProperties') parts.push(String((error.params as { additionalProperty: string }).additionalProperty));
  return [base, ...parts].join('.');
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return `"${value}"`;
  return typeof value === 'object' ? 'an object' : `${typeof value} ${String(value)}`;
}

function explain(e: ErrorObject, value: unknown): string {
  const params = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'additionalProperties':
      return 'unknown key (check its spelling against the schema)';
    case 'type':
      return `expected ${String(params.type)}, got ${describe(value)}`;
    case 'enum':
      return `expected one of ${(params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}, got ${describe(value)}`;
    case 'required':
      return `missing required key "${String(params.missingProperty)}"`;
    default:
      return `expected a value that ${e.message ?? 'matches the schema'}, got ${describe(value)}`;
  }
}

function valueAt(root: unknown, instancePath: string): unknown {
  let v = root;
  for (const p of instancePath.split('/').slice(1)) v = (v as Record<string, unknown> | undefined)?.[p.replace(/~1/g, '/').replace(/~0/g, '~')];
  return v;
}

function compileRegex(source: string | undefined, keyPath: string): RegExp | null {
  if (source === undefined) return null;
  try {
    return new RegExp(source, 'm');
  } catch (error) {
    throw new VerifyConfigError(keyPath, `invalid regular expression: ${(error as Error).message}`);
  }
}

interface RawCheck {
  name?: string;
  path: string;
  status?: number | number[];
  json?: Record<string, unknown>;
  contains?: string;
  health?: HealthFormat;
}
interface RawVerify {
  targets?: string[];
  profiles?: Record<string, string[]>;
  policy?: { linkage?: 'static' | 'any'; allowedLibraries?: string[]; forbid?: ForbiddenProperty[] };
  smoke?: false | { args?: string[]; exitCode?: number; stdout?: string; stderr?: string; timeoutMs?: number };
  service?: {
    args?: string[];
    portEnv?: string;
    env?: Record<string, string>;
    readiness?: { path?: string; status?: number; timeoutMs?: number; intervalMs?: number };
    checks: RawCheck[];
    stopTimeoutMs?: number;
  };
  env?: Record<string, string>;
  targetEnv?: Record<string, Record<string, string>>;
  failOnSkip?: boolean;
  parallel?: number;
}

/** Validates a raw `verify` section against the published schema, then normalises it (undefined → all defaults). */
export function normalizeVerifyConfig(raw: unknown, base = 'verify'): VerifyConfig {
  if (raw !== undefined && raw !== null) {
    // oneOf reports every branch; the most specific error (deepest path) is the useful one.
    const errors = sectionErrors('verify', raw).sort((a, b) => b.instancePath.length - a.instancePath.length);
    const e = errors[0];
    if (e) throw new VerifyConfigError(keyPathOf(e, base), explain(e, valueAt(raw, e.instancePath)));
  }
  return normalize(raw as RawVerify | undefined, base);
}

/** The `verify` section of a config loadConfig() already validated: normalised, not checked again. */
export function verifyConfigOf(config: GocrossConfig): VerifyConfig {
  return normalize(config.verify as RawVerify | undefined, 'verify');
}

function normalize(raw: RawVerify | null | undefined, base: string): VerifyConfig {
  const r = raw ?? {};
  const smokeRaw = r.smoke;
  const smoke: SmokeTest | null =
    smokeRaw === false
      ? null
      : {
          args: smokeRaw?.args ?? ['--version'],
          exitCode: smokeRaw?.exitCode ?? 0,
          stdout: compileRegex(smokeRaw?.stdout, `${base}.smoke.stdout`),
          stderr: compileRegex(smokeRaw?.stderr, `${base}.smoke.stderr`),
          timeoutMs: smokeRaw?.timeoutMs ?? 60_000,
        };
  const s = r.service;
  const service: ServiceTest | null = s
    ? {
        args: s.args ?? [],
        portEnv: s.portEnv ?? null,
        env: s.env ?? {},
        readiness: {
          path: s.readiness?.path ?? '/readyz',
          status: s.readiness?.status ?? 200,
          timeoutMs: s.readiness?.timeoutMs ?? 30_000,
          intervalMs: s.readiness?.intervalMs ?? 200,
        },
        checks: s.checks.map((c) => ({
          name: c.name ?? c.path,
          path: c.path,
          status: c.status === undefined ? [200] : Array.isArray(c.status) ? c.status : [c.status],
          json: c.json ?? {},
          contains: c.contains ?? null,
          health: c.health ?? 'auto',
        })),
        stopTimeoutMs: s.stopTimeoutMs ?? 5000,
      }
    : null;
  if (service && !service.portEnv && !service.args.some((a) => a.includes('{port}') || a.includes('{addr}'))) {
    throw new VerifyConfigError(
      `${base}.service`,
      'the service cannot be told its port (set portEnv, e.g. PORT, or put "{port}" or "{addr}" in args)',
    );
  }
  return {
    targets: r.targets ?? DEFAULT_VERIFY_TARGETS,
    profiles: r.profiles ?? {},
    policy: { linkage: r.policy?.linkage ?? 'any', allowedLibraries: r.policy?.allowedLibraries ?? null, forbid: r.policy?.forbid ?? [] },
    smoke,
    service,
    env: r.env ?? {},
    targetEnv: r.targetEnv ?? {},
    failOnSkip: r.failOnSkip ?? false,
    parallel: r.parallel ?? null,
  };
}

/** The deploy profiles for a target: its own entry, else its os/arch without variant, else "*". */
export function profilesFor(config: Pick<VerifyConfig, 'profiles'>, target: Target): string[] {
  return config.profiles[target.id] ?? config.profiles[targetId(target.goos, target.goarch)] ?? config.profiles['*'] ?? [];
}

/** Environment of a target's emulated runs: verify.env, then its targetEnv entry. */
export function envFor(config: Pick<VerifyConfig, 'env' | 'targetEnv'>, target: Target): Record<string, string> {
  return { ...config.env, ...(config.targetEnv[targetId(target.goos, target.goarch)] ?? {}), ...(config.targetEnv[target.id] ?? {}) };
}
