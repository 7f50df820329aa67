/**
 * The data model of `gocross deploy`, `rollback` and `releases`: the normalised `deploy:` config,
 * what a device is (facts read over SSH), the remote connection, the events a run emits and the
 * report it ends with. Types only; every part of src/deploy/ and its renderers build on these.
 */
import type { HttpCheck } from '../verify/config.ts';
import type { Finding } from '../core/check.ts';

// ---------------------------------------------------------------- config (normalised `deploy:`)

export interface DeployHost {
  name: string;
  /** IP address or DNS name. */
  address: string;
  /** Default 22. */
  port: number;
  /** Default root. */
  user: string;
  /** Private key file (resolved absolute); null: ssh-agent (SSH_AUTH_SOCK) or ~/.ssh/id_ed25519, id_ecdsa, id_rsa. */
  identityFile: string | null;
  labels: Record<string, string>;
  /** Groups that list this host (from `deploy.groups`). */
  groups: string[];
}

export interface DeployService {
  /** systemd unit name without `.service`; [A-Za-z0-9_.@-]+, also the binary's name on the device. */
  name: string;
  /** `auto`: chosen per device from dist/manifest.json; else one target id ("linux/arm64"). */
  target: 'auto' | string;
  args: string[];
  environment: Record<string, string>;
  /** `User=` of the unit; null: root. */
  user: string | null;
  /** `WorkingDirectory=`; null: the base directory. */
  workingDirectory: string | null;
  /** Extra `ReadWritePaths=` (the base directory's `data/` is always writable). */
  readWritePaths: string[];
}

export interface HealthGate {
  /** Seconds the unit must stay `active` with unchanged NRestarts. Default 5. */
  minHealthySeconds: number;
  /** Seconds within which the HTTP checks must pass. Default 30. */
  deadlineSeconds: number;
  /** Port the HTTP checks probe on the device; null: no HTTP gate, systemd only. */
  port: number | null;
  /** verify's HTTP checks (status, JSON assertions, health+json components, ?verbose). */
  checks: HttpCheck[];
  /** Where the HTTP checks run from: auto tries the controller, then the device (curl/wget there). */
  probeFrom: 'auto' | 'controller' | 'device';
  /** Milliseconds between probes. Default 500. */
  intervalMs: number;
}

/** `1` (hosts), `"10%"` (of the selected hosts, rounded up), `"100%"`. */
export type WaveSize = number | `${number}%`;

export interface DeployConfig {
  hosts: DeployHost[];
  groups: Record<string, string[]>;
  service: DeployService;
  /** Default `/opt/<service>`. */
  baseDir: string;
  /** Releases kept per host after a successful deploy (the current one counts). Default 3. */
  keep: number;
  health: HealthGate;
  /** Default [1, "100%"]. */
  waves: WaveSize[];
  /** Hosts deployed at once within a wave. Default 4. */
  concurrency: number;
  /** Failures (refused, failed, rolled back) allowed over the whole run before it stops. Default 0. */
  maxFailures: number | `${number}%`;
  /** Seconds after the switch at which the device restores the previous release unless committed. Default 120. */
  revertAfterSeconds: number;
  /** known_hosts file; default ~/.ssh/known_hosts. */
  knownHosts: string;
  /** Seconds for connecting to a host. Default 10. */
  connectTimeoutSeconds: number;
}

export interface HostSelection {
  /** Names from --hosts (comma separated); empty: no filter. */
  names: string[];
  /** --group. */
  groups: string[];
  /** --label k=v (all must match). */
  labels: Record<string, string>;
}

// ---------------------------------------------------------------- remote connection

export interface ExecResult {
  /** Exit status, or null when the remote process died of a signal. */
  code: number | null;
  signal: string | null;
  stdout: Buffer;
  stderr: Buffer;
}

export interface ExecOptions {
  stdin?: Buffer | NodeJS.ReadableStream;
  timeoutMs?: number;
  signal?: AbortSignal;
}

/**
 * One SSH session to one device. `exec` takes an argv: each element is quoted for the remote
 * POSIX shell (the only way a command reaches a device); a script is `['sh', '-c', SCRIPT, 'sh',
 * ...args]` with SCRIPT a constant and user data only in the positional arguments.
 */
