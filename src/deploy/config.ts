/**
 * The `deploy:` section of the config, normalised with its defaults and checked beyond what the
 * schema can say (unique names, group members, a safe base directory, a target id, a revert timer
 * longer than the health gate). Pure apart from `deployConfigOf`, which re-reads the config file
 * only to put a line number on a problem it found.
 */
import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { isAbsolute, posix, resolve } from 'node:path';
import { GocrossError } from '../core/errors.ts';
import { keyPath, sectionErrors } from '../config/validate.ts';
import { yaml } from '../config/yaml.ts';
import type { LoadedConfig } from '../config/types.ts';
import { parseTarget } from '../platform/target.ts';
import { explainSchemaError, normalizeHttpCheck, type RawHttpCheck } from '../verify/config.ts';
import type { DeployConfig, DeployHost, HealthGate, WaveSize } from './model.ts';

export const DEFAULT_DEPLOY = {
  port: 22,
  user: 'root',
  keep: 3,
  waves: [1, '100%'] as WaveSize[],
  concurrency: 4,
  maxFailures: 0,
  revertAfterSeconds: 120,
  knownHosts: '~/.ssh/known_hosts',
  connectTimeoutSeconds: 10,
  minHealthySeconds: 5,
  deadlineSeconds: 30,
  intervalMs: 500,
} as const;

/**
 * Seconds the revert timer must leave beyond the health gate: restarting the unit, the commit
 * round trip and a slow link. A timer that fires mid-gate would revert a healthy release.
 */
export const REVERT_MARGIN_SECONDS = 30;

/** systemd unit names (systemd.unit "valid unit names") restricted to what is also a safe file name. */
export const SERVICE_NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.@-]*$/;

/** Directories a release tree must never live in or replace: the OS's own, which ProtectSystem and upgrades own. */
const SYSTEM_DIRS = ['/bin', '/boot', '/dev', '/etc', '/lib', '/lib32', '/lib64', '/libx32', '/proc', '/run', '/sbin', '/sys', '/usr'];
/** Directories a release tree may live under but not be (prune deletes inside the base directory). */
const SHARED_DIRS = ['/home', '/mnt', '/media', '/opt', '/root', '/srv', '/tmp', '/var', '/var/lib', '/var/tmp', '/usr/local'];

/** A problem in the deploy section, naming its key path ("deploy.hosts[1].name") and, when loaded from a file, its line. */
export class DeployConfigError extends GocrossError {
  readonly keyPath: string;
  readonly file: string | null;
  readonly line: number | null;
  readonly detail: string;
  constructor(path: string, detail: string, options: { fix?: string; file?: string | null; line?: number | null } = {}) {
    const where = options.file ? ` ${options.file}${options.line ? `:${options.line}` : ''}` : '';
    super('config', `Cannot use config${where}: ${path}: ${detail}`, options.fix === undefined ? {} : { fix: options.fix });
    this.keyPath = path;
    this.file = options.file ?? null;
    this.line = options.line ?? null;
    this.detail = detail;
  }
}

interface RawHost {
  name: string;
  address: string;
  port?: number;
  user?: string;
  identityFile?: string;
  labels?: Record<string, string>;
}
interface RawDeploy {
  hosts: RawHost[];
  groups?: Record<string, string[]>;
  service: {
    name: string;
    target?: string;
    args?: string[];
    environment?: Record<string, string>;
    user?: string;
    workingDirectory?: string;
    readWritePaths?: string[];
  };
  baseDir?: string;
  keep?: number;
  health?: {
    minHealthySeconds?: number;
    deadlineSeconds?: number;
    port?: number;
    checks?: RawHttpCheck[];
    probeFrom?: HealthGate['probeFrom'];
    intervalMs?: number;
  };
  waves?: WaveSize[];
  concurrency?: number;
  maxFailures?: number | `${number}%`;
  revertAfterSeconds?: number;
  knownHosts?: string;
  connectTimeoutSeconds?: number;
}

/** Segments of a key path under `deploy`, as the loader and validate.ts's keyPath() write them. */
type Segments = ReadonlyArray<string | number>;
const at = (...segments: Segments): string => keyPath(['deploy', ...segments]);

/** A semantic problem found while normalising; `checked()` turns it into a DeployConfigError with the file's line. */
class Problem extends GocrossError {
  readonly segments: Segments;
  constructor(segments: Segments, message: string, fix?: string) {
    super('config', message, fix === undefined ? {} : { fix });
    this.segments = segments;
  }
}

/** `~/x` → home/x; relative → against the config's directory. */
export function resolveUserPath(path: string, configDir: string, home: string): string {
  if (path === '~') return home;
  if (path.startsWith('~/')) return resolve(home, path.slice(2));
  return isAbsolute(path) ? resolve(path) : resolve(configDir, path);
}

