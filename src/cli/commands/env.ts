/** `gocross env`: every Go variable that affects a build, its value, and which layer set it. */
import type { Command } from 'commander';
import { chooseCCompiler, hostCompilerFacts } from '../../gobuild/cgo.ts';
import { configuredTargetSpec } from '../../gobuild/defaults.ts';
import { listTargets } from '../../gobuild/dist-list.ts';
import { CompilerNotFoundError } from '../../gobuild/errors.ts';
import { readGoEnvFacts, resolveGoEnv } from '../../gobuild/goenv.ts';
import { parseTargets } from '../../platform/target-syntax.ts';
import { chooseToolchain } from '../../gobuild/toolchains.ts';
import type { Target } from '../../platform/target.ts';
import { loadConfig } from '../../config/load.ts';
import { UsageError } from '../errors.ts';
import { renderGoEnv } from '../../render/env.ts';
import { paint, stderr, stdout } from '../../render/style.ts';
import { printJson } from '../print-json.ts';
import { printable } from '../../util/printable.ts';

interface EnvOptions {
  target?: string;
  json?: boolean;
  go?: string;
  userGoenv?: boolean;
  cgo?: boolean;
  cache?: string;
  config?: string;
}

export function register(program: Command): void {
  program
    .command('env')
    .description('Show every Go variable that affects a build, its value and its source layer, and warn about traps')
    .option('-t, --target <target>', 'show the exact environment of this target\'s build (e.g. linux/arm/7)')
    .option('--cgo', 'as for a --cgo build (shows the C compiler chosen)')
    .option('--user-goenv', "as for a build with --user-goenv (the user's GOENV file applies)")
    .option('--cache <dir>', 'as for a build with --cache')
    .option('--go <path>', 'go binary or GOROOT (default: go on PATH)')
    .option('-c, --config <file>', 'config file (default: gocross.config.{yaml,yml,json} here)')
    .option('--json', 'machine-readable output ({ schemaVersion: 1, variables, traps })')
    .addHelpText('after', `
Layers, highest first:
  gocross-target  GOOS, GOARCH, GOARM…, CGO_ENABLED, CC per target, and GOCACHE from --cache
  process         the environment gocross runs in (target variables from it are ignored)
  gocross         gocross defaults: GOTOOLCHAIN=local, GOENV=off, config build.env
  user-goenv      the file \`go env -w\` writes ($GOENV, default ~/.config/go/env): only with --user-goenv
  goroot-go.env   $GOROOT/go.env shipped with the toolchain (Go 1.21+)
  default         Go's built-in defaults

Examples:
  gocross env
  gocross env --target linux/arm/7 --json`)
    .action(async (opts: EnvOptions) => {
      const { config, projectDir: dir } = await loadConfig({ file: opts.config });
      const toolchain = await chooseToolchain({ go: opts.go ?? config.go });
      let target: Target | undefined;
      if (opts.target !== undefined) {
        const parsed = parseTargets(opts.target, await listTargets(toolchain), toolchain.version, { base: configuredTargetSpec(config) });
        if (parsed.length !== 1) throw new UsageError(`Cannot show the env of "${opts.target}": it names ${parsed.length} targets (give exactly one)`);
        target = parsed[0];
      }
      const facts = await readGoEnvFacts(toolchain, { goos: target?.goos, goarch: target?.goarch, cwd: dir });
      const targetVars: Record<string, string> = {};
      if (target) {
        const cgo = opts.cgo ?? config.build?.cgo ?? false;
        Object.assign(targetVars, { GOOS: target.goos, GOARCH: target.goarch, CGO_ENABLED: cgo ? '1' : '0' });
        if (target.variant) targetVars[target.variant.name] = target.variant.value;
        if (cgo) {
          try {
            targetVars.CC = chooseCCompiler(target, { ...hostCompilerFacts(), configured: config.build?.cc?.[target.id] ?? config.build?.cc?.[`${target.goos}/${target.goarch}`], glibc: config.build?.glibc }).cc;
          } catch (error) {
            if (!(error instanceof CompilerNotFoundError)) throw error;
            stderr().write(`warning: ${printable(error.message)}\n`);
          }
        }
      }
      if (opts.cache) targetVars.GOCACHE = opts.cache;
      const gocrossVars = { ...config.build?.env };
      const resolved = resolveGoEnv(facts, { targetVars, useUserGoenv: opts.userGoenv, gocrossVars });
      const variables = resolved.entries.sort((a, b) => a.name.localeCompare(b.name));
      if (opts.json) {
        return printJson({
          schemaVersion: 1,
          toolchain,
          target: target?.id ?? null,
          userGoenvFile: facts.userGoenvPath,
          userGoenvApplied: Boolean(opts.userGoenv),
          variables,
          traps: resolved.traps,
        });
      }
      const out = stdout();
      const c = out.color;
      out.write(`${printable(`${toolchain.version} (${toolchain.path})${target ? `, target ${target.id}` : ''}; user GOENV file: ${facts.userGoenvPath ?? 'off'}`)}${opts.userGoenv ? ' (applied)' : ' (not applied)'}\n`);
      out.write(renderGoEnv(variables, c));
      const err = stderr();
      for (const t of resolved.traps) err.write(`${paint(err.color, 'yellow', 'warning')}: ${printable(t.message)}\n`);
    });
}