export interface Remote {
  readonly host: DeployHost;
  exec(argv: readonly string[], options?: ExecOptions): Promise<ExecResult>;
  /** Like exec, but a non-zero exit is a RemoteCommandError naming the command and its stderr. */
  run(argv: readonly string[], options?: ExecOptions): Promise<Buffer>;
  /** Copy a local file to a remote path (SFTP, else streamed through `cat` on an exec channel). */
  upload(localPath: string, remotePath: string, options?: { mode?: number; signal?: AbortSignal; onProgress?: (sent: number, total: number) => void }): Promise<{ bytes: number; via: 'sftp' | 'exec' }>;
  /** Bytes written to the device over this session so far (uploads and stdin). */
  readonly bytesSent: number;
  close(): Promise<void>;
}

export interface ConnectOptions {
  knownHostsFile: string;
  /** Add an unknown host's key to knownHostsFile (StrictHostKeyChecking=accept-new); a changed key is always refused. */
  acceptNewHostKeys: boolean;
  timeoutMs: number;
  signal?: AbortSignal;
}

// ---------------------------------------------------------------- device facts (preflight)

export interface DeviceFacts {
  /** `uname -m`. */
  unameMachine: string;
  /** `uname -r`. */
  kernel: string;
  /** ELF header of the device's own /bin/sh: its userland, which may differ from the kernel's. */
  userland: { elfClass: 32 | 64; machine: number; endian: 'little' | 'big'; flags: number } | null;
  /** The GOARCH this device's userland runs (from the ELF header, else uname -m), null if unknown. */
  goarch: string | null;
  /** GOARM for 32-bit arm (5/6/7), GOAMD64 level for amd64 (v1..v4 from /proc/cpuinfo flags); null if unknown. */
  cpuLevel: { setting: 'GOARM' | 'GOAMD64'; level: string } | null;
  libc: { kind: 'glibc' | 'musl' | 'none'; version: string | null };
  init: 'systemd' | 'other';
  systemdVersion: number | null;
  /** Free bytes in the base directory (or its nearest existing parent). */
  freeBytes: number | null;
  /** Tools found on the device that later steps use (sha256sum, systemd-run, systemd-analyze, curl, wget). */
  tools: string[];
}

// ---------------------------------------------------------------- releases on a device

export interface ReleaseInfo {
  /** `<version>-<sha12>`, the file name under releases/. */
  id: string;
  current: boolean;
  /** When `current` was last switched to it and by whom (from the device's deploy log), if known. */
  switchedAt: string | null;
  switchedBy: string | null;
}

// ---------------------------------------------------------------- events and report

export type StepName =
  | 'connect'
  | 'preflight'
  | 'upload'
  | 'verify-checksum'
  | 'install-unit'
  | 'arm-revert'
  | 'switch'
  | 'restart'
  | 'health-systemd'
  | 'health-http'
  | 'commit'
  | 'rollback'
  | 'prune';

export type StepStatus = 'ok' | 'fail' | 'skip';

export interface StepResult {
  step: StepName;
  status: StepStatus;
  durationMs: number;
  message: string;
  fix?: string;
  /** Check-model findings behind the verdict (preflight reasons, HTTP assertions, health components). */
  findings?: Finding[];
}

/**
 * updated: running the new release, committed. rolled-back: switched, failed the gate, back on the
 * previous release (confirmed healthy). refused: preflight said no, nothing touched. failed: an
 * error before the switch, or a rollback that did not confirm. reverted: the controller lost the
 * device after the switch; the device's timer restores the previous release. untouched: never
 * started (budget exceeded, interrupted). unchanged: already on this release.
 */
export type HostOutcome = 'updated' | 'unchanged' | 'rolled-back' | 'refused' | 'failed' | 'reverted' | 'untouched';

export interface HostResult {
  host: string;
  address: string;
  wave: number;
  outcome: HostOutcome;
  /** Target id of the artifact chosen for this device, if any. */
  artifact: string | null;
  fromRelease: string | null;
  toRelease: string | null;
  steps: StepResult[];
  /** `journalctl -u SERVICE -n 200` of the failed release, when the gate failed. */
  journal: string | null;
  bytesSent: number;
  durationMs: number;
}

