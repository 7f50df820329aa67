/**
 * `gocross setup [--targets …] [--apply]`: the exact package-manager commands that make this host
 * ready for the targets. Prints the plan by default; --apply runs it non-interactively, streaming
 * output, skipping what is installed, stopping at the first failure.
 */
import type { Command } from 'commander';
import { hostGoarch } from '../../platform/lookup.ts';
import { applyPlan, type ApplyEvent } from '../../setup/apply.ts';
import { planInputFromHost } from '../../setup/from-host.ts';
import { installedPackages } from '../../setup/installed.ts';
import { planSetup, withoutInstalled } from '../../setup/plan.ts';
import { renderPlan } from '../../render/setup-plan.ts';
import { ExitError, UsageError } from '../errors.ts';
import { existingDirectory, hostArchOption, hostTargets } from '../host-options.ts';
import { interruptSignal } from '../interrupt.ts';
import { paint, stderr, stdout } from '../../render/style.ts';
import { printJson } from '../print-json.ts';

interface SetupOptions {
  targets?: string;
  cgo: boolean;
  also?: string;
  apply?: boolean;
  root: string;
  hostArch?: string;
  json?: boolean;
}

const list = (v: string | undefined): string[] => (v ?? '').split(',').map((s) => s.trim()).filter(Boolean);

async function action(options: SetupOptions): Promise<void> {
  if (options.apply && options.root !== '/') throw new UsageError('Cannot apply a setup plan to another root (--root is for printing plans only)');
  const native = hostArchOption(options.hostArch, hostGoarch);
  const targets = hostTargets(options.targets, native);
  await existingDirectory(options.root, '--root');
  const input = await planInputFromHost({ root: options.root, targets, cgo: options.cgo, extra: list(options.also), hostGoarch: native });
  const planned = planSetup(input);
  // The printed plan leaves out what this host already has; --apply checks again as it runs.
  // Another --root is only read, never asked (its package database is not this host's).
  const plan = !options.apply && options.root === '/' ? withoutInstalled(planned, await installedPackages(planned)) : planned;
  const sudo = typeof process.getuid === 'function' && process.getuid() !== 0;
  const out = stdout();
  if (!options.apply) {
    if (options.json) printJson({ schemaVersion: 1, plan });
    else out.write(renderPlan(plan, sudo));
    return;
  }
  const err = stderr();
  // Command output streams to stderr (progress); the outcome goes to stdout.
  const onEvent = (e: ApplyEvent): void => {
    if (e.type === 'start') err.write(`${paint(err.color, 'bold', `==> ${e.step.description}`)}: ${e.command.join(' ')}\n`);
    else if (e.type === 'output') err.write(e.chunk);
    else if (e.type === 'failed') err.write(`${paint(err.color, 'red', `==> ${e.step.description}: failed`)}\n`);
  };
  // Ctrl-C, SIGTERM or lost output stop after the step in flight; the outcome says what was done.
  const signal = interruptSignal();
  const result = await applyPlan(plan, { onEvent: options.json ? undefined : onEvent, signal });
  if (options.json) printJson({ schemaVersion: 1, plan, result });
  else {
    for (const s of result.steps) {
      const mark = s.status === 'done' ? paint(out.color, 'green', '✓') : s.status === 'skipped' ? paint(out.color, 'gray', '·') : paint(out.color, 'red', '✗');
      out.write(`${mark} ${s.description}: ${s.status === 'failed' ? 'failed' : s.detail}\n`);
    }
    if (result.failed) {
      const ok = result.steps.filter((s) => s.status === 'done').map((s) => s.description);
      out.write(`\nstopped at '${result.failed.description}'; succeeded before it: ${ok.length > 0 ? ok.join(', ') : 'nothing'}\n${result.failed.detail}\n`);
    }
  }
  if (!result.ok) throw new ExitError(1);
}

export function register(program: Command): void {
  program
    .command('setup')
    .summary('Print (or --apply) the package-manager commands that make this host ready for the targets')
    .description(
      'Plan the packages this host needs for the targets: Go, binutils, QEMU user-mode emulators for foreign arches,\n' +
        'and C cross compilers with the target libc for CGO. apt (Debian/Ubuntu; bookworm-backports for a newer Go),\n' +
        'dnf/yum (EL 7–10, Fedora, Amazon Linux; EPEL where needed — EL\'s cross gcc has no target glibc, so CGO cross\n' +
        'builds there need zig cc or a sysroot), apk (Alpine), zypper (openSUSE).\n' +
        'Prints the commands by default, leaving out packages this host already has. --apply runs them without prompts, streams their output, skips installed\n' +
        'packages (and says so), refreshes package lists only when needed, and stops at the first failure.',
    )
    .option('--targets <spec>', "targets as build -t writes them, e.g. linux/arm64,linux/arm,windows/amd64 (default: linux host, arm64, arm; '!linux/arm' alone removes from that)")
    .option('--no-cgo', 'do not plan C cross compilers (pure-Go builds only)')
    .option('--also <packages>', 'extra packages to install with the rest')
    .option('--apply', 'run the plan (needs root or passwordless sudo)')
    .option('--root <dir>', 'plan for the distro found under this root (printing only)', '/')
    .option('--host-arch <goarch>', "the root's GOARCH (default: this machine's)")
    .option('--json', 'print { "schemaVersion": 1, plan, result? }')
    .addHelpText('after', '\nExit status: 0 plan printed or applied; 1 a step failed (earlier steps stay done); 2 usage error.\n\nExamples:\n  gocross setup --targets linux/arm64,linux/riscv64\n  gocross setup --targets linux/arm64 --apply\n  gocross setup --root /srv/images/rocky9 --json')
    .action(action);
}
