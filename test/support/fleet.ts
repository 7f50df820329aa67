/**
 * Test support: a real local fleet (systemd + sshd devices, an arm64 BusyBox + dropbear router under
 * QEMU 10, a legacy glibc 2.31 dropbear device), started and stopped by scripts/fleet.sh — one
 * implementation for users and tests. Each test file passes its own `prefix` and `subnetBase`, so
 * fleets of files running at the same time (and the user's own `scripts/fleet.sh up`, which uses
 * prefix 0 and 10.231) never share a namespace, an interface or a subnet.
 *
 * `exec` runs a command through the system `ssh` client with the fleet's key and known_hosts: the
 * oracle e2e tests use to check a device's state independently of gocross's own SSH code.
 */
import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { run, type RunResult } from '../../src/process/run.ts';
import { REPO } from './go.ts';

export type FleetHostKind = 'systemd' | 'arm64-dropbear' | 'legacy-dropbear';

export interface FleetHost {
  name: string;
  address: string;
  port: number;
  user: string;
  identityFile: string;
  kind: FleetHostKind;
  /** GOARCH of the device's userland: amd64 or arm64. */
  arch: string;
}

export interface FleetOptions {
  /** systemd devices dev1..devN. */
  systemdDevices: number;
  /** The arm64 BusyBox + dropbear device `arm64` (port 2222). Default false. */
  arm64?: boolean;
  /** The x86_64 glibc 2.31 BusyBox + dropbear device `legacy`. Default false. */
  legacy?: boolean;
  /** 1–6 of [a-z0-9]: namespaces gxf<prefix>-<n>, host-side veths gxf<prefix>h<n>. */
  prefix: string;
  /** First two octets of the fleet's 10.x network, e.g. "10.232": device n is 10.232.n.2. */
  subnetBase: string;
  signal?: AbortSignal;
}

export interface Fleet {
  stateDir: string;
  hosts: FleetHost[];
  /** The client private key every device's root accepts. */
  keyFile: string;
  /** known_hosts with every device's real host key. */
  knownHosts: string;
  /** inventory.yaml: the fleet as a `deploy.hosts` list. */
  inventory: string;
  host(name: string): FleetHost;
  /** Take the device off the network (host-side veth down). */
  cut(name: string): Promise<void>;
  restore(name: string): Promise<void>;
  /** Run argv on the device with the system ssh client (BatchMode, the fleet's key and known_hosts). */
  exec(name: string, argv: readonly string[], options?: { timeoutMs?: number; input?: string }): Promise<RunResult>;
  /** Options for the system ssh/scp/sftp clients to reach the fleet (without -p/-P). */
  sshOptions(): string[];
  stop(): Promise<void>;
}

const FLEET_SH = join(REPO, 'scripts/fleet.sh');

/** One argument for the remote POSIX shell that ssh hands the command line to. */
export function shellQuote(arg: string): string {
  return /^[A-Za-z0-9_@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replaceAll("'", `'\\''`)}'`;
}

async function fleetSh(stateDir: string, args: string[], signal?: AbortSignal): Promise<RunResult> {
  return run('bash', [FLEET_SH, ...args, '--state', stateDir], { reject: false, timeoutMs: 600_000, ...(signal ? { signal } : {}) });
}

interface InventoryHost {
  name: string;
  address: string;
  port: number;
  user: string;
  identityFile: string;
  labels: { arch: string; kind: FleetHostKind };
}

