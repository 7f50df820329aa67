/**
 * The build matrix (imperative shell): gather facts, plan (pure), `go mod download` once, build
 * each target in parallel into a staging folder, inspect, hash, then publish what completed into
 * the output folder (see publish.ts). Aborting stops the builds; the last good release stays.
 */
import { randomBytes } from 'node:crypto';
import { constants, existsSync } from 'node:fs';
import { copyFile, mkdir, rm, rmdir, stat } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import type { BuildConfig } from '../config/types.ts';
import { GocrossError } from '../core/errors.ts';
import { run } from '../process/run.ts';
import { pool } from '../util/pool.ts';
import { hostCompilerFacts } from './cgo.ts';
import { sha256File } from './checksums.ts';
import type { BuildEvent, BuildEventListener } from './events.ts';
import { overriddenTargetVariables, readGoEnvFacts, type GoEnvFacts } from './goenv.ts';
import { buildManifest, readManifest, type ManifestArtifact, type RunMark } from './manifest.ts';
import { inputKey, sourceFingerprint } from './fingerprint.ts';
import { artifactFacts } from './inspector.ts';
import { createStaging, openRelease, removeLeftovers, type Release } from './publish.ts';
import { planBuild, type PlannedBuild, type VcsInfo } from './plan.ts';
import { checkMainPackage, defaultName, readGoMod, readVcsInfo } from './project.ts';
import type { ArtifactFacts, ArtifactResult, BuildResult } from './result.ts';
import type { Target } from '../platform/target.ts';
import type { Toolchain } from './types.ts';

/** A step run on each artifact after it is built (e.g. SBOM generation); returns the files it wrote. */
export interface ArtifactPostStep {
  name: string;
  run(artifact: ArtifactResult, ctx: { outputDir: string; toolchain: Toolchain; vcs: VcsInfo; signal?: AbortSignal }): Promise<Array<{ path: string; kind: string }> | void>;
}

export interface BuildMatrixOptions {
  toolchain: Toolchain;
  targets: readonly Target[];
  /** Project directory: go build runs here (default: cwd). */
  dir?: string;
  /** Main package (default '.'). */
  main?: string;
  /** Artifact name (default: from the main package / module path). */
  name?: string;
  /** Output directory (default <dir>/dist). */
  outputDir?: string;
  config?: BuildConfig;
  profile?: string;
  cgo?: boolean;
  jobs?: number;
  /** GOCACHE shared by every build (default: go's own default). */
  cache?: string;
  useUserGoenv?: boolean;
  processEnv?: NodeJS.ProcessEnv;
  signal?: AbortSignal;
  onEvent?: BuildEventListener;
  /** Run after each successful artifact, in order; files they return are hashed and listed. */
  postSteps?: ArtifactPostStep[];
  /** Read each artifact with the binary reader for the manifest (default true). */
  inspect?: boolean;
  /** Target ids in the order their builds start (default: the targets' order); results and the manifest keep the targets' order. */
  order?: readonly string[];
  /** Rebuild every target even when its inputs did not change since the last run. */
  force?: boolean;
  /** Drop every artifact of earlier runs that this run does not build or keep (default: they stay, listed). */
  clean?: boolean;
  /** Override facts (tests, --check-reproducible); a promise lets a caller start git before it has the rest (verify). */
  vcs?: VcsInfo | Promise<VcsInfo>;
  goenv?: GoEnvFacts;
}

const MAX_ERROR_LINES = 40;

