/** Test support: the gocross CLI run from source in a copy of an example, with a hermetic Go env. */
import { cp, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run } from '../../src/process/run.ts';
import { CACHE, REPO } from './go.ts';

const BIN = join(REPO, 'src/cli/bin.ts');
export const SOURCE_DATE_EPOCH = '1700000000';

export function gocross(args: string[], cwd: string, env: Record<string, string> = {}) {
  const { PATH, HOME } = process.env;
  return run(process.execPath, [BIN, ...args], {
    cwd,
    env: { PATH, HOME, GOCACHE: join(CACHE, 'go-build'), GOPROXY: 'off', NO_COLOR: '1', SOURCE_DATE_EPOCH, DOCKER_CONFIG: join(cwd, '.no-docker-config'), ...env },
    reject: false,
    timeoutMs: 10 * 60_000,
  });
}

/** A fresh copy of examples/<name> in its own temp dir, built for `targets`; returns its directory. */
export async function builtExample(targets: string, name = 'hello'): Promise<string> {
  const dir = join(await mkdtemp(join(tmpdir(), 'gocross-image-')), name);
  await cp(join(REPO, 'examples', name), dir, { recursive: true });
  const r = await gocross(['build', '-t', targets], dir);
  if (r.exitCode !== 0) throw new Error(`gocross build failed: ${r.stderr}${r.stdout}`);
  return dir;
}
