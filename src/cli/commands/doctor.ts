/**
 * `gocross doctor [--targets …] [--locked] [--json]`: is this host ready? Gathers the facts
 * (through --root, so another root tree can be examined), runs the pure checks, one line each.
 */
import type { Command } from 'commander';
import { collectDoctorFacts } from '../../host/doctor/collect.ts';
import { runChecks } from '../../host/doctor/run.ts';
import { hostGoarch } from '../../platform/lookup.ts';
import { ExitError } from '../errors.ts';
import { existingDirectory, hostArchOption, linuxTargetArches } from '../host-options.ts';
import { renderDoctorReport } from '../../render/doctor.ts';
import { stdout } from '../../render/style.ts';
import { printJson } from '../print-json.ts';

interface DoctorOptions {
  root: string;
  targets?: string;
  locked?: boolean;
  hostArch?: string;
  json?: boolean;
}

async function action(options: DoctorOptions): Promise<void> {
  const hostArch = hostArchOption(options.hostArch, hostGoarch);
  const targets = linuxTargetArches(options.targets, hostArch);
  await existingDirectory(options.root, '--root');
  const facts = await collectDoctorFacts({
    root: options.root,
    targets,
    hostGoarch: options.hostArch === undefined ? undefined : hostArch,
    lockDir: process.cwd(),
    lockRequired: Boolean(options.locked),
  });
  const report = runChecks(facts);
  if (options.json) {
    printJson({ schemaVersion: 1, root: facts.root, ok: report.ok, summary: report.summary, checks: report.results, facts });
  } else {
    const out = stdout();
    out.write(renderDoctorReport(report, options.root, out.color));
  }
  if (!report.ok) throw new ExitError(1);
}

export function register(program: Command): void {
  program
    .command('doctor')
    .summary('Is this host ready to cross-build, emulate and verify? One check per line, each failure with its fix')
    .description(
      'Check the host: OS and version (os-release), kernel, glibc/musl, package manager, binutils, Go toolchains and\n' +
        'their health (a GOENV file setting GOROOT/GOARCH/GOFLAGS, GOTOOLCHAIN=auto), C compilers per target for CGO,\n' +
        'QEMU user-mode emulators per target, binfmt_misc and its entries, free space in GOCACHE, and gocross.lock.\n' +
        'With --root, reads another root tree (an image or chroot) instead of / and runs none of its programs.',
    )
    .option('--targets <spec>', "targets to check compilers and QEMU for, as build -t writes them (e.g. linux/arm64,linux/arm; default: host, arm64, arm)")
    .option('--locked', 'a host that differs from gocross.lock (or no lock) is a failure, not a warning')
    .option('--root <dir>', 'read the host through this root directory', '/')
    .option('--host-arch <goarch>', "the root's GOARCH (default: this machine's)")
    .option('--json', 'print { "schemaVersion": 1, ok, summary, checks: [{ id, status, findings }], facts }')
    .addHelpText('after', '\nExit status: 0 no check failed (warnings allowed); 1 a check failed; 2 usage error.\n\nExamples:\n  gocross doctor\n  gocross doctor --targets linux/arm64,linux/riscv64 --json\n  gocross doctor --root /srv/images/centos7')
    .action(action);
}
