/**
 * Finding Go toolchains on this host: `--go` (a go binary or a GOROOT), `go` on PATH, `$GOROOT`,
 * and distro installs (/usr/lib/go-1.N, /usr/local/go, /usr/lib/golang). Each is asked for its
 * own GOROOT and version with GOENV=off and GOTOOLCHAIN=local, so a broken user go env cannot
 * hide it or switch it.
 */
import { existsSync, readdirSync, realpathSync, statSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { run } from '../process/run.ts';
import { ToolchainError } from './errors.ts';
import { parseGoVersion } from '../platform/go-version.ts';
import { cachedForBinary } from '../util/tool-cache.ts';
import type { Toolchain, ToolchainSource } from './types.ts';

export interface FindToolchainsOptions {
  /** A go binary or a GOROOT given by the user (`--go`). */
  go?: string;
  env?: NodeJS.ProcessEnv;
  /** Directories searched for distro installs (default: the usual Linux locations). */
  distroDirs?: string[];
}

function onPath(name: string, env: NodeJS.ProcessEnv): string | null {
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    const p = dir && join(dir, name);
    if (p && existsSync(p)) return p;
  }
  return null;
}

function distroCandidates(dirs?: string[]): string[] {
  if (dirs) return dirs.map((d) => join(d, 'bin/go'));
  const found: string[] = [];
  try {
    for (const name of readdirSync('/usr/lib')) if (/^go-\d+\.\d+$/.test(name)) found.push(`/usr/lib/${name}/bin/go`);
  } catch {
    // no /usr/lib
  }
  found.push('/usr/local/go/bin/go', '/usr/lib/golang/bin/go', '/usr/lib/go/bin/go');
  return found;
}

/** A `--go` value may name the binary or its GOROOT. */
function goBinaryOf(pathOrRoot: string): string {
  try {
    if (statSync(pathOrRoot).isDirectory()) return join(pathOrRoot, 'bin/go');
  } catch {
    // reported by probe()
  }
  return pathOrRoot;
}

async function probe(path: string, source: ToolchainSource): Promise<Toolchain> {
  const facts = await cachedForBinary('toolchain', path, () => probeUncached(path));
  return { path, ...facts, source };
}

async function probeUncached(path: string): Promise<{ goroot: string; version: string }> {
  const env = { PATH: process.env.PATH, HOME: process.env.HOME, GOENV: 'off', GOTOOLCHAIN: 'local', GOFLAGS: '' };
  const r = await run(path, ['env', 'GOROOT', 'GOVERSION'], { env, reject: false, timeoutMs: 30_000 }).catch((e: Error) => ({ exitCode: -1, stdout: '', stderr: e.message }));
  const [goroot = '', version = ''] = r.stdout.trim().split('\n');
  if (r.exitCode !== 0 || !goroot || !version.startsWith('go')) {
    throw new ToolchainError(`Cannot use Go toolchain ${path}: \`go env GOROOT GOVERSION\` failed${r.stderr ? `: ${r.stderr.trim().split('\n')[0]}` : ''} (pass a working go binary or GOROOT with --go)`);
  }
  return { goroot, version: version.split(' ')[0] ?? version };
}

/** Every working toolchain found, deduplicated by real path, in discovery order (flag, PATH, GOROOT, distro). */
export async function findToolchains(opts: FindToolchainsOptions = {}): Promise<Toolchain[]> {
  const env = opts.env ?? process.env;
  const candidates: Array<[string, ToolchainSource]> = [];
  if (opts.go) candidates.push([goBinaryOf(opts.go), 'flag']);
  const fromPath = onPath('go', env);
  if (fromPath) candidates.push([fromPath, 'PATH']);
  if (env.GOROOT) candidates.push([join(env.GOROOT, 'bin/go'), 'GOROOT']);
  for (const p of distroCandidates(opts.distroDirs)) candidates.push([p, 'distro']);
  const seen = new Set<string>();
  const found: Toolchain[] = [];
  for (const [path, source] of candidates) {
    let real: string;
    try {
      real = realpathSync(path);
    } catch {
      if (source === 'flag') throw new ToolchainError(`Cannot use Go toolchain ${opts.go}: no such file (pass a go binary or a GOROOT)`);
      continue;
    }
    if (seen.has(real)) continue;
    seen.add(real);
    try {
      found.push(await probe(path, source));
    } catch (error) {
      if (source === 'flag') throw error;
    }
  }
  return found;
}

/** The toolchain to build with: `--go` when given, else `go` on PATH, else $GOROOT, else the newest distro Go. */
export async function chooseToolchain(opts: { go?: string; env?: NodeJS.ProcessEnv } = {}): Promise<Toolchain> {
  // Fast paths: the toolchain asked for, else the one on PATH; the full search only when neither works.
  if (opts.go) return probe(goBinaryOf(opts.go), 'flag');
  const fromPath = onPath('go', opts.env ?? process.env);
  if (fromPath) {
    const t = await probe(fromPath, 'PATH').catch(() => null);
    if (t) return t;
  }
  const all = await findToolchains(opts);
  const pick = all.find((t) => t.source === 'flag') ?? all.find((t) => t.source === 'PATH') ?? all.find((t) => t.source === 'GOROOT') ?? newest(all);
  if (!pick) throw new ToolchainError('Cannot find a Go toolchain: no go on PATH, $GOROOT or /usr/lib/go-* (install golang, or pass --go /path/to/go)', { kind: 'environment' });
  return pick;
}

function newest(all: Toolchain[]): Toolchain | undefined {
  return [...all].sort((a, b) => {
    const x = parseGoVersion(a.version);
    const y = parseGoVersion(b.version);
    return y.major - x.major || y.minor - x.minor || y.patch - x.patch;
  })[0];
}
