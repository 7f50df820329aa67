/**
 * verify's imperative shell: build every target, then for each built target run inspect →
 * policy → compat → smoke → service, in parallel across targets with a limit, emitting typed
 * events and writing each stage's log. Decisions (what runs, what a result means) are made by
 * the pure modules: stages.ts, policy/, http-check.ts, smoke.ts.
 */
import { availableParallelism } from 'node:os';
import { atomicWrite } from '../util/atomic-write.ts';
import { join, relative } from 'node:path';
import { pool } from '../util/pool.ts';
import type { BinaryInfo } from '../binary/types.ts';
import { hostGoarch } from '../platform/lookup.ts';
import type { Target } from '../platform/target.ts';
import { envFor, profilesFor, type VerifyConfig } from './config.ts';
import type { BuiltTarget, VerifyDeps } from './deps.ts';
import type { VerifyListener } from './events.ts';
import { STAGES, summarize, targetStatus, VERIFY_SCHEMA_VERSION, type StageName, type StageResult, type TargetFacts, type TargetResult, type VerifyReport } from './model.ts';
import { evaluatePolicy } from './policy/index.ts';
import { PortAllocator } from './ports.ts';
import { runServiceTest } from './service.ts';
import { evaluateSmoke } from './smoke.ts';
import { gate, skipped, type RunPlan } from './stages.ts';

export interface VerifyOptions {
  /** Project directory (where go.mod / the config is). */
  dir: string;
  /** Main package (default: the config's, else "."). */
  pkg?: string;
  /** Config file that was loaded (passed on to the build), or null. */
  configFile?: string | null;
  config: VerifyConfig;
  /** Target specs; default config.targets. */
  targets?: string[];
  /** Parallel go builds (default: the builder's). */
  buildJobs?: number;
  /** Targets whose post-build stages run at once (default: config.parallel, else from cores). */
  parallel?: number;
  cgo?: boolean;
  /** Where stage logs go (<logDir>/<target>/<stage>.log); null keeps them in memory only. */
  logDir?: string | null;
  /** Log paths in the report are relative to this directory (default: process.cwd()). */
  pathsRelativeTo?: string;
  signal?: AbortSignal;
  onEvent?: VerifyListener;
  toolVersion?: string;
}

/** Relative to `base` when inside it, else absolute: "../../tmp/x" helps nobody. */
export function displayPath(path: string, base: string): string {
  const rel = relative(base, path);
  return rel && !rel.startsWith('..') ? rel : path;
}

