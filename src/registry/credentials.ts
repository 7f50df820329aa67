/**
 * Registry credentials: GOCROSS_REGISTRY_USERNAME/PASSWORD from the environment, else the
 * Docker's config.json ($DOCKER_CONFIG/config.json or ~/.docker/config.json): the credential helper
 * credHelpers or credsStore names (as Docker, a helper wins over `auths`), else the `auths` entry.
 */
import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { GocrossError } from '../core/errors.ts';
import { helperCredentials, helperFor } from './credential-helper.ts';

export interface Credentials {
  username: string;
  password: string;
  /** Where they came from, for error messages (never the secret). */
  source: string;
}

/** The host keys Docker writes for a registry: "host", "https://host", Docker Hub's legacy URL. */
function keysFor(registry: string): string[] {
  const keys = [registry, `https://${registry}`, `http://${registry}`];
  if (registry === 'docker.io') keys.push('https://index.docker.io/v1/', 'index.docker.io');
  return keys;
}

/** Pure: the credentials for `registry` in a parsed config.json, or undefined. */
export function credentialsFromDockerConfig(config: unknown, registry: string, source: string): Credentials | undefined {
  const auths = (config as { auths?: Record<string, { auth?: string; username?: string; password?: string }> } | null)?.auths;
  if (!auths || typeof auths !== 'object') return undefined;
  for (const key of keysFor(registry)) {
    const entry = auths[key] ?? auths[`${key}/`];
    if (!entry) continue;
    if (entry.username && entry.password) return { username: entry.username, password: entry.password, source };
    if (entry.auth) {
      const decoded = Buffer.from(entry.auth, 'base64').toString('utf8');
      const colon = decoded.indexOf(':');
      if (colon < 0) throw new GocrossError('config', `Cannot read credentials for ${registry} from ${source}: the auth value is not base64 of user:password`, { fix: `run 'docker login ${registry}' again` });
      return { username: decoded.slice(0, colon), password: decoded.slice(colon + 1), source };
    }
  }
  return undefined;
}

export async function findCredentials(registry: string, env: NodeJS.ProcessEnv = process.env): Promise<Credentials | undefined> {
  if (env.GOCROSS_REGISTRY_USERNAME && env.GOCROSS_REGISTRY_PASSWORD !== undefined) {
    return { username: env.GOCROSS_REGISTRY_USERNAME, password: env.GOCROSS_REGISTRY_PASSWORD, source: 'GOCROSS_REGISTRY_USERNAME/GOCROSS_REGISTRY_PASSWORD' };
  }
  const path = join(env.DOCKER_CONFIG ?? join(env.HOME ?? homedir(), '.docker'), 'config.json');
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    return undefined;
  }
  let config: unknown;
  try {
    config = JSON.parse(text);
  } catch (error) {
    throw new GocrossError('config', `Cannot read registry credentials: ${path} is not JSON`, { cause: error, fix: 'fix or remove the file' });
  }
  const helper = helperFor(config, registry);
  if (helper) return helperCredentials(helper, registry, env);
  return credentialsFromDockerConfig(config, registry, path);
}
