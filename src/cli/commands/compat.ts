/**
 * `gocross compat FILE… [--on PROFILE,…] [--glibc X.Y --kernel X.Y] [--json]`: will these
 * binaries run there? A verdict per binary per profile with every reason, or, without a target,
 * the widest statement that holds (auditwheel-style).
 */
import type { Command } from 'commander';
import { BinaryError } from '../../binary/errors.ts';
import { inspectFile } from '../../binary/inspect.ts';
import type { BinaryInfo } from '../../binary/types.ts';
import { adHocProfile, mergeProfiles, profilesFromConfig } from '../../compat/custom.ts';
import { evaluate } from '../../compat/evaluate.ts';
import { builtinProfiles } from '../../compat/profiles.ts';
import { requirementsOf } from '../../compat/requirements.ts';
import { resolveProfiles } from '../../compat/resolve.ts';
import type { Profile, Verdict } from '../../compat/types.ts';
import { widestStatement, type WidestStatement } from '../../compat/widest.ts';
import { describeIoError } from '../../core/errors.ts';
import { loadConfig } from '../../config/load.ts';
import { parseGoarch } from '../../platform/ports.ts';
import { ExitError, UsageError } from '../errors.ts';
import { compatBlock, profileLine } from '../../render/compat.ts';
import { stderr, stdout } from '../../render/style.ts';
import { printJson } from '../print-json.ts';
import { printable } from '../../util/printable.ts';

interface CompatOptions {
  on?: string;
  glibc?: string;
  musl?: string;
  kernel?: string;
  arch?: string;
  config?: string;
  list?: boolean;
  json?: boolean;
}

type FileOutcome =
  | { file: string; ok: true; info: BinaryInfo; verdicts?: Verdict[]; widest?: WidestStatement }
  | { file: string; ok: false; error: string };

const list = (value: string | undefined): string[] => (value ?? '').split(',').map((s) => s.trim()).filter(Boolean);

async function loadProfiles(configFile: string | undefined): Promise<Profile[]> {
  const { config } = await loadConfig({ file: configFile });
  return mergeProfiles(builtinProfiles, profilesFromConfig(config.profiles, builtinProfiles));
}

/** The ad-hoc target of --glibc/--musl/--kernel/--arch, validated: nothing given is silently dropped. */
function adHocTargets(options: CompatOptions): Profile[] {
  if (options.glibc !== undefined && options.musl !== undefined) throw new UsageError('Cannot check compatibility: give --glibc or --musl, not both (a target has one C library)');
  for (const [flag, value] of [['--glibc', options.glibc], ['--musl', options.musl], ['--kernel', options.kernel]] as const) {
    if (value !== undefined && value.trim() === '') throw new UsageError(`Cannot check compatibility: ${flag} is empty (write a version like 2.31)`);
  }
  const arch = options.arch === undefined ? [] : list(options.arch).map((a) => parseGoarch(a, '--arch'));
  if (options.arch !== undefined && arch.length === 0) throw new UsageError('Cannot check compatibility: --arch is empty (write e.g. --arch amd64,arm64)');
  const given = options.glibc !== undefined || options.musl !== undefined || options.kernel !== undefined;
  if (!given && options.arch !== undefined) throw new UsageError('Cannot check compatibility: --arch describes an ad-hoc target, which also needs --glibc, --musl or --kernel');
  return given ? [adHocProfile({ glibc: options.glibc, musl: options.musl, kernel: options.kernel, arch })] : [];
}