function defer<T>(): { promise: Promise<T>; resolve: (v: T) => void } {
  let resolve!: (v: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

/**
 * The order builds start in: the targets whose smoke and service tests run under emulation first,
 * the host's own last. A target's tests start when its build ends, so the last build's tests are
 * the run's tail: tens of milliseconds natively, several hundred under QEMU.
 */
export function buildOrder(targets: readonly Target[], host: { goos: string; goarch: string }): string[] {
  const native = (t: Target): boolean => t.goos === host.goos && t.goarch === host.goarch;
  return [...targets.filter((t) => !native(t)), ...targets.filter(native)].map((t) => t.id);
}

const errorMessage = (error: unknown): string => (error as { message?: string })?.message ?? String(error);

export async function verify(options: VerifyOptions, deps: VerifyDeps): Promise<VerifyReport> {
  const started = Date.now();
  const startedAt = new Date(started).toISOString();
  const emit = options.onEvent ?? (() => {});
  const config = options.config;
  const targets = await deps.builder.resolveTargets(options.targets ?? config.targets, options.dir);
  // Unknown profile names are config errors: fail before building anything.
  deps.compat.checkProfileNames([...new Set(targets.flatMap((t) => profilesFor(config, t)))]);
  emit({ type: 'start', targets: targets.map((t) => t.id), stages: STAGES });

  // The builder reports by id; the Target itself stays here and travels to the report.
  const built = new Map(targets.map((t) => [t.id, defer<BuiltTarget>()]));
  const ports = new PortAllocator();
  const relativeTo = options.pathsRelativeTo ?? process.cwd();

  const writeLog = async (target: string, result: StageResult): Promise<StageResult> => {
    if (!options.logDir || !result.log) return result;
    const dir = join(options.logDir, target.replace(/[^A-Za-z0-9.-]+/g, '_'));
    const file = join(dir, `${result.stage}.log`);
    await atomicWrite(file, result.log, { mkdir: true, durable: false });
    return { ...result, logPath: displayPath(file, relativeTo) };
  };

  const buildPromise = deps.builder.build({
    dir: options.dir,
    pkg: options.pkg,
    targets,
    order: buildOrder(targets, { goos: process.platform === 'win32' ? 'windows' : process.platform, goarch: hostGoarch() }),
    jobs: options.buildJobs,
    cgo: options.cgo,
    configFile: options.configFile ?? null,
    signal: options.signal,
    onTargetStart: (target) => emit({ type: 'stage-start', target, stage: 'build' }),
    onTargetDone: (result) => built.get(result.target)?.resolve(result),
  });
  // A builder that ends without reporting a target (cancelled, crashed) must not hang verify.
  const buildEnded = buildPromise.then(
    () => null,
    (error: unknown) => errorMessage(error),
  );
  void buildEnded.then((error) => {
    for (const [target, d] of built) {
      d.resolve({ target, ok: false, artifactPath: null, size: 0, sha256: null, durationMs: 0, log: error ?? '', reason: error ? `build did not run: ${error}` : 'build was cancelled' });
    }
  });

  const limit = options.parallel ?? config.parallel ?? Math.min(8, Math.max(2, availableParallelism() * 2));
  const settled = await pool(
    targets,
    async (target) => {
      const b = await built.get(target.id)!.promise;
      return verifyTarget(target, b, { options, deps, ports, emit, writeLog });
    },
    { limit, signal: options.signal },
  );
  await buildEnded;
  const results: TargetResult[] = settled.map((s, i) => {
    if (s.status === 'fulfilled') return s.value;
    const target = targets[i]!;
    const reason = s.status === 'cancelled' ? 'cancelled' : `internal error: ${errorMessage(s.reason)}`;
    const stages = STAGES.map((stage) => ({ ...skipped(stage, reason), status: stage === 'build' ? ('failed' as const) : ('skipped' as const) }));
    return { target: target.id, status: 'failed', stages, facts: {}, durationMs: 0 };
  });
  const report: VerifyReport = {
    schemaVersion: VERIFY_SCHEMA_VERSION,
    tool: { name: 'gocross', version: options.toolVersion ?? '0.0.0' },
    package: options.pkg ?? '.',
    startedAt,
    durationMs: Date.now() - started,
    ok: results.every((r) => r.status === 'passed'),
    failOnSkip: config.failOnSkip,
    summary: summarize(results),
    targets: results,
  };
  emit({ type: 'end', report });
  return report;
}

interface TargetContext {
  options: VerifyOptions;
  deps: VerifyDeps;
  ports: PortAllocator;
  emit: VerifyListener;
  writeLog: (target: string, result: StageResult) => Promise<StageResult>;
}

async function verifyTarget(target: Target, build: BuiltTarget, ctx: TargetContext): Promise<TargetResult> {
  const { options, deps, emit } = ctx;
  const config = options.config;
  const started = Date.now();
  const prior = new Map<StageName, StageResult>();
  const facts: TargetFacts = {};
  const profiles = profilesFor(config, target);
  let info: BinaryInfo | undefined;
  let runPlan: RunPlan | undefined;

  const finish = async (result: StageResult): Promise<void> => {
    const written = await ctx.writeLog(target.id, result);
    prior.set(result.stage, written);
    emit({ type: 'stage-end', target: target.id, result: written });
  };

  // build: already ran (in the matrix); record it.
  if (build.artifactPath) {
    facts.artifact = displayPath(build.artifactPath, options.pathsRelativeTo ?? process.cwd());
    facts.size = build.size;
    if (build.sha256) facts.sha256 = build.sha256;
  }
  await finish({ stage: 'build', status: build.ok ? 'passed' : 'failed', reason: build.reason, durationMs: build.durationMs, log: build.log, findings: [] });

  for (const stage of STAGES.slice(1)) {
    if (options.signal?.aborted) {
      await finish(skipped(stage, 'cancelled'));
      continue;
    }
    const g = gate(stage, { target: target.id, prior, config, profiles, runPlan });
    if (!g.run) {
      await finish(skipped(stage, g.reason));
      continue;
    }
    emit({ type: 'stage-start', target: target.id, stage });
    const t0 = Date.now();
    let result: Omit<StageResult, 'durationMs' | 'stage'>;
    try {
      result = await runStage(stage);
    } catch (error) {
      result = { status: 'failed', reason: `internal error: ${errorMessage(error)}`, findings: [], log: (error as Error)?.stack ?? String(error) };
    }
    await finish({ stage, durationMs: Date.now() - t0, ...result });
  }

  async function runStage(stage: StageName): Promise<Omit<StageResult, 'durationMs' | 'stage'>> {
    const path = build.artifactPath!;
    switch (stage) {
      case 'inspect': {
        info = await deps.inspect(path);
        Object.assign(facts, {
          linkage: info.linkage,
          interpreter: info.interpreter,
          needed: info.needed,
          requiredGlibc: info.requiredGlibc,
          stripped: info.stripped,
          ...(info.go ? { goVersion: info.go.version } : {}),
        });
        runPlan = await deps.emulator.plan(path, info);
        if (runPlan.ok) facts.runner = runPlan.runner;
        const mismatch = expectedMismatch(target, info);
        const summary = `${info.format} ${info.goos ?? '?'}/${info.goarch ?? '?'} ${info.machine}, ${info.linkage}${info.requiredGlibc ? `, needs glibc ≥ ${info.requiredGlibc}` : ''}`;
        return {
          status: mismatch ? 'failed' : 'passed',
          reason: mismatch ?? summary,
          findings: [{ id: 'inspect/target', status: mismatch ? 'fail' : 'pass', message: mismatch ?? summary }],
          log: JSON.stringify({ ...info, sections: info.sections.length, segments: info.segments.length }, null, 2),
        };
      }
      case 'policy': {
        const findings = evaluatePolicy(info!, config.policy);
        const failed = findings.filter((f) => f.status === 'fail');
        return {
          status: failed.length ? 'failed' : 'passed',
          reason: failed.length ? failed.map((f) => (f.fix ? `${f.message} (${f.fix})` : f.message)).join('; ') : findings.map((f) => f.message).join(', ') || 'no policy rules',
          findings,
        };
      }
      case 'compat': {
        const verdicts = deps.compat.evaluate(info!, profiles);
        facts.compat = verdicts;
        const failing = verdicts.filter((v) => !v.runs);
        return {
          status: failing.length ? 'failed' : 'passed',
          reason: failing.length
            ? failing.map((v) => `does not run on ${v.profile}: ${v.reasons.join('; ')}`).join('; ')
            : `runs on ${verdicts.map((v) => v.profile).join(', ')}`,
          findings: verdicts.map((v) => ({ id: `compat/${v.profile}`, status: v.runs ? 'pass' : 'fail', message: v.runs ? `runs on ${v.profile}` : v.reasons.join('; ') })),
          log: verdicts.map((v) => `${v.profile}: ${v.runs ? 'runs' : 'does not run'}${v.reasons.map((r) => `\n  - ${r}`).join('')}`).join('\n'),
        };
      }
      case 'smoke': {
        const test = config.smoke!;
        const outcome = await deps.emulator.runOnce(path, info!, test.args, envFor(config, target), test.timeoutMs, options.signal);
        const verdict = evaluateSmoke(test, outcome);
        return {
          status: verdict.ok ? 'passed' : 'failed',
          reason: verdict.reason,
          findings: verdict.findings,
          log: `$ ${outcome.command}\nexit: ${outcome.timedOut ? 'timed out' : (outcome.signal ?? outcome.exitCode)} (${outcome.durationMs} ms)\n--- stdout\n${outcome.stdout}\n--- stderr\n${outcome.stderr}`,
        };
      }
      case 'service': {
        const port = await ctx.ports.next();
        facts.port = port;
        const outcome = await runServiceTest(config.service!, port, envFor(config, target), deps.emulator.launcher(path, info!), options.signal, { baseDir: options.dir });
        facts.components = outcome.components;
        return { status: outcome.ok ? 'passed' : 'failed', reason: outcome.reason, findings: outcome.findings, log: outcome.log };
      }
      case 'build':
        throw new Error('build runs in the matrix');
    }
  }

  const stages = STAGES.map((s) => prior.get(s)!);
  const result: TargetResult = { target: target.id, status: targetStatus(stages, config.failOnSkip), stages, facts, durationMs: Date.now() - started + build.durationMs };
  emit({ type: 'target-end', result });
  return result;
}

/** The artifact must be what the target asked for (a GOOS/GOARCH mix-up is a build bug). */
function expectedMismatch({ goos, goarch }: Target, info: BinaryInfo): string | null {
  if (info.goos && info.goos !== goos) return `artifact is a ${info.goos} binary, expected ${goos}`;
  if (info.goarch && info.goarch !== goarch) return `artifact is ${info.goarch}, expected ${goarch}`;
  return null;
}
