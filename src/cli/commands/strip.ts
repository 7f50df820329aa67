/**
 * `gocross strip FILE [-o OUT] [--mode debug|unneeded|all] [--in-place]` and
 * `gocross strip --compare FILE [--source DIR]`: a native ELF stripper and the comparison table.
 */
import type { Command } from 'commander';
import { STRIP_MODES, type StripMode } from '../../strip/policy.ts';
import { stripFile } from '../../strip/strip-file.ts';
import { UsageError } from '../errors.ts';
import { renderCompare, stripLine } from '../../render/strip.ts';
import { plainProgress, stderr, stdout } from '../../render/style.ts';
import { printJson } from '../print-json.ts';

interface StripCliOptions {
  output?: string;
  mode: string;
  inPlace?: boolean;
  compare?: boolean;
  source?: string;
  json?: boolean;
}

async function action(file: string, options: StripCliOptions): Promise<void> {
  if (!(STRIP_MODES as readonly string[]).includes(options.mode)) {
    throw new UsageError(`Cannot strip: unknown --mode ${options.mode} (use ${STRIP_MODES.join(', ')})`);
  }
  const out = stdout();
  if (options.compare) {
    const err = stderr();
    const { compareStrip } = await import('../../strip/compare.ts');
    const rows = await compareStrip(file, {
      source: options.source,
      onProgress: (label) => {
        if (!options.json) err.write(plainProgress() ? `making ${label}\n` : `\rmaking ${label}\u001b[K`);
      },
    });
    if (!options.json && !plainProgress()) err.write('\r\u001b[K');
    if (options.json) printJson({ schemaVersion: 1, file, rows });
    else out.write(`${renderCompare(file, rows, out.color)}\n`);
    return;
  }
  if (options.source) throw new UsageError('Cannot strip: --source only applies to --compare');
  if (options.inPlace && options.output) throw new UsageError('Cannot strip: give either -o OUT or --in-place, not both');
  const r = await stripFile(file, { mode: options.mode as StripMode, output: options.output, inPlace: options.inPlace });
  if (options.json) {
    printJson({ schemaVersion: 1, ...r });
    return;
  }
  out.write(stripLine(r));
}

export function register(program: Command): void {
  program
    .command('strip')
    .summary('Strip DWARF and symbol tables from ELF executables (no binutils needed)')
    .description(
      'Remove debugging information and symbol tables from an ELF executable or shared library of any\n' +
        'architecture, either endianness, 32 or 64 bit, without binutils. Program headers and loaded bytes stay\n' +
        'as they are (only uncovered zero padding at the end of a bss segment may be trimmed, as binutils does),\n' +
        'so the result loads exactly as before and keeps its Go build info. Modes (binutils semantics):\n' +
        '  debug     remove DWARF and other debug sections (strip --strip-debug)\n' +
        '  unneeded  also remove the static symbol table .symtab/.strtab (strip --strip-unneeded)\n' +
        '  all       remove all non-dynamic symbols (strip --strip-all); same as unneeded for executables\n' +
        'The output is written atomically; the input is left alone unless --in-place. PE and Mach-O files are\n' +
        'refused: build them with -ldflags="-s -w" instead.\n' +
        'With --compare, print a table: original, each gocross mode, binutils strip --strip-unneeded and\n' +
        'objcopy --strip-all (when installed for the arch), and a -ldflags="-s -w" rebuild (with --source DIR),\n' +
        'with size, reduction, whether each still runs (under QEMU when foreign) and still has Go build info.',
    )
    .argument('<file>', 'ELF file to strip')
    .option('-o, --output <out>', 'where to write the result (default: FILE.stripped)')
    .option('--mode <mode>', `what to remove: ${STRIP_MODES.join(', ')}`, 'all')
    .option('--in-place', 'replace FILE (atomically) instead of writing a new file')
    .option('--compare', 'compare gocross strip, binutils and -ldflags="-s -w" on FILE instead of stripping')
    .option('--source <dir>', 'with --compare: Go source directory to rebuild with -ldflags="-s -w"')
    .option('--json', 'print the result as JSON ({ "schemaVersion": 1, ... })')
    .addHelpText(
      'after',
      '\nExit status: 0 stripped (or nothing to strip); 1 the file could not be read or stripped safely; 2 usage error.\n\n' +
        'Examples:\n  gocross strip app-linux-arm64 -o app\n  gocross strip --mode debug --in-place app\n  gocross strip --compare app --source ./cmd/app',
    )
    .action(action);
}