async function action(files: string[], options: CompatOptions): Promise<void> {
  const profiles = await loadProfiles(options.config);
  const out = stdout();
  if (options.list) {
    if (options.json) printJson({ schemaVersion: 1, profiles });
    else for (const p of profiles) out.write(`${profileLine(p)}\n`);
    return;
  }
  if (files.length === 0) throw new UsageError('Cannot check compatibility: no files given (gocross compat FILE… [--on PROFILE,…])');
  const named = list(options.on);
  const adHoc = adHocTargets(options);
  const targets: Profile[] | null = named.length > 0 || adHoc.length > 0 ? [...resolveProfiles(named, profiles), ...adHoc] : null;

  const outcomes: FileOutcome[] = [];
  for (const file of files) {
    try {
      const info = await inspectFile(file);
      outcomes.push(targets ? { file, ok: true, info, verdicts: targets.map((p) => evaluate(info, p)) } : { file, ok: true, info, widest: widestStatement(info, profiles) });
    } catch (error) {
      const message = error instanceof BinaryError ? error.message : describeIoError(error, file, 'read').message;
      outcomes.push({ file, ok: false, error: message.includes(file) ? message : `${file}: ${message}` });
    }
  }

  const failed = outcomes.some((o) => !o.ok || (o.verdicts?.some((v) => !v.runs) ?? false));
  if (options.json) {
    printJson({
      schemaVersion: 1,
      files: outcomes.map((o) =>
        o.ok
          ? { file: o.file, ok: true, requirements: requirementsOf(o.info), ...(o.verdicts ? { verdicts: o.verdicts } : {}), ...(o.widest ? { widest: { conditions: o.widest.conditions, runsOn: o.widest.runsOn, notOn: o.widest.notOn, text: o.widest.text } } : {}) }
          : { file: o.file, ok: false, error: o.error },
      ),
    });
  } else {
    const err = stderr();
    for (const o of outcomes) {
      if (!o.ok) {
        err.write(`gocross: ${printable(o.error)}\n`);
        continue;
      }
      out.write(compatBlock(o.file, o.info, o, out.color));
    }
  }
  if (failed) throw new ExitError(1);
}

export function register(program: Command): void {
  program
    .command('compat')
    .summary('Will these binaries run on CentOS 7, Rocky 9, Debian 12, Alpine…? Every reason, symbols named')
    .description(
      'Check executables against target profiles: glibc (and GLIBCXX) symbol versions above the target\'s, naming the\n' +
        'symbols that need them; the loader (musl vs glibc) absent on the target; arch/endianness; GOAMD64/GOARM/GOARM64\n' +
        'level above the target\'s CPU baseline; the Go release\'s minimum kernel, macOS or Windows version.\n' +
        'Without --on/--glibc/--kernel, prints the widest statement that holds: the weakest conditions the binary\n' +
        'needs, the known profiles that meet them, and why the others do not.\n' +
        'Custom profiles come from the config\'s `profiles` section (extends, glibc, musl, kernel, arch, cpu).',
    )
    .argument('[files...]', 'executables to check')
    .option('--on <profiles>', 'comma-separated profile ids or aliases (e.g. centos7,rocky9,debian12; see --list)')
    .option('--glibc <X.Y>', 'ad-hoc target: glibc version')
    .option('--musl <X.Y>', 'ad-hoc target: musl version (instead of --glibc)')
    .option('--kernel <X.Y>', 'ad-hoc target: kernel version')
    .option('--arch <goarches>', 'ad-hoc target: architectures (default: any)')
    .option('--config <file>', 'config file with custom profiles (default: gocross.config.* in the current directory)')
    .option('--list', 'list the known profiles (built-in and custom)')
    .option('--json', 'print { "schemaVersion": 1, "files": [{ requirements, verdicts | widest }] }')
    .addHelpText(
      'after',
      '\nExit status: 0 every requested profile passes (or no profile requested); 1 a profile fails or a file is\n' +
        'unreadable; 2 usage error (unknown profile, bad config).\n\nExamples:\n' +
        '  gocross compat dist/app-linux-arm64\n  gocross compat dist/app-linux-arm64 --on centos7,rocky9,debian12\n' +
        '  gocross compat app --glibc 2.28 --kernel 4.19\n  gocross compat --list',
    )
    .action(action);
}
