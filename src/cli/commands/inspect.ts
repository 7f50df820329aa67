/**
 * `gocross inspect PATH... [--json] [-r] [--verbose]`: read executables (ELF, PE, Mach-O) and
 * their Go build info, with no native tools. The shell: expand the inputs, inspect them (over
 * worker threads for a large batch; output stays in input order, human lines stream as they
 * complete), render.
 */
import type { Command } from 'commander';
import { readdir as readdirCallback, realpath as realpathCallback, stat as statCallback, type Stats } from 'node:fs';
import { join } from 'node:path';
import { fileReason as reason, type InspectOutcome } from '../../inspect-pool/outcome.ts';
import { inspectPaths } from '../../inspect-pool/pool.ts';
import { printable } from '../../util/printable.ts';
import { ExitError } from '../errors.ts';
import { painter, stderr, stdout } from '../../render/style.ts';
import { progressLine, showLiveProgress } from '../../render/progress.ts';
import { detailBlock } from '../../render/inspect/detail.ts';
import { jsonDocument } from '../../render/inspect/json.ts';
import { errorLine, summaryLine } from '../../render/inspect/line.ts';

// node:fs's callback API, not node:fs/promises: that module (and the readline and watcher modules
// it loads) is ~10 modules more for a single-file inspect (bench/inspect-vs-go.ts, case c).
const stat = (path: string): Promise<Stats> => new Promise((resolve, reject) => statCallback(path, (e, st) => (e ? reject(e) : resolve(st))));
const realpath = (path: string): Promise<string> => new Promise((resolve, reject) => realpathCallback(path, (e, real) => (e ? reject(e) : resolve(real))));
const readdir = (path: string): Promise<string[]> => new Promise((resolve, reject) => readdirCallback(path, (e, names) => (e ? reject(e) : resolve(names))));

interface InspectOptions {
  json?: boolean;
  recursive?: boolean;
  verbose?: boolean;
}

/**
 * One input after expansion: a file to inspect (`found` when -r found it under a directory, so
 * that a non-executable is skipped rather than failed), or an error found while expanding.
 */
type Input = { path: string; found?: boolean; error?: undefined } | { path: string; found?: undefined; error: InspectOutcome & { ok: false } };

/** A file -r found that is not an executable at all (gocross's own manifest.json, SHA256SUMS, SBOMs…). */
function skippedByWalk(input: Input | undefined, outcome: InspectOutcome): boolean {
  return Boolean(input?.found) && !outcome.ok && outcome.error.code === 'unrecognized-format';
}

function ioFailure(path: string, message: string): Input {
  return { path, error: { path, ok: false, error: { code: 'io-error', message } } };
}

const byName = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Regular files under `dir` (symlinks followed), sorted by name; symlink loops and broken links skipped. */
async function walk(dir: string, ancestors: ReadonlySet<string>, out: Input[]): Promise<void> {
  let names: string[];
  try {
    names = (await readdir(dir)).sort(byName);
  } catch (error) {
    out.push(ioFailure(dir, `Cannot read directory ${dir}: ${reason(error)}`));
    return;
  }
  // stat() the entries concurrently (each is a thread-pool round trip), then visit them in order.
  const entries = await Promise.all(names.map(async (name) => ({ path: join(dir, name), st: await stat(join(dir, name)).catch(() => null) })));
  for (const { path, st } of entries) {
    if (!st) continue; // a broken symlink or a file removed meanwhile: not a file to inspect
    if (st.isFile()) out.push({ path, found: true });
    else if (st.isDirectory()) {
      const real = await realpath(path).catch(() => null);
      if (real === null || ancestors.has(real)) continue; // a symlink back up the tree
      await walk(path, new Set([...ancestors, real]), out);
    }
  }
}

