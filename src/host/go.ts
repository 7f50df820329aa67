/**
 * Go on the host: the toolchains (the build area's findToolchains, which asks each one with
 * GOENV=off so a broken user env cannot hide it), the user's GOENV file and $GOROOT/go.env (read
 * under the root), the traps they set (the build area's findTraps), and whether a plain
 * `go version` still works for this user, which a `go env -w GOROOT=/bad` breaks.
 */
import { join } from 'node:path';
import { findToolchains } from '../gobuild/toolchains.ts';
import { findTraps, parseGoEnvFile, userGoenvPathOf, type GoEnvTrap } from '../gobuild/goenv.ts';
import type { Toolchain } from '../gobuild/types.ts';
import { run } from '../process/run.ts';
import { exists, findProgram, readOptional, under, type HostRoot } from './root.ts';

export interface GoFacts {
  /** Working toolchains (empty on a fixture root: nothing is run there). */
  toolchains: Toolchain[];
  /** `go` programs seen on PATH under the root, run or not. */
  onPath: string | null;
  userGoenvPath: string | null;
  userGoenv: Record<string, string> | null;
  gorootGoEnv: Record<string, string>;
  /** GOROOT set by the GOENV file, and whether that directory exists. */
  goenvGoroot: { value: string; exists: boolean } | null;
  traps: GoEnvTrap[];
  /** `go version` as the user runs it (their GOENV file applies); null when not run. */
  userGo: { ok: boolean; output: string } | null;
}

export async function probeGo(host: HostRoot): Promise<GoFacts> {
  const userGoenvPath = userGoenvPathOf(host.env);
  const text = userGoenvPath ? await readOptional(under(host, userGoenvPath)) : null;
  const userGoenv = text === null ? null : parseGoEnvFile(text);
  const onPath = await findProgram(host, 'go');
  const toolchains = host.exec ? await findToolchains({ env: host.env }).catch(() => []) : [];
  const first = toolchains[0];
  const gorootText = first ? await readOptional(join(first.goroot, 'go.env')) : null;
  const gorootGoEnv = gorootText ? parseGoEnvFile(gorootText) : {};
  const goenvGoroot = userGoenv?.GOROOT ? { value: userGoenv.GOROOT, exists: await exists(under(host, join(userGoenv.GOROOT, 'bin'))) } : null;
  const traps = findTraps({ processEnv: host.env, userGoenvPath, userGoenv, gorootGoEnv, defaults: {} });
  let userGo: GoFacts['userGo'] = null;
  if (host.exec && onPath) {
    const r = await run(onPath, ['version'], { env: { ...host.env, GOTOOLCHAIN: 'local' }, reject: false, timeoutMs: 30_000 }).catch((e: Error) => ({ exitCode: -1, stdout: '', stderr: e.message }));
    userGo = { ok: r.exitCode === 0, output: (r.exitCode === 0 ? r.stdout : r.stderr).trim().split('\n')[0] ?? '' };
  }
  return { toolchains, onPath, userGoenvPath, userGoenv, gorootGoEnv, goenvGoroot, traps, userGo };
}
