/**
 * Which credentials a connection offers, like `ssh` without a config file: the host's
 * `identityFile` alone when set (IdentitiesOnly); else the ssh-agent at SSH_AUTH_SOCK, then the
 * first usable of ~/.ssh/id_ed25519, id_ecdsa, id_rsa. gocross never asks for a passphrase: a
 * protected key is used through the agent.
 */
import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import ssh2, { type AgentAuthMethod, type PublicKeyAuthMethod } from 'ssh2';
import { GocrossError, ioReason } from '../../core/errors.ts';
import type { DeployHost } from '../model.ts';
import { describeTarget } from './errors.ts';

export const DEFAULT_KEY_NAMES = ['id_ed25519', 'id_ecdsa', 'id_rsa'] as const;

export interface AuthPlan {
  methods: Array<AgentAuthMethod | PublicKeyAuthMethod>;
  /** What was offered, for the message when the device accepts none of it: `ssh-agent, /root/.ssh/id_ed25519`. */
  offered: string[];
}

export interface AuthEnvironment {
  agentSocket: string | undefined;
  home: string;
}

export function authEnvironment(env: NodeJS.ProcessEnv = process.env): AuthEnvironment {
  return { agentSocket: env.SSH_AUTH_SOCK || undefined, home: homedir() };
}

export async function planAuth(host: DeployHost, environment: AuthEnvironment = authEnvironment()): Promise<AuthPlan> {
  const username = host.user;
  const agent: AgentAuthMethod | null = environment.agentSocket ? { type: 'agent', username, agent: environment.agentSocket } : null;
  if (host.identityFile !== null) {
    const file = host.identityFile;
    let content: Buffer;
    try {
      content = await readFile(file);
    } catch (error) {
      throw new GocrossError('environment', `Cannot connect to ${describeTarget(host)}: cannot read the identity file ${file}: ${ioReason(error)}`, {
        fix: `check identityFile of host '${host.name}' in gocross.config.yaml`,
        cause: error,
      });
    }
    const state = keyState(content);
    if (state === 'usable') return { methods: [{ type: 'publickey', username, key: content }], offered: [file] };
    if (state === 'encrypted' && agent) return { methods: [agent], offered: [`ssh-agent (for the passphrase-protected ${file})`] };
    throw new GocrossError('environment', state === 'encrypted'
      ? `Cannot connect to ${describeTarget(host)}: the identity file ${file} is protected by a passphrase and gocross does not ask for one`
      : `Cannot connect to ${describeTarget(host)}: the identity file ${file} is not a private key ssh2 can read`, {
      fix: state === 'encrypted'
        ? `load it into ssh-agent (eval "$(ssh-agent)"; ssh-add ${file}) and run again with SSH_AUTH_SOCK set`
        : 'point identityFile at an OpenSSH private key (ed25519, ECDSA or RSA)',
    });
  }
  const methods: AuthPlan['methods'] = agent ? [agent] : [];
  const offered = agent ? ['ssh-agent'] : [];
  for (const name of DEFAULT_KEY_NAMES) {
    const file = join(environment.home, '.ssh', name);
    const content = await readFile(file).catch(() => null);
    // A protected default key is skipped: the agent, if any, holds it; ssh would prompt, we do not.
    if (content === null || keyState(content) !== 'usable') continue;
    methods.push({ type: 'publickey', username, key: content });
    offered.push(file);
    break;
  }
  if (methods.length === 0) {
    throw new GocrossError('environment', `Cannot connect to ${describeTarget(host)}: no SSH key to offer (no identityFile for the host, SSH_AUTH_SOCK is not set, and none of ${DEFAULT_KEY_NAMES.map((n) => `~/.ssh/${n}`).join(', ')} is a usable key without a passphrase)`, {
      fix: `set identityFile for host '${host.name}' in gocross.config.yaml, or start ssh-agent and ssh-add your key`,
    });
  }
  return { methods, offered };
}

function keyState(content: Buffer): 'usable' | 'encrypted' | 'unreadable' {
  const parsed = ssh2.utils.parseKey(content);
  if (!(parsed instanceof Error)) return 'usable';
  return /encrypted|passphrase/i.test(parsed.message) ? 'encrypted' : 'unreadable';
}
