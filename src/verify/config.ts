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

export interface LogFields {
  time: string;
  level: string;
  message: string;
  service: string;
  traceId: string;
  spanId: string;
}

/** Runtime check: the service's log lines (verify.service.logs). */
export interface LogsCheckConfig {
  format: 'json' | 'logfmt';
  stream: 'stdout' | 'stderr' | 'both';
  /** Required value of the service field; null: any non-empty value. */
  service: string | null;
  fields: LogFields;
  /** Lower-case accepted levels. */
  levels: string[];
  forbidFields: string[];
  forbidPatterns: Array<{ name: string; pattern: RegExp }>;
}

/** Runtime check: W3C trace context propagation (verify.service.trace). */
export interface TraceCheckConfig {
  path: string;
  status: number;
  upstreamEnv: string | null;
  /** An outgoing call to the sink is required. */
  expectUpstream: boolean;
}

export type TlsVersion = 'TLSv1' | 'TLSv1.1' | 'TLSv1.2' | 'TLSv1.3';

/** Runtime check: the certificate and protocol the service serves (verify.service.tls). */
export interface TlsCheckConfig {
  serverName: string;
  /** PEM file of the trusted CA, as configured (resolved against the project directory by the caller); null: system roots. */
  ca: string | null;
  maxValidityDays: number | null;
  minRemainingDays: number;
  minVersion: TlsVersion;
}

/** Runtime check: endpoints that must and must not answer (verify.service.reachability). */
export interface ReachabilityCheckConfig {
  mustAnswer: string[];
  mustNotAnswer: string[];
  timeoutMs: number;
}

export interface RuntimeChecksConfig {
  logs: LogsCheckConfig | null;
  trace: TraceCheckConfig | null;
  tls: TlsCheckConfig | null;
  reachability: ReachabilityCheckConfig | null;
}

export interface ServiceTest {
  args: string[];
  portEnv: string | null;
  env: Record<string, string>;
  readiness: { path: string; status: number; timeoutMs: number; intervalMs: number };
  checks: HttpCheck[];
  stopTimeoutMs: number;
  /** Opt-in runtime checks; each null when not configured. */
  runtime: RuntimeChecksConfig;
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

/** One schema error of a config section in words: "expected integer, got \"x\"" (shared with deploy's section). */
export function explainSchemaError(e: ErrorObject, value: unknown): string {
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

/** An HTTP check as written in the config (verify.service.checks, deploy.health.checks). */
export interface RawHttpCheck {
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
    checks: RawHttpCheck[];
    stopTimeoutMs?: number;
    logs?: {
      format?: 'json' | 'logfmt';
      stream?: 'stdout' | 'stderr' | 'both';
      service?: string;
      fields?: Partial<LogFields>;
      levels?: string[];
      forbid?: { fields?: string[]; patterns?: Record<string, string> };
    };
    trace?: { path: string; upstreamEnv?: string; expectUpstream?: boolean; status?: number };
    tls?: { serverName?: string; ca?: string; maxValidityDays?: number; minRemainingDays?: number; minVersion?: TlsVersion };
    reachability?: { mustAnswer?: string[]; mustNotAnswer?: string[]; timeoutMs?: number };
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
    if (e) throw new VerifyConfigError(keyPathOf(e, base), explainSchemaError(e, valueAt(raw, e.instancePath)));
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
        checks: s.checks.map(normalizeHttpCheck),
        stopTimeoutMs: s.stopTimeoutMs ?? 5000,
        runtime: runtimeChecks(s, `${base}.service`),
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

/** An HTTP check with its defaults: named by its path, expecting 200, health components auto-detected. */
export function normalizeHttpCheck(c: RawHttpCheck): HttpCheck {
  return {
    name: c.name ?? c.path,
    path: c.path,
    status: c.status === undefined ? [200] : Array.isArray(c.status) ? c.status : [c.status],
    json: c.json ?? {},
    contains: c.contains ?? null,
    health: c.health ?? 'auto',
  };
}

export const DEFAULT_LOG_FIELDS: LogFields = { time: 'time', level: 'level', message: 'msg', service: 'service', traceId: 'trace_id', spanId: 'span_id' };
export const DEFAULT_LOG_LEVELS = ['trace', 'debug', 'info', 'warn', 'warning', 'error', 'fatal'];

function runtimeChecks(s: NonNullable<RawVerify['service']>, base: string): RuntimeChecksConfig {
  const logs: LogsCheckConfig | null = s.logs
    ? {
        format: s.logs.format ?? 'json',
        stream: s.logs.stream ?? 'both',
        service: s.logs.service ?? null,
        fields: { ...DEFAULT_LOG_FIELDS, ...s.logs.fields },
        levels: (s.logs.levels ?? DEFAULT_LOG_LEVELS).map((l) => l.toLowerCase()),
        forbidFields: s.logs.forbid?.fields ?? [],
        forbidPatterns: Object.entries(s.logs.forbid?.patterns ?? {}).map(([name, source]) => {
          try {
            return { name, pattern: new RegExp(source) };
          } catch (error) {
            throw new VerifyConfigError(`${base}.logs.forbid.patterns.${name}`, `invalid regular expression: ${(error as Error).message}`);
          }
        }),
      }
    : null;
  const upstreamInArgs = (s.args ?? []).some((a) => a.includes('{upstream}'));
  const trace: TraceCheckConfig | null = s.trace
    ? {
        path: s.trace.path,
        status: s.trace.status ?? 200,
        upstreamEnv: s.trace.upstreamEnv ?? null,
        expectUpstream: s.trace.expectUpstream ?? (s.trace.upstreamEnv !== undefined || upstreamInArgs),
      }
    : null;
  if (trace?.expectUpstream && !trace.upstreamEnv && !upstreamInArgs) {
    throw new VerifyConfigError(`${base}.trace`, 'expectUpstream is set but the service cannot be told the upstream (set upstreamEnv, or put "{upstream}" in args)');
  }
  const tls: TlsCheckConfig | null = s.tls
    ? {
        serverName: s.tls.serverName ?? 'localhost',
        ca: s.tls.ca ?? null,
        maxValidityDays: s.tls.maxValidityDays ?? null,
        minRemainingDays: s.tls.minRemainingDays ?? 14,
        minVersion: s.tls.minVersion ?? 'TLSv1.2',
      }
    : null;
  const reachability: ReachabilityCheckConfig | null = s.reachability
    ? { mustAnswer: s.reachability.mustAnswer ?? [], mustNotAnswer: s.reachability.mustNotAnswer ?? [], timeoutMs: s.reachability.timeoutMs ?? 2000 }
    : null;
  return { logs, trace, tls, reachability };
}

/** The deploy profiles for a target: its own entry, else its os/arch without variant, else "*". */
export function profilesFor(config: Pick<VerifyConfig, 'profiles'>, target: Target): string[] {
  return config.profiles[target.id] ?? config.profiles[targetId(target.goos, target.goarch)] ?? config.profiles['*'] ?? [];
}

/** Environment of a target's emulated runs: verify.env, then its targetEnv entry. */
export function envFor(config: Pick<VerifyConfig, 'env' | 'targetEnv'>, target: Target): Record<string, string> {
  return { ...config.env, ...(config.targetEnv[targetId(target.goos, target.goarch)] ?? {}), ...(config.targetEnv[target.id] ?? {}) };
}