export async function startFleet(options: FleetOptions): Promise<Fleet> {
  const stateDir = await mkdtemp(join(tmpdir(), `gocross-fleet-${options.prefix}-`));
  const stop = async (): Promise<void> => {
    const down = await fleetSh(stateDir, ['down']);
    if (down.exitCode !== 0) throw new Error(`scripts/fleet.sh down failed:\n${down.stderr}`);
    await rm(stateDir, { recursive: true, force: true });
  };
  const up = await fleetSh(stateDir, [
    'up', '--devices', String(options.systemdDevices), '--id', options.prefix, '--subnet', options.subnetBase,
    options.arm64 ? '--arm64' : '--no-arm64', options.legacy ? '--legacy' : '--no-legacy',
  ], options.signal);
  if (up.exitCode !== 0) {
    // An aborted `up` is killed before its own trap can run: stop what it started.
    await stop().catch(() => undefined);
    throw new Error(`scripts/fleet.sh up failed (exit ${up.exitCode}${up.aborted ? ', aborted' : ''}):\n${up.stderr}`);
  }
  const inventory = join(stateDir, 'inventory.yaml');
  const hosts = (parse(await readFile(inventory, 'utf8')) as { hosts: InventoryHost[] }).hosts.map((h): FleetHost => ({
    name: h.name, address: h.address, port: h.port, user: h.user, identityFile: h.identityFile, kind: h.labels.kind, arch: h.labels.arch,
  }));
  const keyFile = join(stateDir, 'id_ed25519');
  const knownHosts = join(stateDir, 'known_hosts');
  const host = (name: string): FleetHost => {
    const found = hosts.find((h) => h.name === name);
    if (!found) throw new Error(`no device ${name} in the fleet (${hosts.map((h) => h.name).join(', ')})`);
    return found;
  };
  const sshOptions = (): string[] => [
    '-i', keyFile, '-o', 'IdentitiesOnly=yes', '-o', 'BatchMode=yes', '-o', 'StrictHostKeyChecking=yes',
    '-o', `UserKnownHostsFile=${knownHosts}`, '-o', 'GlobalKnownHostsFile=/dev/null', '-o', 'ConnectTimeout=3', '-o', 'LogLevel=ERROR',
  ];
  const link = async (command: 'cut' | 'restore', name: string): Promise<void> => {
    host(name);
    const r = await fleetSh(stateDir, [command, name]);
    if (r.exitCode !== 0) throw new Error(`scripts/fleet.sh ${command} ${name} failed:\n${r.stderr}`);
  };
  return {
    stateDir,
    hosts,
    keyFile,
    knownHosts,
    inventory,
    host,
    cut: (name) => link('cut', name),
    restore: (name) => link('restore', name),
    exec: (name, argv, execOptions = {}) => {
      const h = host(name);
      return run('ssh', [...sshOptions(), '-p', String(h.port), `${h.user}@${h.address}`, '--', argv.map(shellQuote).join(' ')], {
        reject: false,
        timeoutMs: execOptions.timeoutMs ?? 30_000,
        ...(execOptions.input === undefined ? {} : { input: execOptions.input }),
      });
    },
    sshOptions,
    stop,
  };
}

/**
 * One fleet of a test file at a time on the machine: the same file run from two checkouts would
 * bring up the same namespaces and subnet, and a second `fleet.sh up` clears the first one's
 * leftovers. A lock directory in tmpdir() holding the owner's pid; a dead owner's lock (or one
 * left without a pid for a minute) is taken over. Returns the release function.
 */
export async function machineLock(name: string): Promise<() => Promise<void>> {
  const dir = join(tmpdir(), `${name}.lock`);
  const alive = (pid: number): boolean => {
    try {
      process.kill(pid, 0);
      return true;
    } catch (error) {
      return (error as NodeJS.ErrnoException).code === 'EPERM';
    }
  };
  for (;;) {
    try {
      await mkdir(dir);
      await writeFile(join(dir, 'pid'), String(process.pid));
      return () => rm(dir, { recursive: true, force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const owner = Number(await readFile(join(dir, 'pid'), 'utf8').catch(() => ''));
      // No pid a minute after the directory was made: its owner died between mkdir and write.
      const orphan = !(owner > 0) && Date.now() - ((await stat(dir).catch(() => null))?.mtimeMs ?? Date.now()) > 60_000;
      if ((owner > 0 && !alive(owner)) || orphan) await rm(dir, { recursive: true, force: true });
      else await sleep(1000);
    }
  }
}
