/**
 * The host selection options `deploy`, `rollback` and `releases` share (`--hosts a,b`, `--group g`,
 * `--label k=v`, each repeatable), and the config they all start from: the project's `deploy:`
 * section, checked and normalised, and who is deploying. Parsing `k=v` and host lists is src/deploy/inventory.ts's.
 */
import type { Command } from 'commander';
import { hostname, userInfo } from 'node:os';
import { resolve } from 'node:path';
import { loadConfig } from '../config/load.ts';
import type { LoadedConfig } from '../config/types.ts';
import { deployConfigOf } from '../deploy/config.ts';
import { parseHostList, parseLabelSelector } from '../deploy/inventory.ts';
import type { DeployConfig, HostSelection } from '../deploy/model.ts';

export interface HostSelectionOptions {
  hosts?: string[];
  group?: string[];
  label?: string[];
  dir?: string;
  config?: string;
  acceptNewHostKeys?: boolean;
}

const collect = (value: string, previous: string[] | undefined): string[] => [...(previous ?? []), value];

/** Adds --hosts, --group, --label, --accept-new-host-keys, -c and -C to a deploy command. */
export function addHostSelection(command: Command): Command {
  return command
    .option('--hosts <names>', 'only these hosts (comma separated, repeatable)', collect)
    .option('--group <name>', 'only hosts of this group of deploy.groups (repeatable: hosts in every group given)', collect)
    .option('--label <key=value>', 'only hosts with this label (repeatable: all must match)', collect)
    .option('--accept-new-host-keys', "add an unknown host's key to known_hosts (like StrictHostKeyChecking=accept-new); a changed key is always refused")
    .option('-C, --dir <dir>', 'project directory (where the config and dist/ are; default: .)')
    .option('-c, --config <file>', 'config file (default: gocross.config.{yaml,yml,json} in the project directory)');
}

/** The --hosts/--group/--label filters as one HostSelection (all apply at once). */
export function selectionOf(opts: HostSelectionOptions): HostSelection {
  return {
    names: (opts.hosts ?? []).flatMap(parseHostList),
    groups: (opts.group ?? []).flatMap(parseHostList),
    labels: Object.fromEntries((opts.label ?? []).map(parseLabelSelector)),
  };
}

/** The loaded config and its deploy section; a missing or invalid section is a config error (exit 2) with its fix. */
export async function loadDeployConfig(opts: HostSelectionOptions): Promise<{ loaded: LoadedConfig; config: DeployConfig }> {
  const loaded = await loadConfig({ dir: resolve(opts.dir ?? '.'), ...(opts.config ? { file: opts.config } : {}) });
  return { loaded, config: deployConfigOf(loaded) };
}

/** Who deploys, as the device's deploy log records it. */
export function actorOf(): string {
  let user = process.env.USER ?? '';
  try {
    user ||= userInfo().username;
  } catch {
    user ||= 'unknown';
  }
  return `${user}@${hostname()}`;
}