export async function buildMatrix(options: BuildMatrixOptions): Promise<BuildResult> {
  const started = performance.now();
  const emit = (e: BuildEvent): void => options.onEvent?.(e);
  const dir = resolve(options.dir ?? '.');
  const main = options.main ?? '.';
  const outputDir = resolve(dir, options.outputDir ?? 'dist');
  const processEnv = options.processEnv ?? process.env;
  const config = options.config ?? {};
  const jobs = Math.max(1, options.jobs ?? config.jobs ?? availableParallelism());
  checkTargets(options.targets);
  await checkMainPackage(dir, main);

  // git (tens of ms) runs while the sources are fingerprinted and the last manifest is read.
  const gomodRead = readGoMod(join(dir, main));
  const [gomod, vcs, goenv, previous, sources] = await Promise.all([
    gomodRead,
    options.vcs ?? readVcsInfo(dir, processEnv),
    options.goenv ?? readGoEnvFacts(options.toolchain, { processEnv, withDefaults: false }),
    readManifest(join(outputDir, 'manifest.json')),
    gomodRead.then((g) => sourceFingerprint([g.root ?? dir, ...g.localReplaces.map((r) => resolve(g.root ?? dir, r))], [outputDir])),
  ]);
  const name = options.name ?? defaultName(gomod.modulePath, main, dir);
  const plan = planBuild({
    targets: options.targets,
    name,
    main,
    outputDir,
    config,
    profile: options.profile,
    cgo: options.cgo,
    vcs,
    goenv,
    useUserGoenv: options.useUserGoenv,
    overrides: options.cache ? { GOCACHE: options.cache } : {},
    compilers: hostCompilerFacts(processEnv),
  });

  const keyOf = (b: PlannedBuild): string | null => {
    if (!sources || b.cc) return null; // with cgo the C toolchain is an input gocross cannot fingerprint
    const { GOCACHE: _cache, ...env } = b.env;
    return inputKey({ sources, toolchain: options.toolchain.path, goVersion: options.toolchain.version, main, flags: b.flags, env });
  };
  const keys = new Map(plan.flatMap((p) => (p.ok ? [[p.build.target.id, keyOf(p.build)] as const] : [])));
  const reusable = new Map<string, ManifestArtifact>();
  for (const a of previous?.artifacts ?? []) {
    const key = keys.get(a.target);
    if (key && a.inputKey === key && !options.force && !options.postSteps?.length) reusable.set(a.target, a);
  }
  const outputExisted = existsSync(outputDir);
  const stagingDir = await createStaging(outputDir);
  try {
    await removeLeftovers(plan.flatMap((p) => (p.ok ? [p.build.outDir] : [])));
    const release = await openRelease(outputDir, stagingDir, previous);
    emit({ type: 'start', targets: options.targets.map((t) => t.id), toolchain: options.toolchain.version, jobs, outputDir });
    for (const p of plan) if (p.ok) for (const w of p.build.warnings) emit({ type: 'warning', target: p.build.target.id, message: w });
    const overridden = overriddenTargetVariables(processEnv, plan.some((p) => p.ok && p.build.cc !== null));
    if (overridden) emit({ type: 'warning', message: overridden });

    const results: ArtifactResult[] = new Array(plan.length);
    const firstBuild = plan.find((p) => p.ok)?.build;
    // Vendored modules need no download (and go refuses `go mod download` with -mod=vendor).
    const vendored = gomod.root !== null && existsSync(join(gomod.root, 'vendor/modules.txt'));
    if (gomod.hasRequires && !vendored && firstBuild && !options.signal?.aborted) {
      emit({ type: 'prepare', step: 'mod-download', status: 'start' });
      const t0 = performance.now();
      const r = await run(options.toolchain.path, ['mod', 'download'], { cwd: dir, env: firstBuild.spawnEnv, signal: options.signal, reject: false });
      const durationMs = Math.round(performance.now() - t0);
      if (r.exitCode !== 0 && !r.aborted) {
        const errorLines = ['go mod download failed:', ...errorLinesOf(r.stderr)];
        emit({ type: 'prepare', step: 'mod-download', status: 'failed', durationMs, errorLines });
        // Every target needs the modules: each fails with the same reason rather than racing to fetch them.
        plan.forEach((p, i) => {
          const b = p.ok ? p.build : null;
          results[i] = failed(p.ok ? p.build.target : p.target, errorLines, 0, b);
          emit({ type: 'target-failed', target: results[i]!.target.id, errorLines, durationMs: 0 });
        });
      } else {
        emit({ type: 'prepare', step: 'mod-download', status: 'done', durationMs });
      }
    }

    // The reader is loaded only when something will be built.
    const needsReader = options.inspect !== false && plan.some((p) => p.ok && !reusable.has(p.build.target.id));
    const facts = needsReader ? artifactFacts : null;
    const todo = plan.map((p, i) => ({ p, i })).filter(({ i }) => results[i] === undefined);
    if (options.order) {
      const rank = new Map(options.order.map((id, k) => [id, k]));
      const rankOf = ({ p }: (typeof todo)[number]): number => rank.get(p.ok ? p.build.target.id : p.target.id) ?? options.order!.length;
      todo.sort((a, b) => rankOf(a) - rankOf(b)); // stable: unlisted targets keep their order, after the listed ones
    }
    const settled = await pool(
      todo,
      async ({ p }) => {
        if (!p.ok) {
          const r = failed(p.target, [p.error], 0, null);
          emit({ type: 'target-failed', target: p.target.id, errorLines: r.errorLines, durationMs: 0 });
          return r;
        }
        const ctx = { options, dir, main, outputDir, stagingDir, release, emit, inspect: facts, inputKey: keys.get(p.build.target.id) ?? null, vcs };
        const kept = reusable.get(p.build.target.id);
        return (kept && (await reuse(p.build, kept, ctx))) || buildOne(p.build, ctx);
      },
      { limit: jobs, signal: options.signal },
    );
    settled.forEach((s, k) => {
      const { p, i } = todo[k]!;
      const target = p.ok ? p.build.target : p.target;
      if (s.status === 'fulfilled') {
        if (!('finishing' in s.value)) results[i] = s.value; // else awaited below
      } else if (s.status === 'cancelled') {
        results[i] = { ...failed(target, [], 0, p.ok ? p.build : null), status: 'cancelled' };
        emit({ type: 'target-cancelled', target: target.id });
      } else {
        results[i] = failed(target, [(s.reason as Error)?.message ?? String(s.reason)], 0, p.ok ? p.build : null);
        emit({ type: 'target-failed', target: target.id, errorLines: results[i]!.errorLines, durationMs: 0 });
      }
    });

    for (const [k, s] of settled.entries()) {
      if (s.status === 'fulfilled' && 'finishing' in s.value) results[todo[k]!.i] = await s.value.finishing;
    }
    const interrupted = options.signal?.aborted ?? false;
    const previousByTarget = new Map((previous?.artifacts ?? []).map((a) => [a.target, a]));
    const manifest = buildManifest({ name, toolchain: options.toolchain, vcs, results, interrupted, run: runMark(), previous: previousByTarget });
    // A run that completed nothing (every target failed, or it was stopped first) leaves the output
    // folder exactly as it was: no manifest that lists nothing, no old artifact removed.
    const publishing = results.some((r) => r.status === 'done');
    if (publishing) await release.finish(manifest, options.clean ?? false);
    const manifestPath = publishing ? join(outputDir, 'manifest.json') : null;
    const checksumsPath = publishing ? join(outputDir, 'SHA256SUMS') : null;
    const counts = { built: results.filter((r) => r.status === 'done').length, failed: results.filter((r) => r.status === 'failed').length, cancelled: results.filter((r) => r.status === 'cancelled').length };
    const durationMs = Math.round(performance.now() - started);
    const ok = counts.failed === 0 && counts.cancelled === 0;
    emit({ type: 'finish', ok, ...counts, durationMs, manifestPath });
    return { ok, cancelled: interrupted, toolchain: options.toolchain, name, vcs, outputDir, manifestPath, checksumsPath, results, durationMs };
  } finally {
    await rm(stagingDir, { recursive: true, force: true });
    if (!outputExisted) await rmdir(outputDir).catch(() => {}); // created for this run, and nothing published
  }
}