/**
 * Checks a raw `deploy` section against the published schema, then normalises and checks it.
 * `configDir` resolves relative identity and known_hosts files; `home` expands `~`.
 */
export function normalizeDeployConfig(raw: unknown, configDir: string, home: string = homedir()): DeployConfig {
  if (raw === undefined || raw === null) throw missingSection(null);
  const errors = sectionErrors('deploy', raw);
  const e = errors[0];
  if (e) {
    const segments = e.instancePath.split('/').slice(1).map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
    if (e.keyword === 'additionalProperties') segments.push(String((e.params as { additionalProperty: string }).additionalProperty));
    if (e.propertyName !== undefined) segments.push(e.propertyName);
    throw new DeployConfigError(at(...segments), explainSchemaError(e, valueAt(raw, e.instancePath)));
  }
  return checked(raw as RawDeploy, configDir, home, null);
}

/** The deploy section of a config loadConfig() already validated against the schema, checked and normalised. */
export function deployConfigOf(loaded: LoadedConfig, home: string = homedir()): DeployConfig {
  const raw = loaded.config.deploy as RawDeploy | undefined;
  if (raw === undefined) throw missingSection(loaded.file);
  return checked(raw, loaded.dir, home, loaded.file);
}

function missingSection(file: string | null): DeployConfigError {
  return new DeployConfigError('deploy', `missing section${file ? '' : ' (no config file found)'}`, {
    file,
    fix: 'add a deploy: section with hosts and service to gocross.config.yaml — see README ("Deploying to devices")',
  });
}

function checked(raw: RawDeploy, configDir: string, home: string, file: string | null): DeployConfig {
  try {
    return normalize(raw, configDir, home);
  } catch (error) {
    if (!(error instanceof Problem)) throw error;
    const line = file ? lineOf(file, ['deploy', ...error.segments.map(String)]) : null;
    throw new DeployConfigError(at(...error.segments), error.message, { fix: error.fix, file, line });
  }
}

function normalize(r: RawDeploy, configDir: string, home: string): DeployConfig {
  const service = r.service;
  if (!SERVICE_NAME_PATTERN.test(service.name) || service.name.endsWith('@')) {
    throw new Problem(['service', 'name'], `"${service.name}" is not a valid unit name`, 'use letters, digits and _ . @ - (it becomes NAME.service and the binary name)');
  }
  const names = new Map<string, number>();
  r.hosts.forEach((h, i) => {
    const first = names.get(h.name);
    if (first !== undefined) throw new Problem(['hosts', i, 'name'], `duplicate host name "${h.name}" (also hosts[${first}])`, 'give every host its own name');
    names.set(h.name, i);
  });
  const groups = r.groups ?? {};
  for (const [group, members] of Object.entries(groups)) {
    members.forEach((m, i) => {
      if (!names.has(m)) throw new Problem(['groups', group, i], `no host named "${m}"`, `hosts are: ${[...names.keys()].join(', ')}`);
    });
  }
  const target = service.target ?? 'auto';
  if (target !== 'auto') checkTarget(target);
  const baseDir = r.baseDir ?? `/opt/${service.name}`;
  checkBaseDir(baseDir, r.baseDir === undefined ? ['service', 'name'] : ['baseDir']);
  service.readWritePaths?.forEach((p, i) => {
    if (posix.normalize(p) !== p || p === '/') throw new Problem(['service', 'readWritePaths', i], `"${p}" is not a normalised absolute path other than /`);
  });
  const health = healthOf(r.health);
  const revertAfterSeconds = r.revertAfterSeconds ?? DEFAULT_DEPLOY.revertAfterSeconds;
  const needed = health.minHealthySeconds + health.deadlineSeconds + REVERT_MARGIN_SECONDS;
  if (revertAfterSeconds <= needed) {
    throw new Problem(
      r.revertAfterSeconds === undefined ? ['health'] : ['revertAfterSeconds'],
      `the revert timer (${revertAfterSeconds} s) would fire during the health gate (minHealthySeconds ${health.minHealthySeconds} + deadlineSeconds ${health.deadlineSeconds} + ${REVERT_MARGIN_SECONDS} s margin = ${needed} s)`,
      `set deploy.revertAfterSeconds to more than ${needed}, or shorten the health gate`,
    );
  }
  const hosts: DeployHost[] = r.hosts.map((h) => ({
    name: h.name,
    address: h.address,
    port: h.port ?? DEFAULT_DEPLOY.port,
    user: h.user ?? DEFAULT_DEPLOY.user,
    identityFile: h.identityFile === undefined ? null : resolveUserPath(h.identityFile, configDir, home),
    labels: { ...h.labels },
    groups: Object.entries(groups)
      .filter(([, members]) => members.includes(h.name))
      .map(([g]) => g),
  }));
  return {
    hosts,
    groups: Object.fromEntries(Object.entries(groups).map(([g, m]) => [g, [...m]])),
    service: {
      name: service.name,
      target,
      args: service.args ?? [],
      environment: service.environment ?? {},
      user: service.user ?? null,
      workingDirectory: service.workingDirectory ?? null,
      readWritePaths: service.readWritePaths ?? [],
    },
    baseDir,
    keep: r.keep ?? DEFAULT_DEPLOY.keep,
    health,
    waves: r.waves ?? [...DEFAULT_DEPLOY.waves],
    concurrency: r.concurrency ?? DEFAULT_DEPLOY.concurrency,
    maxFailures: r.maxFailures ?? DEFAULT_DEPLOY.maxFailures,
    revertAfterSeconds,
    knownHosts: resolveUserPath(r.knownHosts ?? DEFAULT_DEPLOY.knownHosts, configDir, home),
    connectTimeoutSeconds: r.connectTimeoutSeconds ?? DEFAULT_DEPLOY.connectTimeoutSeconds,
  };
}

