/**
 * --check-reproducible: build the same targets a second time from a copy of the module in
 * another directory, with an empty GOCACHE, and compare every file the build writes: each
 * artifact, each file a post-step wrote beside it (SBOMs), manifest.json and SHA256SUMS; and,
 * through `alsoCompare`, what a later step makes from each output folder (`build --image`'s images).
 */
import { createHash } from 'node:crypto';
import { cp, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative, resolve, sep } from 'node:path';
import { parseSha256Sums } from './checksums.ts';
import { readManifest, type Manifest } from './manifest.ts';
import { readGoMod } from './project.ts';
import type { BuildResult } from './result.ts';
import { buildMatrix, type BuildMatrixOptions } from './runner.ts';
import type { BuildEventListener } from './events.ts';

export interface ReproducibilityDifference {
  /** The target whose file differs; null for the index files (manifest.json, SHA256SUMS). */
  target: string | null;
  /** Path relative to the output folder; for an `alsoCompare` check, what differs (`image manifest`, `image index`). */
  file: string;
  /** SHA-256 of each build's file (null: the second build did not write it). For the manifest: of its compared part. */
  first: string | null;
  second: string | null;
  /** For manifest.json: the fields that differ, as paths (`artifacts[linux/arm64].facts.pie`). */
  fields?: string[];
}

export interface ReproducibilityReport {
  identical: boolean;
  /** Targets compared. */
  compared: number;
  /** Files compared: artifacts, their extra files, manifest.json and SHA256SUMS. */
  filesCompared: number;
  differences: ReproducibilityDifference[];
  /** The first differing target (or index file), in target order (null when identical). */
  firstDifference: string | null;
  /** What each `alsoCompare` check compared, by its name (`{ images: 2 }`). */
  alsoCompared: Record<string, number>;
  /** Second-build failures, by target. */
  secondFailures: Array<{ target: string; errorLines: string[] }>;
}

/**
 * Manifest fields that differ between two builds of the same inputs by design, left out of the
 * comparison by name: which run wrote it and when, how long each build took, where the checkout
 * and the Go cache were (inputKey fingerprints the checkout's paths and mtimes; GOCACHE is set per
 * build), and whether an artifact was reused. Everything else must match.
 */
export const RUN_SPECIFIC = {
  manifest: ['runId'],
  artifact: ['runId', 'builtAt', 'durationMs', 'inputKey'],
  env: ['GOCACHE'],
} as const;

/** The part of a manifest two builds of the same inputs must agree on: the listed targets' entries, run-specific fields removed. */
export function comparableManifest(manifest: Manifest, targets: ReadonlySet<string>): unknown {
  const drop = (o: Record<string, unknown>, names: readonly string[]): Record<string, unknown> => Object.fromEntries(Object.entries(o).filter(([k]) => !names.includes(k)));
  return {
    ...drop(manifest as unknown as Record<string, unknown>, RUN_SPECIFIC.manifest),
    artifacts: manifest.artifacts
      .filter((a) => targets.has(a.target))
      .sort((a, b) => (a.target < b.target ? -1 : a.target > b.target ? 1 : 0))
      .map((a) => ({ ...drop(a as unknown as Record<string, unknown>, RUN_SPECIFIC.artifact), env: drop(a.env, RUN_SPECIFIC.env) })),
  };
}

/** Paths (`a.b[2].c`, artifacts by target) where two JSON values differ. */
export function differingFields(a: unknown, b: unknown, at = ''): string[] {
  if (JSON.stringify(a) === JSON.stringify(b)) return [];
  const isObj = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object';
  if (!isObj(a) || !isObj(b) || Array.isArray(a) !== Array.isArray(b)) return [at || '(root)'];
  if (Array.isArray(a) && Array.isArray(b)) {
    const key = (v: unknown, i: number): string => (isObj(v) && typeof v.target === 'string' ? v.target : String(i));
    const bByKey = new Map(b.map((v, i) => [key(v, i), v]));
    const aKeys = new Set(a.map(key));
    return [
      ...a.flatMap((v, i) => differingFields(v, bByKey.get(key(v, i)), `${at}[${key(v, i)}]`)),
      ...b.map(key).filter((k) => !aKeys.has(k)).map((k) => `${at}[${k}]`),
    ];
  }
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])];
  return keys.flatMap((k) => differingFields(a[k], b[k], at ? `${at}.${k}` : k));
}

/** What each build wrote besides the artifacts: read after the build, compared by compareBuilds(). */
export interface IndexFiles {
  manifest: Manifest | null;
  sha256sums: string | null;
}

/**
 * Pure comparison of two builds of the same targets: every artifact and extra file by SHA-256,
 * and, when given, the manifests (minus RUN_SPECIFIC fields) and the SHA256SUMS lines of the files
 * the first build wrote.
 */
