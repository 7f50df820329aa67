/**
 * --check-reproducible: build the same targets a second time from a copy of the module in
 * another directory, with an empty GOCACHE, and compare every artifact's SHA-256.
 */
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative, resolve, sep } from 'node:path';
import { readGoMod } from './project.ts';
import type { BuildResult } from './result.ts';
import { buildMatrix, type BuildMatrixOptions } from './runner.ts';

export interface ReproducibilityReport {
  identical: boolean;
  compared: number;
  differences: Array<{ target: string; first: string | null; second: string | null }>;
  /** The first differing target, in target order (null when identical). */
  firstDifference: string | null;
  /** Second-build failures, by target. */
  secondFailures: Array<{ target: string; errorLines: string[] }>;
}

/** Pure comparison of two builds of the same targets. */
export function compareBuilds(first: BuildResult, second: BuildResult): ReproducibilityReport {
  const secondById = new Map(second.results.map((r) => [r.target.id, r]));
  const differences: ReproducibilityReport['differences'] = [];
  let compared = 0;
  for (const a of first.results) {
    if (a.status !== 'done') continue;
    const b = secondById.get(a.target.id);
    compared++;
    if (!b || b.sha256 !== a.sha256) differences.push({ target: a.target.id, first: a.sha256, second: b?.sha256 ?? null });
  }
  return {
    identical: differences.length === 0,
    compared,
    differences,
    firstDifference: differences[0]?.target ?? null,
    secondFailures: second.results.filter((r) => r.status === 'failed').map((r) => ({ target: r.target.id, errorLines: r.errorLines })),
  };
}

export interface CheckReproducibleOptions {
  /** Use an empty GOCACHE for the second build so cached compiler output cannot hide a difference (default true). */
  freshCache?: boolean;
}

/** Rebuilds `first`'s successful targets elsewhere and compares. */
export async function checkReproducible(first: BuildResult, options: BuildMatrixOptions, check: CheckReproducibleOptions = {}): Promise<ReproducibilityReport> {
  const dir = resolve(options.dir ?? '.');
  const gomod = await readGoMod(join(dir, options.main ?? '.'));
  const root = gomod.root ?? dir;
  const scratch = await mkdtemp(join(tmpdir(), 'gocross-repro-'));
  try {
    const copyRoot = join(scratch, 'second-checkout', 'src');
    const skip = new Set([resolve(first.outputDir), join(root, '.git'), join(root, 'node_modules'), join(root, '.cache')]);
    await cp(root, copyRoot, { recursive: true, filter: (src) => !skip.has(resolve(src)) && !resolve(src).includes(`${sep}.git${sep}`) });
    const second = await buildMatrix({
      ...options,
      targets: first.results.filter((r) => r.status === 'done').map((r) => r.target),
      dir: join(copyRoot, relative(root, dir)),
      outputDir: join(scratch, 'dist'),
      cache: check.freshCache === false ? options.cache : join(scratch, 'gocache'),
      name: first.name,
      vcs: first.vcs,
      inspect: false,
      force: true,
      postSteps: [],
      onEvent: undefined,
    });
    return compareBuilds(first, second);
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}