function checkTarget(target: string): void {
  let goos: string;
  try {
    goos = parseTarget(target).goos;
  } catch (error) {
    throw new Problem(['service', 'target'], (error as Error).message, 'write "auto" or a target id such as linux/arm64 or linux/arm/6');
  }
  if (goos !== 'linux') throw new Problem(['service', 'target'], `${target} is not a linux target: deploy installs a systemd service`, 'write "auto" or a linux target such as linux/arm64');
}

function checkBaseDir(dir: string, segments: Segments): void {
  const problem = (why: string): Problem => new Problem(segments, `base directory "${dir}" ${why}`, 'set deploy.baseDir to a dedicated directory such as /opt/NAME or /srv/NAME');
  if (!dir.startsWith('/')) throw problem('is not absolute');
  if (posix.normalize(dir) !== dir || (dir.length > 1 && dir.endsWith('/'))) throw problem(`is not normalised (write ${posix.normalize(dir).replace(/(.)\/$/, '$1')})`);
  if (dir === '/') throw problem('is the root directory');
  const system = SYSTEM_DIRS.find((s) => dir === s || (dir.startsWith(`${s}/`) && !dir.startsWith('/usr/local/')));
  if (system) throw problem(`is inside ${system}, which belongs to the operating system`);
  if (SHARED_DIRS.includes(dir)) throw problem('is a shared directory (old releases are pruned inside it)');
}

function healthOf(h: RawDeploy['health']): HealthGate {
  if (h?.checks && h.port === undefined) throw new Problem(['health', 'port'], 'missing: health.checks need the port they probe', 'add health.port (the port the service listens on)');
  if (h?.port !== undefined && !h.checks) throw new Problem(['health', 'checks'], 'missing: health.port is set but there is nothing to probe', 'add health.checks, e.g. [{ path: /healthz }]');
  return {
    minHealthySeconds: h?.minHealthySeconds ?? DEFAULT_DEPLOY.minHealthySeconds,
    deadlineSeconds: h?.deadlineSeconds ?? DEFAULT_DEPLOY.deadlineSeconds,
    port: h?.port ?? null,
    checks: (h?.checks ?? []).map(normalizeHttpCheck),
    probeFrom: h?.probeFrom ?? 'auto',
    intervalMs: h?.intervalMs ?? DEFAULT_DEPLOY.intervalMs,
  };
}

function valueAt(root: unknown, instancePath: string): unknown {
  let v = root;
  for (const p of instancePath.split('/').slice(1)) v = (v as Record<string, unknown> | undefined)?.[p.replace(/~1/g, '/').replace(/~0/g, '~')];
  return v;
}

/** The line of a key path in the config file (or of its nearest existing parent); null when unknown. Error path only. */
function lineOf(file: string, segments: string[]): number | null {
  try {
    const { LineCounter, parseDocument, isNode } = yaml();
    const lineCounter = new LineCounter();
    const doc = parseDocument(readFileSync(file, 'utf8'), { lineCounter });
    for (let n = segments.length; n > 0; n--) {
      const path = segments.slice(0, n).map((s) => (/^\d+$/.test(s) ? Number(s) : s));
      const node = doc.getIn(path, true);
      if (isNode(node) && node.range) return lineCounter.linePos(node.range[0]).line;
    }
  } catch {
    // The line is a courtesy: the key path alone still names the problem.
  }
  return null;
}
