/** `gocross targets`: the targets the chosen Go toolchain can build, and what this host can run. */
import type { Command } from 'commander';
import { hostCompilerFacts } from '../../gobuild/cgo.ts';
import { configuredTargetSpec } from '../../gobuild/defaults.ts';
import { listTargets } from '../../gobuild/dist-list.ts';
import { runMode, pathLookup } from '../../gobuild/runnable.ts';
import { parseTargets } from '../../platform/target-syntax.ts';
import { chooseToolchain, findToolchains } from '../../gobuild/toolchains.ts';
import { VARIANTS, describeVariantValues, validVariantValues } from '../../platform/variants.ts';
import { loadConfig } from '../../config/load.ts';
import { stdout } from '../../render/style.ts';
import { renderTargetTable } from '../../render/targets.ts';
import { printJson } from '../print-json.ts';
import { printable } from '../../util/printable.ts';

interface TargetsOptions {
  json?: boolean;
  go?: string;
  toolchains?: boolean;
  config?: string;
}

export function register(program: Command): void {
  program
    .command('targets')
    .description('List the targets the Go toolchain can build: first-class, cgo-capable, broken, and whether this host can run them')
    .argument('[spec]', "only the targets this spec selects, as build -t does, e.g. 'linux/*' or 'linux/*,!linux/386' ('!windows/*' alone: the default targets minus those)")
    .option('--go <path>', 'go binary or GOROOT to ask (default: go on PATH)')
    .option('--toolchains', 'list every Go toolchain found on this host instead')
    .option('-c, --config <file>', 'config file (default: gocross.config.{yaml,yml,json} here)')
    .option('--json', 'machine-readable output ({ schemaVersion: 1, toolchain, targets })')
    .addHelpText('after', `
Columns: first-class port (Go's porting policy), cgo supported, broken (Go says so), and "run":
native, qemu (qemu-<arch>-static on PATH) or wine. Valid variants are listed per architecture.

Examples:
  gocross targets
  gocross targets 'linux/*' --json
  gocross targets --toolchains`)
    .action(async (spec: string | undefined, opts: TargetsOptions) => {
      const { config } = await loadConfig({ file: opts.config });
      if (opts.toolchains) {
        const all = await findToolchains({ go: opts.go ?? config.go });
        if (opts.json) return printJson({ schemaVersion: 1, toolchains: all });
        const out = stdout();
        if (all.length === 0) out.write('No Go toolchain found (install golang, or pass --go)\n');
        for (const t of all) out.write(`${printable(t.version).padEnd(12)} ${t.source.padEnd(7)} ${printable(t.path)}  (GOROOT ${printable(t.goroot)})\n`);
        return;
      }
      const toolchain = await chooseToolchain({ go: opts.go ?? config.go });
      const available = await listTargets(toolchain);
      let shown = available;
      if (spec !== undefined) {
        const ids = new Set(parseTargets(spec, available, toolchain.version, { base: configuredTargetSpec(config) }).map((t) => `${t.goos}/${t.goarch}`));
        shown = available.filter((t) => ids.has(`${t.goos}/${t.goarch}`));
      }
      const host = hostCompilerFacts();
      const onPath = pathLookup();
      const rows = shown.map((t) => ({ ...t, run: runMode(t, { goos: host.hostGoos, goarch: host.hostGoarch }, onPath), variants: validVariantValues(t.goarch, toolchain.version) }));
      if (opts.json) return printJson({ schemaVersion: 1, toolchain, targets: rows });
      const out = stdout();
      out.write(`${printable(`${toolchain.version} (${toolchain.path}, from ${toolchain.source})`)}: ${rows.length} targets\n`);
      const variants = (goarch: string) => (VARIANTS[goarch] ? { name: VARIANTS[goarch].name, values: describeVariantValues(goarch, toolchain.version) } : null);
      out.write(renderTargetTable(rows, variants, out.color));
    });
}
