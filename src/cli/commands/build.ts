/** `gocross build`: the parallel, reproducible cross-build matrix with manifest and checksums. */
import type { Command } from 'commander';
import { relative, resolve } from 'node:path';
import { configuredTargetSpec, targetSpecOf } from '../../gobuild/defaults.ts';
import { listTargets } from '../../gobuild/dist-list.ts';
import { resolveProfile } from '../../gobuild/plan.ts';
import { checkReproducible } from '../../gobuild/reproducible.ts';
import { buildMatrix, type BuildMatrixOptions } from '../../gobuild/runner.ts';
import { parseTargets } from '../../platform/target-syntax.ts';
import { chooseToolchain } from '../../gobuild/toolchains.ts';
import { loadConfig } from '../../config/load.ts';
import { ExitError, UsageError } from '../errors.ts';
import { interruptSignal, interruption } from '../interrupt.ts';
import { paint, plainProgress, stderr, stdout } from '../../render/style.ts';
import { progressLine, showLiveProgress } from '../../render/progress.ts';
import type { BuildEvent } from '../../gobuild/events.ts';
import { jsonBuildRenderer } from '../../render/build/json.ts';
import { plainBuildRenderer } from '../../render/build/plain.ts';
import type { BuildRenderer } from '../../render/build/renderer.ts';
import { formatSummary } from '../../render/build/summary.ts';
import { ttyBuildRenderer } from '../../render/build/tty.ts';
import { gocrossVersion } from '../../util/version.ts';

interface BuildOptions {
  targets?: string;
  output?: string;
  name?: string;
  jobs?: string;
  cgo?: boolean;
  profile?: string;
  go?: string;
  cache?: string;
  userGoenv?: boolean;
  config?: string;
  checkReproducible?: boolean;
  force?: boolean;
  clean?: boolean;
  json?: boolean;
  sbom?: boolean | string;
  locked?: boolean;
  image?: boolean;
}

