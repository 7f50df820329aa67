/** `gocross verify`: build → inspect → policy → compat → smoke → service for every target, with reports. */
import type { Command } from 'commander';
import { existsSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { checkMainPackage, readVcsInfo } from '../../gobuild/project.ts';
import { loadConfig, CONFIG_NAMES } from '../../config/load.ts';
import { createHtmlReporter } from '../../report/html.ts';
import { renderJson } from '../../report/json.ts';
import { createJunitReporter } from '../../report/junit.ts';
import type { Reporter } from '../../report/reporter.ts';
import { createTerminalReporter } from '../../report/terminal.ts';
import { matrixBuilder } from '../../verify/adapters/build.ts';
import { compatJudge } from '../../verify/adapters/compat.ts';
import { qemuEmulator } from '../../verify/adapters/emulate.ts';
import { inspectFile } from '../../binary/inspect.ts';
import { specWithBase } from '../../platform/target-syntax.ts';
import { verifyConfigOf } from '../../verify/config.ts';
import { displayPath, verify } from '../../verify/verify.ts';
import { ExitError, UsageError } from '../errors.ts';
import { interruptSignal, interruption } from '../interrupt.ts';
import { plainProgress, stderr, stdout } from '../../render/style.ts';
import { gocrossVersion } from '../../util/version.ts';
import { printable } from '../../util/printable.ts';

interface VerifyCliOptions {
  targets?: string;
  dir?: string;
  config?: string;
  json?: boolean;
  junit?: string;
  html?: string | false;
  jobs?: string;
  cgo?: boolean;
  go?: string;
  profile?: string;
  qemuPath?: string;
  output?: string;
  cache?: string;
  sysroot?: string;
  failOnSkip?: boolean;
}


/** A PKG argument that is itself a project folder (has go.mod or a gocross config) becomes the project dir. */
function projectOf(pkg: string | undefined, dir: string | undefined): { dir: string; pkg: string | undefined } {
  if (dir) return { dir: resolve(dir), pkg };
  if (pkg && existsSync(pkg) && statSync(pkg).isDirectory() && [...CONFIG_NAMES, 'go.mod'].some((n) => existsSync(join(pkg, n)))) {
    return { dir: resolve(pkg), pkg: undefined };
  }
  return { dir: process.cwd(), pkg };
}

export function register(program: Command): void {
  program
    .command('verify')
    .description('Build every target, then inspect, check policy and compat, smoke-run and service-test it (under QEMU), with reports')
    .argument('[pkg]', "main package, or a project folder with go.mod / gocross.config.yaml (default: config 'main', else '.')")
    .option('-t, --targets <spec>', 'targets, as build -t (default: verify.targets, else targets, else the six Linux server arches; negations alone remove from that default)')
    .option('-C, --dir <dir>', 'project directory (where go.mod and the config are; default: PKG when it is one, else .)')
    .option('-c, --config <file>', 'config file (default: gocross.config.{yaml,yml,json} in the project directory)')
    .option('--json', 'print the report as JSON (schemaVersion 1) on stdout; the summary goes to stderr')
    .option('--junit <file>', 'write a JUnit XML report (one test case per target × stage)')
    .option('--html <dir>', 'write the HTML report to DIR/index.html (default: <output>/report)')
    .option('--no-html', 'do not write the HTML report (logs are still written)')
    .option('-j, --jobs <n>', 'targets verified at once, and parallel builds (default: from the cores)')
    .option('--cgo', 'build with CGO_ENABLED=1 (a C cross compiler per target)')
    .option('-o, --output <dir>', "build output directory (default: config 'output', else <project>/dist)")
    .option('--go <path>', 'go binary or GOROOT to build with')
    .option('--cache <dir>', "GOCACHE shared by every build (default: go's own)")
    .option('--profile <name>', 'build profile (config build.profiles; "release" is built in)')
    .option('--qemu-path <dirs>', "directories (':'-separated) to search for qemu-<arch>[-static] (default: PATH, /usr/bin, /usr/local/bin)")
    .option('--sysroot <dir>', 'sysroot for dynamically linked foreign binaries (default: the Debian cross sysroot when present)')
    .option('--fail-on-skip', 'count skipped stages (no QEMU, no service test…) as failures')
    .addHelpText(
      'after',
      `
Stages per target: build → inspect → policy → compat → smoke → service. A stage that cannot run
(no QEMU for that arch, no emulation for darwin, no service test configured) is "skipped" with its
reason, never "passed"; stages after a failed build are skipped. Everything is configured in the
verify section of gocross.config.yaml (schema: schema/gocross.config.schema.json):

  verify:
    profiles: { linux/arm64: [debian12, centos7], '*': [debian12] }
    policy: { linkage: static, forbid: [not-stripped, no-nx] }
    smoke: { args: [--version], stdout: '^myapp ' }
    service:
      args: [--addr, '{addr}']          # or portEnv: PORT
      readiness: { path: /readyz, timeoutMs: 30000 }
      checks: [{ path: /healthz, json: { status: pass } }, { path: '/healthz?verbose' }]
    env: { GODEBUG: asyncpreemptoff=1 }

Reports: a live matrix on a TTY (plain lines in CI or a pipe), a summary with each failure's reason
and log path, <output>/report/index.html (self-contained), logs in <output>/report/logs/,
--json and --junit FILE. Exit code: 0 all stages passed (skipped allowed unless --fail-on-skip),
1 a stage failed, 2 usage or config error, 130 interrupted (143 on SIGTERM, 141 when output is lost).

Examples:
  gocross verify examples/hello-service
  gocross verify -t linux/amd64,linux/arm64 --junit dist/junit.xml
  gocross verify --json > report.json`,
    )
    .action(async (pkgArg: string | undefined, opts: VerifyCliOptions) => {
      const project = projectOf(pkgArg, opts.dir);
      // git describe (tens of ms) runs while the config is parsed and checked; readVcsInfo never rejects.
      const vcs = { dir: project.dir, info: readVcsInfo(project.dir) };
      const loaded = await loadConfig({ dir: project.dir, ...(opts.config ? { file: opts.config } : {}) });
      const config = loaded.config;
      // A missing package directory (or a '-' package) fails here, before any report is written.
      await checkMainPackage(project.dir, project.pkg ?? config.main ?? '.');
      const verifyConfig = verifyConfigOf(config);
      if (opts.failOnSkip) verifyConfig.failOnSkip = true;
      const jobs = opts.jobs === undefined ? undefined : Number(opts.jobs);
      if (jobs !== undefined && (!Number.isInteger(jobs) || jobs < 1)) throw new UsageError(`Cannot use --jobs ${opts.jobs}: expected a whole number >= 1`);
      const configuredSpecs = config.verify?.targets ? verifyConfig.targets : config.targets ? [config.targets].flat() : verifyConfig.targets;
      // As for build: an empty -t is refused, negations alone remove from the configured set.
      const targetSpecs = opts.targets === undefined ? configuredSpecs : [specWithBase(opts.targets, configuredSpecs.join(','))];
      // Builds run in the project directory; a config's own relative paths are relative to the config file.
      const outputDir = opts.output ? resolve(opts.output) : config.output ? resolve(loaded.dir, config.output) : join(project.dir, 'dist');
      const reportDir = opts.html === false ? join(outputDir, 'report') : resolve(opts.html ?? join(outputDir, 'report'));

      const out = stdout();
      const err = stderr();
      const reporters: Reporter[] = [
        createTerminalReporter({ progress: err, summary: opts.json ? err : out, plain: plainProgress() }),
        ...(opts.junit ? [createJunitReporter(resolve(opts.junit))] : []),
        ...(opts.html !== false ? [createHtmlReporter(reportDir)] : []),
      ];
      const signal = interruptSignal();
      const report = await verify(
        {
          dir: project.dir,
          pkg: project.pkg ?? config.main,
          configFile: loaded.file,
          config: verifyConfig,
          targets: targetSpecs,
          ...(jobs ? { buildJobs: jobs, parallel: jobs } : {}),
          ...(opts.cgo ? { cgo: true } : {}),
          logDir: join(reportDir, 'logs'),
          signal,
          onEvent: (e) => reporters.forEach((r) => r.onEvent(e)),
          toolVersion: gocrossVersion(),
        },
        {
          builder: matrixBuilder({ go: opts.go ?? config.go, build: config.build, main: config.main, name: config.name, outputDir, profile: opts.profile, vcs, ...(opts.cache ? { cache: resolve(opts.cache) } : {}) }),
          inspect: inspectFile,
          compat: compatJudge(config.profiles),
          emulator: qemuEmulator({ ...(opts.qemuPath ? { qemuDirs: opts.qemuPath.split(':').filter(Boolean) } : {}), ...(opts.sysroot ? { sysroot: opts.sysroot } : {}) }),
        },
      );
      for (const r of reporters) await r.finish(report);
      if (opts.json) out.write(renderJson(report));
      if (opts.html !== false) err.write(`report: ${printable(displayPath(join(reportDir, 'index.html'), process.cwd()))}\n`);
      if (opts.junit) err.write(`junit: ${printable(opts.junit)}\n`);
      if (signal.aborted) throw interruption() ?? new ExitError(130);
      if (!report.ok) throw new ExitError(1);
    });
}