/** The files to inspect, in input order, directories expanded (sorted) with -r. */
async function expandInputs(paths: readonly string[], recursive: boolean): Promise<Input[]> {
  const stats = await Promise.all(paths.map((path) => stat(path).then((st) => ({ st, error: null }), (error: unknown) => ({ st: null, error }))));
  const inputs: Input[] = [];
  for (const [i, path] of paths.entries()) {
    const { st, error } = stats[i] as (typeof stats)[number];
    if (!st) inputs.push(ioFailure(path, `Cannot inspect ${path}: ${reason(error)}`));
    else if (!st.isDirectory()) inputs.push({ path });
    else if (!recursive) inputs.push(ioFailure(path, `Cannot inspect ${path}: is a directory (use -r)`));
    else await walk(path, new Set([await realpath(path)]), inputs);
  }
  return inputs;
}

/** GOCROSS_INSPECT_THREADS=N fixes the thread count (1 = in-process), for benchmarks; unset, the batch size decides. */
function threadsOverride(): number | undefined {
  const n = Number(process.env.GOCROSS_INSPECT_THREADS);
  return Number.isInteger(n) && n > 0 ? n : undefined;
}

/**
 * Inspects every input (over worker threads for a large batch, see inspect-pool/pool.ts);
 * `onReady` sees outcomes strictly in input order, each as soon as it and all before it are done.
 */
async function inspectInOrder(
  inputs: readonly Input[],
  onReady: (outcome: InspectOutcome, index: number) => void,
): Promise<InspectOutcome[]> {
  const done: (InspectOutcome | undefined)[] = inputs.map((input) => input.error);
  let next = 0;
  const flush = (): void => {
    while (next < inputs.length && done[next] !== undefined) {
      onReady(done[next] as InspectOutcome, next);
      next++;
    }
  };
  const toInspect = inputs.flatMap((input, index) => (input.error ? [] : [index]));
  flush();
  await inspectPaths(
    toInspect.map((index) => (inputs[index] as Input).path),
    (outcome, k) => {
      done[toInspect[k] as number] = outcome;
      flush();
    },
    {
      threads: threadsOverride(),
      // Its files are inspected here instead, so the output is whole; say so, or a broken worker stays hidden.
      onWorkerError: (error) => stderr().write(`warning: an inspect worker thread failed (${printable(error.message)}); its files were inspected in the main thread\n`),
    },
  );
  return done as InspectOutcome[];
}

/**
 * Writes and resolves once the text is handed to the OS: bin.ts calls process.exit() for exit
 * code 1, which would otherwise cut a large piped output short (at the pipe's 64 KiB). A failed
 * write (a closed pipe) resolves too: the stream's 'error' ends the process (cli/interrupt.ts).
 */
function writeTo(stream: NodeJS.WriteStream, text: string, encoding: BufferEncoding = 'utf8'): Promise<void> {
  return new Promise((resolve) => {
    stream.write(text, encoding, () => resolve());
  });
}

/**
 * How to write a large text: as latin1 when it is ASCII (as JSON.stringify's output nearly always
 * is), which is a plain copy, where V8's UTF-8 writer goes character by character (~16 ms of the
 * 7 MB document of bench/inspect-vs-go.ts's 520 files, against ~2 ms to count its UTF-8 bytes
 * and ~4 ms to copy it). The bytes are the same: only ASCII has as many UTF-8 bytes as characters.
 */
function encodingOf(text: string): BufferEncoding {
  return Buffer.byteLength(text, 'utf8') === text.length ? 'latin1' : 'utf8';
}

