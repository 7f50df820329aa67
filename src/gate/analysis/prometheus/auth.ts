/**
 * Credentials for the Prometheus HTTP API, named by where they live (an environment variable or a
 * file, e.g. a mounted Kubernetes secret) so none is ever written into a config or a report.
 */
import { readFile } from 'node:fs/promises';
import { GocrossError } from '../../../core/errors.ts';

export interface AuthSource {
  bearerTokenEnv?: string;
  bearerTokenFile?: string;
  username?: string;
  passwordEnv?: string;
  passwordFile?: string;
}

export type Credentials = { kind: 'none' } | { kind: 'bearer'; token: string } | { kind: 'basic'; username: string; password: string };

async function secret(what: string, env: string | undefined, file: string | undefined, environment: NodeJS.ProcessEnv): Promise<string | undefined> {
  if (env !== undefined) {
    const value = environment[env];
    if (value === undefined || value === '') throw new GocrossError('usage', `Cannot read the Prometheus ${what}: environment variable ${env} is not set`, { fix: `export ${env}=…` });
    return value;
  }
  if (file !== undefined) {
    try {
      return (await readFile(file, 'utf8')).trim();
    } catch (cause) {
      throw new GocrossError('usage', `Cannot read the Prometheus ${what} from ${file}: ${(cause as Error).message}`, { cause });
    }
  }
  return undefined;
}

export async function resolveCredentials(source: AuthSource, environment: NodeJS.ProcessEnv = process.env): Promise<Credentials> {
  const token = await secret('bearer token', source.bearerTokenEnv, source.bearerTokenFile, environment);
  const password = await secret('password', source.passwordEnv, source.passwordFile, environment);
  if (token !== undefined && (source.username !== undefined || password !== undefined)) {
    throw new GocrossError('usage', 'Cannot authenticate to Prometheus: both a bearer token and basic auth are configured (choose one)');
  }
  if (token !== undefined) return { kind: 'bearer', token };
  if (source.username !== undefined) return { kind: 'basic', username: source.username, password: password ?? '' };
  if (password !== undefined) throw new GocrossError('usage', 'Cannot authenticate to Prometheus: a password is configured without a username');
  return { kind: 'none' };
}

export function authorizationHeader(credentials: Credentials): string | undefined {
  if (credentials.kind === 'bearer') return `Bearer ${credentials.token}`;
  if (credentials.kind === 'basic') return `Basic ${Buffer.from(`${credentials.username}:${credentials.password}`).toString('base64')}`;
  return undefined;
}
