/** `gocross run FILE [-- ARGS…]`: run a binary of any arch natively, under QEMU or Wine, or explain why not. */
import type { Command } from 'commander';
import { constants } from 'node:os';
import { BinaryError } from '../../binary/errors.ts';
import { planFile, runBinary, RunRefusedError } from '../../emulate/run/execute.ts';
import type { RunPlan } from '../../emulate/run/plan.ts';
import { GocrossError } from '../../core/errors.ts';
import { ExitError, UsageError } from '../errors.ts';
import { interruptSignal } from '../interrupt.ts';
import { printJson } from '../print-json.ts';
import { printableLines } from '../../util/printable.ts';

function parseEnv(pairs: string[]): Record<string, string> {
  const env: Record<string, string> = {};
  for (const p of pairs) {
    const i = p.indexOf('=');
    if (i <= 0) throw new UsageError(`--env expects NAME=VALUE (got '${p}')`);
    env[p.slice(0, i)] = p.slice(i + 1);
  }
  return env;
}

/** A refusal with the whole explanation under its one-line message (bin.ts prints it line by line, escaped). */
class ExplainedRefusal extends GocrossError {
  readonly explanation: string;
  constructor(error: RunRefusedError, explanation: string) {
    super(error.kind, error.message, { cause: error });
    this.explanation = explanation;
  }
  override get longMessage(): string {
    return `${this.message}\n${this.explanation}`;
  }
}

function explainText(plan: RunPlan): string {
  const lines = plan.explanation.map((l) => `  - ${l}`);
  const how = plan.kind === 'refuse' ? 'refuse' : plan.kind === 'native' ? 'run natively' : `run with ${[plan.command, ...plan.prefixArgs].join(' ')}`;
  const env = Object.entries(plan.env).map(([k, v]) => `${k}=${v}`);
  return `gocross run: ${how}\n${lines.join('\n')}${env.length ? `\n  - environment: ${env.join(' ')}` : ''}${plan.hints.map((h) => `\n  hint: ${h}`).join('')}\n`;
}

export function register(program: Command): void {
  program
    .command('run')
    .description('Run a binary of any architecture: natively, under qemu-<arch> directly (with a sysroot for dynamic binaries), or Wine; refuses clearly otherwise')
    .argument('<file>', 'the executable')
    .argument('[args...]', 'arguments for the program (put them after --)')
    .option('--sysroot <dir>', 'sysroot for a dynamically linked foreign binary (default: /usr/<triple> from the Debian cross packages)')
    .option('--timeout <seconds>', 'kill the whole process tree after this many seconds (exit 124)')
    .option('--env <NAME=VALUE>', 'set an environment variable for the program (repeatable)', (v: string, acc: string[]) => [...acc, v], [] as string[])
    .option('--async-preempt-off', 'set GODEBUG=asyncpreemptoff=1 (works around Go hangs under some QEMU versions)')
    .option('--explain', 'print how and why it is run this way (on stderr) before running')
    .option('--plan', 'print the plan as JSON (schemaVersion 1) and do not run')
    .addHelpText('after', '\nThe exit code passes through; a program killed by a signal makes gocross exit 128+N. Example:\n  gocross run ./app-linux-arm64 --explain -- --port 8080')
    .action(async (file: string, args: string[], opts: { sysroot?: string; timeout?: string; env: string[]; asyncPreemptOff?: boolean; explain?: boolean; plan?: boolean }) => {
      const env = parseEnv(opts.env);
      let timeoutMs: number | undefined;
      if (opts.timeout !== undefined) {
        const s = Number(opts.timeout);
        if (!Number.isFinite(s) || s <= 0) throw new UsageError(`--timeout expects a positive number of seconds (got '${opts.timeout}')`);
        timeoutMs = Math.round(s * 1000);
      }
      try {
        if (opts.plan) {
          const { info, plan } = await planFile(file, { sysroot: opts.sysroot, asyncPreemptOff: opts.asyncPreemptOff });
          printJson({ schemaVersion: 1, file, goos: info.goos, goarch: info.goarch, linkage: info.linkage, plan });
          if (plan.kind === 'refuse') throw new ExitError(1);
          return;
        }
        if (opts.explain) {
          const { plan } = await planFile(file, { sysroot: opts.sysroot, asyncPreemptOff: opts.asyncPreemptOff });
          // The plan quotes the binary's interpreter and host paths: untrusted, escaped (bin.ts does the same for errors).
          process.stderr.write(printableLines(explainText(plan)));
        }
        // Ctrl-C, SIGTERM and lost output kill the program's process tree; bin.ts exits with their code.
        const r = await runBinary(file, {
          args,
          env,
          timeoutMs,
          sysroot: opts.sysroot,
          asyncPreemptOff: opts.asyncPreemptOff,
          signal: interruptSignal(),
          onStdout: (c) => process.stdout.write(c),
          onStderr: (c) => process.stderr.write(c),
        });
        if (r.timedOut) throw new ExitError(124, `${file} timed out after ${opts.timeout} s; its process tree was killed`);
        if (r.signal) {
          const n = (constants.signals as Record<string, number>)[r.signal] ?? 0;
          throw new ExitError(128 + n, opts.explain ? `${file} was killed by ${r.signal}` : '');
        }
        if (r.exitCode !== 0) throw new ExitError(r.exitCode ?? 1);
      } catch (error) {
        // The reason the plan refused, with the whole explanation when asked for.
        if (error instanceof RunRefusedError && opts.explain) throw new ExplainedRefusal(error, explainText(error.plan));
        if (error instanceof BinaryError) throw new GocrossError('input', `Cannot run ${file}: ${error.message}`, { cause: error });
        throw error;
      }
    });
}
