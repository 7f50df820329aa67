/** Builder backed by src/build: the toolchain, target syntax and parallel build matrix. */
import { join, resolve as resolvePath } from 'node:path';
import { buildMatrix } from '../../gobuild/runner.ts';
import { listTargets } from '../../gobuild/dist-list.ts';
import { parseTargets } from '../../platform/target-syntax.ts';
import { chooseToolchain } from '../../gobuild/toolchains.ts';
import type { Toolchain } from '../../gobuild/types.ts';
import type { VcsInfo } from '../../gobuild/plan.ts';
import type { BuildConfig } from '../../config/types.ts';
import type { Builder, BuiltTarget } from '../deps.ts';

export interface MatrixBuilderOptions {
  /** --go: a go binary or GOROOT. */
  go?: string;
  build?: BuildConfig;
  /** Main package when the request has none (config `main`). */
  main?: string;
  name?: string;
  /** Output directory (default <dir>/dist). */
  outputDir?: string;
  profile?: string;
  /** GOCACHE shared by all builds. */
  cache?: string;
  processEnv?: NodeJS.ProcessEnv;
  /**
   * The VCS facts of `dir`, read early: the CLI starts git (tens of ms) before it parses the config.
   * Used for a build request in that very directory; any other reads its own.
   */
  vcs?: { dir: string; info: Promise<VcsInfo> };
}

export function matrixBuilder(opts: MatrixBuilderOptions = {}): Builder {
  let toolchain: Promise<Toolchain> | undefined;
  const getToolchain = (): Promise<Toolchain> => (toolchain ??= chooseToolchain({ ...(opts.go ? { go: opts.go } : {}), env: opts.processEnv }));
  const resolve = async (specs: string[]) => {
    const tc = await getToolchain();
    return parseTargets(specs.join(','), await listTargets(tc), tc.version);
  };
  return {
    async resolveTargets(specs) {
      return resolve(specs);
    },
    async build(request) {
      const tc = await getToolchain();
      const targets = request.targets;
      const started = new Map<string, number>();
      const result = await buildMatrix({
        toolchain: tc,
        targets,
        ...(request.order ? { order: request.order } : {}),
        dir: request.dir,
        ...(opts.vcs && resolvePath(opts.vcs.dir) === resolvePath(request.dir) ? { vcs: opts.vcs.info } : {}),
        main: request.pkg ?? opts.main ?? '.',
        ...(opts.name ? { name: opts.name } : {}),
        outputDir: opts.outputDir ?? join(request.dir, 'dist'),
        config: opts.build ?? {},
        ...(opts.profile ? { profile: opts.profile } : {}),
        ...(request.cgo !== undefined ? { cgo: request.cgo } : {}),
        ...(request.jobs ? { jobs: request.jobs } : {}),
        ...(opts.cache ? { cache: opts.cache } : {}),
        ...(opts.processEnv ? { processEnv: opts.processEnv } : {}),
        signal: request.signal,
        onEvent(event) {
          switch (event.type) {
            case 'target-start':
              started.set(event.target, Date.now());
              request.onTargetStart(event.target);
              return;
            case 'target-done':
              request.onTargetDone(builtOk(event.target, event.path, event.size, event.sha256, event.durationMs, tc));
              return;
            case 'target-failed':
              request.onTargetDone(builtFailed(event.target, event.errorLines, event.durationMs));
              return;
            case 'target-cancelled':
              request.onTargetDone({ ...builtFailed(event.target, [], Date.now() - (started.get(event.target) ?? Date.now())), reason: 'build was cancelled' });
              return;
            default:
              return;
          }
        },
      });
      return { outputDir: result.outputDir };
    },
  };
}

function builtOk(target: string, path: string, size: number, sha256: string, durationMs: number, tc: Toolchain): BuiltTarget {
  const log = `go build with ${tc.version} (${tc.path})\nartifact: ${path}\nsize: ${size} bytes\nsha256: ${sha256}\nduration: ${durationMs} ms\n`;
  return { target, ok: true, artifactPath: path, size, sha256, durationMs, log, reason: `built ${size} bytes in ${durationMs} ms` };
}

function builtFailed(target: string, errorLines: string[], durationMs: number): BuiltTarget {
  // The first line that looks like a compiler diagnostic (file:line:col) is the most useful one.
  const first = errorLines.find((l) => /:\d+(:\d+)?: /.test(l)) ?? errorLines.find((l) => !l.startsWith('#')) ?? errorLines[0] ?? 'go build failed';
  return { target, ok: false, artifactPath: null, size: 0, sha256: null, durationMs, log: `${errorLines.join('\n')}\n`, reason: first.trim() };
}