export function register(program: Command): void {
  program
    .command('build')
    .description('Build a Go main package for every target in parallel: reproducible, isolated env, dist/manifest.json + SHA256SUMS')
    .argument('[pkg]', "main package to build (default: config 'main', else '.')")
    .option('-t, --targets <spec>', "targets: os/arch[/variant], comma lists, globs, negation (e.g. 'linux/*,!linux/386,linux/arm/7'); negations alone ('!windows/*') remove from the default targets (config 'targets', else the built-in set)")
    .option('-o, --output <dir>', "output directory (default: config 'output', else dist)")
    .option('-n, --name <name>', 'artifact name (default: last element of the package path)')
    .option('-j, --jobs <n>', 'parallel builds (default: available cores)')
    .option('--cgo', 'build with CGO_ENABLED=1, choosing a C cross compiler per target')
    .option('--profile <name>', "build profile from config build.profiles ('release' = strip + pie is built in; build.pie decides how PIE keeps linux builds static)")
    .option('--go <path>', 'go binary or GOROOT to build with (default: go on PATH)')
    .option('--cache <dir>', 'GOCACHE shared by every build (default: go\'s own)')
    .option('--user-goenv', "let the user's GOENV file (go env -w) apply to builds; off by default")
    .option('-f, --force', 'rebuild every target even when nothing changed since the last build')
    .option('--clean', 'remove the artifacts of earlier runs that this run does not build (default: they stay, listed in the manifest)')
    .option('--check-reproducible', 'build again from a copy in another directory with an empty cache and fail on any difference in any file written (artifacts, SBOMs, manifest.json minus run id/times/durations/cache paths, SHA256SUMS; with --image, the image and index digests)')
    .option('-c, --config <file>', 'config file (default: gocross.config.{yaml,yml,json} here)')
    .option('--json', 'one JSON event per line on stdout (schemaVersion 1)')
    .option('--locked', 'fail when this host\'s Go, C cross compilers, QEMU or binutils differ from gocross.lock (warn otherwise)')
    .option('--sbom [format]', 'write an SBOM beside each artifact (cyclonedx|spdx, default cyclonedx) and list it in the manifest; dated by the commit time (or SOURCE_DATE_EPOCH), serial number derived from the artifact\'s SHA-256')
    .option('--image', "then make the OCI images of the linux targets, as 'gocross image' with the config's image: section")
    .addHelpText('after', `
Artifacts go to <output>/<name>_<goos>_<goarch>[_<variant>]/<name>[.exe]. A build runs in a staging
folder inside <output> and publishes only what completed, by rename, with manifest.json and
SHA256SUMS last: a failed, mistaken or interrupted run (Ctrl-C) never loses the last good artifacts.
Targets this run does not build keep their artifacts and manifest entries (each entry names the
run that built it); --clean removes them. A selection of zero targets is an error. Builds run with GOTOOLCHAIN=local,
GOENV=off (unless --user-goenv), -trimpath and -buildvcs=false; version, commit and date come from
git (date = commit time) and reach the program through build.ldflags
(default: -X main.version={{.Version}} -X main.commit={{.Commit}} -X main.date={{.Date}}).
A target whose inputs (module files, toolchain, flags, env) did not change since the last build
keeps its artifact (--force rebuilds). A failing target does not stop the others; the exit code
is 1 if any failed, 130 if interrupted (143 on SIGTERM, 141 when stdout or stderr is lost, e.g.
a closed pipe); an interrupted build still writes its manifest.

Examples:
  gocross build
  gocross build ./cmd/app -t 'linux/amd64,linux/arm64,linux/arm/7' --profile release
  gocross build -t linux/arm64 --cgo
  gocross build --check-reproducible --json`)
    .action(async (pkg: string | undefined, opts: BuildOptions) => {
      const loaded = await loadConfig({ file: opts.config });
      const config = loaded.config;
      const jobs = opts.jobs === undefined ? undefined : Number(opts.jobs);
      if (jobs !== undefined && (!Number.isInteger(jobs) || jobs < 1)) throw new UsageError(`Cannot use --jobs ${opts.jobs}: expected a whole number >= 1`);
      const toolchain = await chooseToolchain({ go: opts.go ?? config.go });
      const available = await listTargets(toolchain);
      const targets = parseTargets(targetSpecOf(opts.targets, config), available, toolchain.version, { base: configuredTargetSpec(config) });
      resolveProfile(config.build ?? {}, opts.profile);
      const imageTargets = targets.filter((t) => t.goos === 'linux').map((t) => t.id);
      if (opts.image && imageTargets.length === 0) throw new UsageError(`Cannot build with --image: no linux target in ${targets.map((t) => t.id).join(', ')} (container images run linux binaries only)`, { fix: "add a linux target (e.g. -t linux/amd64,linux/arm64), or drop --image" });

      // Ctrl-C, SIGTERM and a closed stdout (`| head`) stop the build; what completed is published.
      const signal = interruptSignal();
      const err = stderr();
      const renderer: BuildRenderer = opts.json
        ? jsonBuildRenderer((l) => void process.stdout.write(l))
        : plainProgress()
          ? plainBuildRenderer(err)
          : ttyBuildRenderer(err);
      const options: BuildMatrixOptions = {
        toolchain,
        targets,
        dir: loaded.projectDir,
        main: pkg ?? config.main ?? '.',
        name: opts.name ?? config.name,
        outputDir: opts.output ?? config.output ?? 'dist',
        config: config.build ?? {},
        profile: opts.profile,
        cgo: opts.cgo,
        jobs,
        cache: opts.cache,
        useUserGoenv: opts.userGoenv,
        force: opts.force,
        clean: opts.clean,
        signal,
        onEvent: (e) => renderer.onEvent(e),
      };
      // The toolchain lock is only consulted when the project has one (or --locked asks for it).
      const { checkLock } = await import('../../lock/check.ts');
      const lock = await checkLock({ dir: loaded.projectDir, locked: opts.locked, go: toolchain.path });
      if (lock.status === 'differs') err.write(`${paint(err.color, 'yellow', 'warning')}: ${lock.message} (build with --locked to refuse)\n`);
      if (opts.sbom !== undefined && opts.sbom !== false) {
        const format = opts.sbom === true ? 'cyclonedx' : opts.sbom;
        if (format !== 'cyclonedx' && format !== 'spdx') throw new UsageError(`Cannot write SBOMs: unknown format '${format}' (use cyclonedx or spdx)`);
        const { writeSbomForArtifact } = await import('../../sbom/generate.ts');
        options.postSteps = [
          {
            name: 'sbom',
            async run(artifact, ctx) {
              if (!artifact.artifactPath) return [];
              // Dated by the commit (or SOURCE_DATE_EPOCH), numbered by the artifact's digest: two builds of one commit write the same bytes.
              const written = await writeSbomForArtifact(artifact.artifactPath, { format, commitTime: ctx.vcs.date, toolVersion: gocrossVersion() });
              return [{ path: written.path, kind: `sbom-${format}` }];
            },
          },
        ];
      }
      // A package path given on the command line is relative to where the user is, not to the config.
      if (pkg && /^\.{1,2}(\/|$)|^\//.test(pkg)) {
        const rel = relative(loaded.projectDir, resolve(pkg));
        options.main = rel === '' ? '.' : rel.startsWith('..') ? rel : `./${rel}`;
      }
      let result;
      try {
        result = await buildMatrix(options);
      } finally {
        renderer.close();
      }
      let reproducible = true;
      if (opts.checkReproducible && result.ok && !signal.aborted) {
        if (!opts.json) err.write('checking reproducibility: building again from a copy in another directory with an empty cache…\n');
        // "second build: N/M targets" on a terminal (nothing in CI, with --json or TERM=dumb); erased before the verdict.
        const live = progressLine(err, showLiveProgress({ isTTY: err.isTTY, env: process.env, json: Boolean(opts.json) }), { columns: process.stderr.columns });
        let total = 0;
        let finished = 0;
        const onEvent = (e: BuildEvent): void => {
          if (e.type === 'start') total = e.targets.length;
          else if (e.type === 'target-done' || e.type === 'target-failed' || e.type === 'target-cancelled') finished++;
          else return;
          live.update(`second build: ${finished}/${total} targets`);
        };
        // With --image, the images made from each build's folder must have the same digests too.
        const alsoCompare = opts.image ? [(await import('./image.ts')).imagesCheckAfterBuild(loaded, imageTargets)] : [];
        const report = await checkReproducible(result, { ...options, onEvent: undefined }, { onEvent, alsoCompare }).finally(() => live.clear());
        reproducible = report.identical && report.secondFailures.length === 0;
        if (opts.json) process.stdout.write(`${JSON.stringify({ schemaVersion: 1, type: 'reproducibility', ...report })}\n`);
        else if (report.identical && report.secondFailures.length === 0) err.write(`reproducible: ${report.compared} artifact(s) identical (${report.filesCompared} files compared)${report.alsoCompared.images !== undefined ? `, ${report.alsoCompared.images} image(s) and their index identical` : ''}\n`);
        else {
          const first = report.firstDifference ?? report.secondFailures[0]?.target;
          err.write(`${paint(err.color, 'red', 'NOT reproducible')}: first difference ${first}\n`);
          for (const d of report.differences) {
            err.write(`  ${d.file}${d.target ? ` (${d.target})` : ''}: ${d.first ?? '(not written)'} vs ${d.second ?? '(not written)'}${d.fields ? `; fields ${d.fields.join(', ')}` : ''}\n`);
          }
          for (const f of report.secondFailures) err.write(`  ${f.target} failed in the second build: ${f.errorLines.join(' / ')}\n`);
        }
      }
      if (!opts.json) stdout().write(formatSummary(result, stdout().color));
      if (result.cancelled) throw interruption() ?? new ExitError(130);
      if (!result.ok || !reproducible) throw new ExitError(1);
      if (opts.image) await (await import('./image.ts')).imageAfterBuild(loaded, result.outputDir, imageTargets, opts.json ?? false);
    });
}