export type DeployEvent =
  | { type: 'plan'; service: string; release: string; waves: string[][]; maxFailures: number; dryRun: boolean }
  | { type: 'wave-start'; wave: number; hosts: string[] }
  | { type: 'step'; host: string; step: StepName; phase: 'start' | 'end'; status?: StepStatus; message?: string; durationMs?: number }
  | { type: 'host-done'; result: HostResult }
  | { type: 'wave-end'; wave: number; failures: number }
  | { type: 'budget-exceeded'; failures: number; maxFailures: number; wave: number }
  | { type: 'interrupted' }
  | { type: 'done'; report: DeployReport };

export interface DeployReport {
  schemaVersion: 1;
  command: 'deploy' | 'rollback';
  service: string;
  /** `<version>-<sha12>` of the release deployed (rollback: the one rolled back to, per host). */
  release: string | null;
  startedAt: string;
  finishedAt: string;
  dryRun: boolean;
  waves: Array<{ wave: number; hosts: string[]; durationMs: number }>;
  hosts: HostResult[];
  failures: number;
  maxFailures: number;
  budgetExceeded: boolean;
  interrupted: boolean;
  /** 0 all selected hosts updated/unchanged; 1 otherwise. (2/130 come from errors.) */
  exitCode: 0 | 1;
  /**
   * Set by `deploy --resume`: the run continued and the hosts whose results it kept from before.
   * `kept` holding every host means there was nothing left to do.
   */
  resumed?: { runId: string; kept: string[] };
}

export interface ReleasesReport {
  schemaVersion: 1;
  service: string;
  hosts: Array<{ host: string; address: string; error: string | null; releases: ReleaseInfo[] }>;
}

// ---------------------------------------------------------------- use cases (src/deploy/deploy.ts, rollback.ts, releases.ts)

export interface DeployRunOptions {
  config: DeployConfig;
  /** Where the command works (LoadedConfig.projectDir): the state file lives under it. */
  projectDir: string;
  /** The build output holding manifest.json and the artifacts (default `<projectDir>/dist`). */
  distDir: string;
  selection: HostSelection;
  dryRun: boolean;
  /** Continue the run recorded in the state file (hosts done stay done). */
  resume: boolean;
  /** --release-version: the version to deploy instead of the manifest's `vcs.version`. */
  releaseVersion?: string | null;
  acceptNewHostKeys: boolean;
  /** Who deploys, written to the device's deploy log (default `$USER@hostname`). */
  actor: string;
  signal?: AbortSignal;
  onEvent?: (event: DeployEvent) => void;
}

export interface RollbackRunOptions extends Omit<DeployRunOptions, 'distDir' | 'resume'> {
  /** Release id (`<version>-<sha12>`) or version to go back to; null: the one before current. */
  to: string | null;
}

export interface ReleasesRunOptions {
  config: DeployConfig;
  selection: HostSelection;
  acceptNewHostKeys: boolean;
  signal?: AbortSignal;
}

// ---------------------------------------------------------------- per-host pipeline (src/deploy/host.ts) ↔ fleet runner (src/deploy/fleet/)

/** One artifact of dist/manifest.json as shipped to a device. */
export interface ReleaseArtifact {
  /** Target id ("linux/arm/7"). */
  target: string;
  /** Absolute path of the local file. */
  file: string;
  sha256: string;
  size: number;
  /** Version from the manifest (vcs.version) or --release-version. */
  version: string;
  /** `<version>-<sha12>`: the file name under `<baseDir>/releases/` (version made file-name safe). */
  id: string;
}

/** What every host of one run shares. */
export interface HostContext {
  config: DeployConfig;
  /** dist/manifest.json, read once. */
  manifest: import('../gobuild/manifest.ts').Manifest;
  /** Directory the manifest's relative artifact paths are resolved against. */
  distDir: string;
  version: string;
  actor: string;
  acceptNewHostKeys: boolean;
  dryRun: boolean;
  emit: (event: DeployEvent) => void;
}

/**
 * The per-host pipeline, implemented in src/deploy/host.ts: it never throws for a host-level
 * problem (that is an outcome in the HostResult); it throws only for programming errors. When
 * `signal` aborts, a host not yet switched stops and cleans up; a host switched but not committed
 * is switched back (with its own, non-aborted deadline) and reported rolled-back.
 */
export type DeployHostFn = (ctx: HostContext, host: DeployHost, wave: number, signal: AbortSignal) => Promise<HostResult>;

/** Put an `updated` host back on its `fromRelease` (the budget was exceeded later in its wave). */
export type RevertHostFn = (ctx: HostContext, host: DeployHost, updated: HostResult, reason: string) => Promise<HostResult>;
