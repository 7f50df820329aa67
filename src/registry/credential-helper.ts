/**
 * Docker credential helpers (docker/docker-credential-helpers): `docker-credential-<name> get`
 * reads the server address on stdin and prints {"ServerURL","Username","Secret"} as JSON, or
 * exits 1 with "credentials not found". Run with an argument array, never a shell; the secret
 * never appears in an error.
 */
import { GocrossError } from '../core/errors.ts';
import { run } from '../process/run.ts';

/** Which helper serves `registry` in a parsed config.json: credHelpers[host] first, then credsStore (as Docker decides). */
export function helperFor(config: unknown, registry: string): string | undefined {
  const c = (config ?? {}) as { credHelpers?: Record<string, unknown>; credsStore?: unknown };
  const keys = registry === 'docker.io' ? ['docker.io', 'index.docker.io', 'https://index.docker.io/v1/'] : [registry, `https://${registry}`];
  for (const key of keys) {
    const name = c.credHelpers?.[key];
    if (typeof name === 'string' && name) return name;
  }
  return typeof c.credsStore === 'string' && c.credsStore ? c.credsStore : undefined;
}

/** The server address Docker hands the helper: Docker Hub's legacy URL, else the host. */
export function serverAddress(registry: string): string {
  return registry === 'docker.io' ? 'https://index.docker.io/v1/' : registry;
}

export async function helperCredentials(helper: string, registry: string, env: NodeJS.ProcessEnv): Promise<{ username: string; password: string; source: string } | undefined> {
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(helper)) throw new GocrossError('config', `Cannot use credential helper ${JSON.stringify(helper)}: not a helper name`, { fix: 'fix credsStore/credHelpers in the Docker config.json' });
  const command = `docker-credential-${helper}`;
  const r = await run(command, ['get'], { input: serverAddress(registry), env, reject: false, timeoutMs: 60_000 }).catch((error: unknown) => {
    throw new GocrossError('environment', `Cannot get credentials for ${registry}: ${command} could not run (${(error as Error).message})`, { cause: error, fix: `install ${command}, or remove it from the Docker config.json` });
  });
  if (r.exitCode !== 0) {
    if (/credentials not found/i.test(r.stdout + r.stderr)) return undefined;
    throw new GocrossError('environment', `Cannot get credentials for ${registry}: ${command} get exited with ${r.exitCode ?? r.signal}: ${(r.stderr || r.stdout).trim().slice(0, 200)}`, { fix: `run 'docker login ${registry}' again` });
  }
  let doc: { Username?: unknown; Secret?: unknown };
  try {
    doc = JSON.parse(r.stdout) as typeof doc;
  } catch (error) {
    throw new GocrossError('environment', `Cannot get credentials for ${registry}: ${command} get did not print JSON`, { cause: error });
  }
  if (typeof doc.Username !== 'string' || typeof doc.Secret !== 'string') throw new GocrossError('environment', `Cannot get credentials for ${registry}: ${command} get printed no Username and Secret`);
  return { username: doc.Username, password: doc.Secret, source: command };
}
