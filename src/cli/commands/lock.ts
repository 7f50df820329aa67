/**
 * `gocross lock [--targets …]` writes gocross.lock with this host's Go, binutils, C compiler and
 * QEMU versions; `gocross lock --check` compares the host with it (exit 1 when it differs).
 */
import type { Command } from 'commander';
import { resolve } from 'node:path';
import { hostGoarch } from '../../platform/lookup.ts';
import { checkLock } from '../../lock/check.ts';
import { describeDifference } from '../../lock/compare.ts';
import { readLock, writeLock } from '../../lock/lockfile.ts';
import { collectToolVersions } from '../../lock/versions.ts';
import { GocrossError } from '../../core/errors.ts';
import { ExitError } from '../errors.ts';
import { paint, stdout } from '../../render/style.ts';
import { printJson } from '../print-json.ts';
import { printable } from '../../util/printable.ts';
import { existingDirectory, linuxTargetArches } from '../host-options.ts';

interface LockOptions {
  targets?: string;
  check?: boolean;
  dir: string;
  go?: string;
  json?: boolean;
}

async function action(options: LockOptions): Promise<void> {
  const dir = resolve(await existingDirectory(options.dir, '--dir'));
  const goarchesWanted = linuxTargetArches(options.targets, hostGoarch());
  const out = stdout();
  if (options.check) {
    const result = await checkLock({ dir, go: options.go });
    if (options.json) printJson({ schemaVersion: 1, ...result });
    else if (result.status === 'differs') {
      out.write(`${paint(out.color, 'yellow', `host differs from ${printable(String(result.path))}:`)}\n`);
      for (const d of result.differences) out.write(`  ${printable(describeDifference(d))}\n`);
    } else out.write(`${printable(result.message)}\n`);
    if (result.status !== 'match') throw new ExitError(1);
    return;
  }
  const previous = await readLock(dir).catch(() => null);
  const goarches = goarchesWanted ?? (previous ? [...new Set([...Object.keys(previous.lock.tools.cc), ...Object.keys(previous.lock.tools.qemu)])] : [hostGoarch(), 'arm64']);
  const tools = await collectToolVersions({ goarches, go: options.go });
  if (!tools.go) throw new GocrossError('environment', 'Cannot write gocross.lock: no working Go toolchain found', { fix: "install Go, or pass --go; run 'gocross doctor'" });
  const path = await writeLock(dir, tools);
  if (options.json) printJson({ schemaVersion: 1, path, tools });
  else {
    out.write(`wrote ${printable(path)}\n  go ${printable(tools.go)}\n  binutils ${printable(tools.binutils ?? '(not found)')}\n`);
    for (const [arch, v] of Object.entries(tools.cc)) out.write(`  cc/${arch} ${printable(v)}\n`);
    for (const [arch, v] of Object.entries(tools.qemu)) out.write(`  qemu/${arch} ${printable(v)}\n`);
  }
}

export function register(program: Command): void {
  program
    .command('lock')
    .summary('Write gocross.lock with the Go, C cross compiler, QEMU and binutils versions; --check compares')
    .description(
      'Record the tool versions this project was verified with in gocross.lock (JSON, no timestamps): Go, binutils,\n' +
        'the C compiler per target arch and QEMU per foreign arch. `gocross build` and `gocross doctor` warn when the\n' +
        'host differs, and fail with --locked. `gocross lock --check` compares without writing.',
    )
    .option('--targets <spec>', 'targets (as build -t writes them) whose arches to record compilers and QEMU for (default: those already locked, else host and arm64)')
    .option('--check', 'compare this host with gocross.lock; exit 1 when it differs or is missing')
    .option('--dir <dir>', 'project directory holding gocross.lock', '.')
    .option('--go <path>', 'the go binary or GOROOT to record (default: as build chooses)')
    .option('--json', 'print { "schemaVersion": 1, … }')
    .addHelpText('after', '\nExit status: 0 written / host matches; 1 host differs or no lock (--check); 2 usage error.\n\nExamples:\n  gocross lock --targets linux/arm64,linux/arm\n  gocross lock --check')
    .action(action);
}