async function action(paths: string[], options: InspectOptions): Promise<void> {
  const inputs = await expandInputs(paths, Boolean(options.recursive));
  const out = stdout();
  const err = stderr();
  if (inputs.length === 0) void writeTo(process.stderr, `gocross: no files to inspect under ${printable(paths.join(', '))}\n`);
  const paintOut = painter(out.color);
  const paintErr = painter(err.color);
  const detailed = Boolean(options.verbose) || (paths.length === 1 && inputs.length === 1);
  // A live "inspecting 12/5000 path" line on a terminal's stderr, erased before each result and at the end.
  const live = inputs.length > 1 && showLiveProgress({ isTTY: err.isTTY, env: process.env, json: Boolean(options.json) });
  const progress = progressLine(err, live, { columns: process.stderr.columns });

  // Inspecting writes nothing, so it does not watch the interrupt signal: Ctrl-C, SIGTERM or a reader
  // that went away (`| head`) end the process at once, with their exit code (cli/interrupt.ts).
  let written: Promise<void> = Promise.resolve();
  let errors: Promise<void> = Promise.resolve();
  let blocks = 0;
  const outcomes = await inspectInOrder(inputs, (outcome, index) => {
    if (skippedByWalk(inputs[index], outcome)) {
      if (options.verbose && !options.json) {
        progress.clear();
        errors = writeTo(process.stderr, `${printable(outcome.path)}: skipped: ${outcome.ok ? '' : printable(outcome.error.message)}\n`);
      }
      progress.update(`inspecting ${index + 1}/${inputs.length} ${outcome.path}`);
      return;
    }
    if (!options.json) {
      // Results going to the same terminal: erase the status line first (a pipe or file needs no erasing).
      if (out.isTTY || !outcome.ok) progress.clear();
      if (!outcome.ok) errors = writeTo(process.stderr, `${errorLine(outcome.path, outcome.error.message, paintErr)}\n`);
      else if (detailed) written = writeTo(process.stdout, `${blocks++ > 0 ? '\n' : ''}${detailBlock(outcome.path, outcome.info, paintOut)}\n`);
      else written = writeTo(process.stdout, `${summaryLine(outcome.path, outcome.info, paintOut)}\n`);
    }
    progress.update(`inspecting ${index + 1}/${inputs.length} ${outcome.path}`);
  });
  progress.clear();
  const skipped = outcomes.flatMap((o, i) => (skippedByWalk(inputs[i], o) && !o.ok ? [{ path: o.path, reason: o.error.message }] : []));
  const reported = outcomes.filter((o, i) => !skippedByWalk(inputs[i], o));
  if (options.json) {
    const text = `${JSON.stringify(jsonDocument(reported, skipped), null, 2)}\n`;
    written = writeTo(process.stdout, text, encodingOf(text));
  }
  else if (skipped.length > 0 && !options.verbose) errors = writeTo(process.stderr, `skipped ${skipped.length} non-executable file${skipped.length === 1 ? '' : 's'} (--verbose names them)\n`);
  await Promise.all([written, errors]);
  if (reported.some((o) => !o.ok)) throw new ExitError(1);
}

export function register(program: Command): void {
  program
    .command('inspect')
    .summary('Read ELF, PE and Mach-O executables and their Go build info')
    .description(
      'Read executables (ELF 32/64, PE32/PE32+, Mach-O and fat Mach-O) of any architecture without native tools, ' +
        'and report format, arch/OS, linkage, interpreter, needed libraries, RPATH/RUNPATH, symbol version needs and the ' +
        'oldest glibc that can load it, build IDs, stripped/DWARF, security (checksec-like), sections and Go build info. ' +
        'One line per file in the spirit of file(1); a detail block with --verbose or when a single file is given.',
    )
    .argument('<paths...>', 'executables, or directories with -r')
    .option('--json', 'print { "schemaVersion": 1, "files": [...], "skipped": [...] } (one entry per file, in input order)')
    .option('-r, --recursive', 'inspect every regular file under directories (sorted; symlink loops skipped; files that are not executables, such as manifest.json, are skipped and counted)')
    .option('-v, --verbose', 'print the detail block for every file')
    .addHelpText(
      'after',
      '\nExit status: 0 every file inspected (-r skips non-executables found in directories); 1 some file unreadable,\n' +
        'unrecognized (when named) or malformed (the rest are still reported); 2 usage error.\n\nExamples:\n  gocross inspect ./app-linux-arm64\n  gocross inspect -r dist/ --json\n  NO_COLOR=1 gocross inspect --verbose bin/*',
    )
    .action(action);
}