/** No target selected is a mistake found before anything is touched (a usage error). */
function checkTargets(targets: readonly Target[]): void {
  if (targets.length === 0) {
    throw new GocrossError('usage', 'Cannot build: the target spec selects no target', { fix: "list the targets with 'gocross targets' and check the negations (!…) in -t or build.targets" });
  }
}

function runMark(): RunMark {
  const builtAt = new Date().toISOString();
  return { runId: `${builtAt.replace(/[-:]|\.\d+/g, '')}-${randomBytes(3).toString('hex')}`, builtAt };
}

/** A built artifact still being hashed, read and post-processed. */
type Finishing = { finishing: Promise<ArtifactResult> };

interface BuildContext {
  options: BuildMatrixOptions;
  dir: string;
  main: string;
  outputDir: string;
  /** Where this run builds; it mirrors the output folder's layout. */
  stagingDir: string;
  release: Release;
  emit: (e: BuildEvent) => void;
  inspect: ((path: string) => Promise<ArtifactFacts>) | null;
  inputKey: string | null;
  vcs: VcsInfo;
}

/** Keeps the previous artifact when its inputs are unchanged and the file is intact. */
async function reuse(b: PlannedBuild, previous: ManifestArtifact, ctx: BuildContext): Promise<ArtifactResult | null> {
  if (relative(ctx.outputDir, b.outPath) !== previous.path) return null;
  const sha256 = await sha256File(b.outPath).catch(() => null);
  if (sha256 !== previous.sha256) return null;
  const result: ArtifactResult = {
    target: b.target, ok: true, status: 'done', artifactPath: b.outPath, relativePath: previous.path, size: previous.size, sha256,
    durationMs: 0, env: b.env, flags: b.flags, cc: null, errorLines: [], facts: previous.facts, inputKey: ctx.inputKey, reused: true, extraFiles: [],
  };
  ctx.emit({ type: 'target-start', target: b.target.id });
  ctx.emit({ type: 'target-done', target: b.target.id, path: b.outPath, size: result.size, sha256, durationMs: 0, reused: true });
  return result;
}