export function compareBuilds(first: BuildResult, second: BuildResult, index?: { first: IndexFiles; second: IndexFiles }): ReproducibilityReport {
  const secondById = new Map(second.results.map((r) => [r.target.id, r]));
  const differences: ReproducibilityDifference[] = [];
  let compared = 0;
  let filesCompared = 0;
  const built = first.results.filter((r) => r.status === 'done');
  for (const a of built) {
    const b = secondById.get(a.target.id);
    compared++;
    filesCompared++;
    if (!b || b.sha256 !== a.sha256) differences.push({ target: a.target.id, file: a.relativePath ?? a.target.id, first: a.sha256, second: b?.sha256 ?? null });
    const secondExtra = new Map((b?.extraFiles ?? []).map((f) => [f.path, f.sha256]));
    for (const f of a.extraFiles ?? []) {
      filesCompared++;
      const other = secondExtra.get(f.path) ?? null;
      if (other !== f.sha256) differences.push({ target: a.target.id, file: f.path, first: f.sha256, second: other });
    }
  }
  if (index) {
    const targets = new Set(built.map((r) => r.target.id));
    filesCompared += 2;
    const [ma, mb] = [index.first.manifest, index.second.manifest].map((m) => (m ? comparableManifest(m, targets) : null));
    const fields = differingFields(ma, mb);
    if (fields.length > 0) differences.push({ target: null, file: 'manifest.json', first: digestOf(ma), second: digestOf(mb), fields });
    // The lines of this run's files: entries an earlier run left in the first output folder stay out.
    const paths = new Set(built.flatMap((r) => [r.relativePath, ...(r.extraFiles ?? []).map((f) => f.path)]));
    const [sa, sb] = [index.first.sha256sums, index.second.sha256sums].map((t) => (t === null ? null : parseSha256Sums(t).filter((l) => paths.has(l.path)).map((l) => `${l.sha256}  ${l.path}`).join('\n')));
    if (sa !== sb) differences.push({ target: null, file: 'SHA256SUMS', first: digestOf(sa), second: digestOf(sb) });
  }
  return {
    identical: differences.length === 0,
    compared,
    filesCompared,
    differences,
    firstDifference: firstDifferenceOf(differences),
    alsoCompared: {},
    secondFailures: second.results.filter((r) => r.status === 'failed').map((r) => ({ target: r.target.id, errorLines: r.errorLines })),
  };
}

function firstDifferenceOf(differences: readonly ReproducibilityDifference[]): string | null {
  return differences[0] ? (differences[0].target ?? differences[0].file) : null;
}

/** The report with one `alsoCompare` check's result added after the files' differences. */
export function withAlsoCompared(report: ReproducibilityReport, name: string, result: AlsoCompared): ReproducibilityReport {
  const differences = [...report.differences, ...result.differences];
  return { ...report, identical: differences.length === 0, differences, firstDifference: firstDifferenceOf(differences), alsoCompared: { ...report.alsoCompared, [name]: result.compared } };
}

/** SHA-256 of what was compared, so the report shows two values that differ. */
function digestOf(value: unknown): string | null {
  if (value === null) return null;
  return createHash('sha256').update(typeof value === 'string' ? value : JSON.stringify(value)).digest('hex');
}

async function readIndex(result: BuildResult): Promise<IndexFiles> {
  return {
    manifest: result.manifestPath ? await readManifest(result.manifestPath) : null,
    sha256sums: result.checksumsPath ? await readFile(result.checksumsPath, 'utf8').catch(() => null) : null,
  };
}

export interface AlsoCompared {
  compared: number;
  differences: ReproducibilityDifference[];
}

/**
 * A comparison of what a later step makes from each build's output folder (the images of
 * `build --image`), run while the second folder still exists. gobuild knows nothing of images:
 * the caller brings the check.
 */
export interface SecondBuildCheck {
  /** What it counts, as named in the report's `alsoCompared` (`images`). */
  name: string;
  compare(firstDir: string, secondDir: string): Promise<AlsoCompared>;
}

export interface CheckReproducibleOptions {
  /** Use an empty GOCACHE for the second build so cached compiler output cannot hide a difference (default true). */
  freshCache?: boolean;
  /** The second build's events (for a progress line); `options.onEvent` is never given them. */
  onEvent?: BuildEventListener;
  /** Further comparisons of the two output folders, run when the second build succeeded. */
  alsoCompare?: readonly SecondBuildCheck[];
}

/** Rebuilds `first`'s successful targets elsewhere, with the same post-steps, and compares everything written. */
export async function checkReproducible(first: BuildResult, options: BuildMatrixOptions, check: CheckReproducibleOptions = {}): Promise<ReproducibilityReport> {
  const dir = resolve(options.dir ?? '.');
  const gomod = await readGoMod(join(dir, options.main ?? '.'));
  const root = gomod.root ?? dir;
  const scratch = await mkdtemp(join(tmpdir(), 'gocross-repro-'));
  try {
    const copyRoot = join(scratch, 'second-checkout', 'src');
    const skip = new Set([resolve(first.outputDir), join(root, '.git'), join(root, 'node_modules'), join(root, '.cache')]);
    await cp(root, copyRoot, { recursive: true, filter: (src) => !skip.has(resolve(src)) && !resolve(src).includes(`${sep}.git${sep}`) });
    const firstIndex = await readIndex(first);
    const second = await buildMatrix({
      ...options,
      targets: first.results.filter((r) => r.status === 'done').map((r) => r.target),
      dir: join(copyRoot, relative(root, dir)),
      outputDir: join(scratch, 'dist'),
      cache: check.freshCache === false ? options.cache : join(scratch, 'gocache'),
      name: first.name,
      vcs: first.vcs,
      force: true,
      onEvent: check.onEvent,
    });
    let report = compareBuilds(first, second, { first: firstIndex, second: await readIndex(second) });
    if (second.ok) for (const c of check.alsoCompare ?? []) report = withAlsoCompared(report, c.name, await c.compare(first.outputDir, second.outputDir));
    return report;
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}
