/**
 * Facts about the project being built, gathered at the edge: its go.mod (module path, whether it
 * has requirements to download) and its VCS state (version, commit, commit time).
 */
import { existsSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { GocrossError } from '../core/errors.ts';
import { run } from '../process/run.ts';
import type { VcsInfo } from './plan.ts';

export interface GoModFacts {
  /** Directory holding go.mod, or null when the package is not in a module. */
  root: string | null;
  modulePath: string | null;
  /** True when go.mod has `require` lines (so `go mod download` has work to do). */
  hasRequires: boolean;
  /** Relative `replace … => ../dir` targets outside the module root. */
  externalReplaces: string[];
  /** Every `replace … => <local dir>` target, as written (./x, ../x, /abs). */
  localReplaces: string[];
}

/**
 * Mistakes in the main package found before anything is built or touched (usage errors): a
 * project directory or package directory that does not exist, a package that go would read as a
 * flag (`-toolexec=…`).
 */
export async function checkMainPackage(dir: string, main: string): Promise<void> {
  if (main.startsWith('-')) {
    throw new GocrossError('usage', `Cannot build "${main}": a package path cannot begin with "-" (go would read it as a flag)`, { fix: `write it as a path, e.g. ./${main}` });
  }
  // Why `p` is not a directory, or null when it is one.
  const notDir = (p: string): Promise<string | null> => stat(p).then((s) => (s.isDirectory() ? null : `${p} is not a directory`), () => `no such directory ${p}`);
  const where = await notDir(dir);
  if (where) throw new GocrossError('usage', `Cannot build in ${dir}: ${where}`);
  // A relative or absolute package path names a directory; import paths and patterns are go's to resolve.
  const what = /^(\.{1,2}(\/|$)|\/)/.test(main) && !main.includes('...') ? await notDir(resolve(dir, main)) : null;
  if (what) throw new GocrossError('usage', `Cannot build ${main}: ${what}`);
}

/** Parses the parts of go.mod gocross needs. */
export function parseGoMod(text: string): Omit<GoModFacts, 'root'> {
  const noComments = text.replace(/\/\/.*$/gm, '');
  const modulePath = /^\s*module\s+"?([^\s"]+)"?/m.exec(noComments)?.[1] ?? null;
  const hasRequires = /^\s*require\s*(\(\s*[^\s)]|[^\s(])/m.test(noComments);
  const localReplaces = [...noComments.matchAll(/=>\s*((?:\.{1,2}\/|\/)[^\s]*)/g)].map((m) => m[1] ?? '');
  const externalReplaces = localReplaces.filter((p) => p.startsWith('../'));
  return { modulePath, hasRequires, externalReplaces, localReplaces };
}

export async function readGoMod(dir: string): Promise<GoModFacts> {
  let d = resolve(dir);
  for (;;) {
    const p = join(d, 'go.mod');
    if (existsSync(p)) return { root: d, ...parseGoMod(await readFile(p, 'utf8')) };
    const up = dirname(d);
    if (up === d) return { root: null, modulePath: null, hasRequires: false, externalReplaces: [], localReplaces: [] };
    d = up;
  }
}

/** The artifact name when none is configured: the main package's last path element. */
export function defaultName(modulePath: string | null, main: string, dir: string): string {
  const mainTail = main.replace(/\/+$/, '').split('/').filter((s) => s && s !== '.').pop();
  const raw = mainTail && mainTail !== '...' ? mainTail : modulePath ? (modulePath.split('/').pop() ?? '') : basename(resolve(dir));
  // Major-version suffixes (example.com/tool/v2) are not names.
  const name = /^v\d+$/.test(raw) && modulePath ? (modulePath.split('/').slice(-2, -1)[0] ?? raw) : raw;
  return name.replace(/[^A-Za-z0-9._-]/g, '-') || 'app';
}

/** Version, commit and date from git, never from the clock; SOURCE_DATE_EPOCH wins for the date. */
export async function readVcsInfo(dir: string, env: NodeJS.ProcessEnv = process.env): Promise<VcsInfo> {
  const git = async (args: string[]): Promise<string | null> => {
    const r = await run('git', args, { cwd: dir, reject: false, timeoutMs: 15_000, env: { ...env, GIT_OPTIONAL_LOCKS: '0' } }).catch(() => null);
    return r && r.exitCode === 0 ? r.stdout.trim() : null;
  };
  const [head, described] = await Promise.all([git(['log', '-1', '--format=%H %cI']), git(['describe', '--tags', '--always', '--dirty'])]);
  const [commit, commitTime] = head?.split(' ') ?? [];
  const epoch = env.SOURCE_DATE_EPOCH && /^\d+$/.test(env.SOURCE_DATE_EPOCH) ? new Date(Number(env.SOURCE_DATE_EPOCH) * 1000).toISOString().replace('.000Z', 'Z') : null;
  if (!commit) return { version: 'dev', commit: 'none', date: epoch ?? 'unknown' };
  const version = described ?? commit.slice(0, 12);
  return { version, commit, date: epoch ?? commitTime ?? 'unknown' };
}