async function buildOne(b: PlannedBuild, ctx: BuildContext): Promise<ArtifactResult | Finishing> {
  const { options, emit } = ctx;
  emit({ type: 'target-start', target: b.target.id });
  const t0 = performance.now();
  const staged = stagedPath(b, ctx);
  await mkdir(dirname(staged), { recursive: true });
  // A copy of the previous artifact (a reflink where the filesystem can): when it is up to date,
  // go (which compares build IDs of the -o file) skips the link. The original stays untouched.
  await copyFile(b.outPath, staged, constants.COPYFILE_FICLONE).catch(() => {});
  try {
    const r = await run(options.toolchain.path, ['build', ...b.flags, '-o', staged, ctx.main], { cwd: ctx.dir, env: b.spawnEnv, signal: options.signal, reject: false });
    const durationMs = Math.round(performance.now() - t0);
    if (r.aborted || options.signal?.aborted) {
      emit({ type: 'target-cancelled', target: b.target.id });
      return { ...failed(b.target, [], durationMs, b), status: 'cancelled' };
    }
    if (r.exitCode !== 0) {
      const errorLines = errorLinesOf(r.stderr);
      if (errorLines.length === 0) errorLines.push(`go build exited with ${r.signal ?? r.exitCode}`);
      emit({ type: 'target-failed', target: b.target.id, errorLines, durationMs });
      return failed(b.target, errorLines, durationMs, b);
    }
    // Hashing, reading and post-steps run without holding a build slot: the next go build starts now.
    return { finishing: finishArtifact(b, ctx, durationMs).catch((error: unknown) => {
      const errorLines = [`Cannot finish ${b.target.id}: ${(error as Error)?.message ?? String(error)}`];
      emit({ type: 'target-failed', target: b.target.id, errorLines, durationMs });
      return failed(b.target, errorLines, durationMs, b);
    }) };
  } catch (error) {
    await rm(staged, { force: true });
    throw error;
  }
}

/** Where `b` is built: its output path, moved from the output folder into the staging folder. */
function stagedPath(b: PlannedBuild, ctx: BuildContext): string {
  return join(ctx.stagingDir, relative(ctx.outputDir, b.outPath));
}

async function finishArtifact(b: PlannedBuild, ctx: BuildContext, durationMs: number): Promise<ArtifactResult> {
  const { options, emit } = ctx;
  const staged = stagedPath(b, ctx);
  const [size, sha256, facts] = await Promise.all([stat(staged).then((s) => s.size), sha256File(staged), inspectSafely(ctx, staged, b)]);
  const relativePath = relative(ctx.outputDir, b.outPath);
  // Post-steps see the staged artifact and write beside it; the result names the published path.
  const result: ArtifactResult = {
    target: b.target, ok: true, status: 'done', artifactPath: staged, relativePath, size, sha256, durationMs,
    env: b.env, flags: b.flags, cc: b.cc?.cc ?? null, errorLines: [], facts, inputKey: ctx.inputKey, reused: false, extraFiles: [],
  };
  for (const step of options.postSteps ?? []) {
    const files = (await step.run(result, { outputDir: ctx.outputDir, toolchain: options.toolchain, vcs: ctx.vcs, signal: options.signal })) ?? [];
    for (const f of files) {
      result.extraFiles.push({ path: relative(ctx.stagingDir, f.path), kind: f.kind, sha256: await sha256File(f.path), size: (await stat(f.path)).size });
    }
  }
  // Published now, not at the end: whoever handles target-done (verify) uses the file at once.
  await ctx.release.publish([relativePath, ...result.extraFiles.map((f) => f.path)]);
  result.artifactPath = b.outPath;
  emit({ type: 'target-done', target: b.target.id, path: b.outPath, size, sha256, durationMs, reused: false });
  return result;
}

async function inspectSafely(ctx: BuildContext, path: string, b: PlannedBuild): Promise<ArtifactFacts | null> {
  if (!ctx.inspect) return null;
  try {
    return await ctx.inspect(path);
  } catch (error) {
    if ((error as Error).message === 'the binary reader is unavailable') return null; // warned once already
    ctx.emit({ type: 'warning', target: b.target.id, message: `Cannot inspect ${b.outPath}: ${(error as Error).message}` });
    return null;
  }
}

function failed(target: Target, errorLines: string[], durationMs: number, b: PlannedBuild | null): ArtifactResult {
  return {
    target, ok: false, status: 'failed', artifactPath: null, relativePath: null, size: 0, sha256: null, durationMs,
    env: b?.env ?? {}, flags: b?.flags ?? [], cc: b?.cc?.cc ?? null, errorLines, facts: null, inputKey: null, reused: false, extraFiles: [],
  };
}

/** The compiler's own lines: stderr without blank lines, capped. */
export function errorLinesOf(stderr: string): string[] {
  const lines = stderr.split('\n').map((l) => l.trimEnd()).filter((l) => l.trim() !== '');
  return lines.length > MAX_ERROR_LINES ? [...lines.slice(0, MAX_ERROR_LINES), `… ${lines.length - MAX_ERROR_LINES} more lines`] : lines;
}
