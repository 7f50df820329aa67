/** `gocross size FILE [--json] [--compare FILE2]`: where the bytes of a Go ELF binary go. */
import type { Command } from 'commander';
import { compareSizes } from '../../size/compare.ts';
import { renderSizeComparison, renderSizeReport } from '../../render/size.ts';
import { sizeFile } from '../../size/size-file.ts';
import { UsageError } from '../errors.ts';
import { stderr, stdout } from '../../render/style.ts';
import { byteProgressText, progressLine, showLiveProgress } from '../../render/progress.ts';
import { basename } from 'node:path';
import { printJson } from '../print-json.ts';

interface SizeCliOptions {
  json?: boolean;
  compare?: string;
  top: string;
}

async function action(file: string, options: SizeCliOptions): Promise<void> {
  const top = Number(options.top);
  if (!Number.isInteger(top) || top <= 0) throw new UsageError(`Cannot size: --top ${options.top} is not a positive integer`);
  const out = stdout();
  const err = stderr();
  // Only the symbol table of a large file takes long; a quick run draws nothing (the line's start delay).
  const progress = progressLine(err, showLiveProgress({ isTTY: err.isTTY, env: process.env, json: Boolean(options.json) }), { columns: process.stderr.columns });
  const sized = async (path: string) => {
    try {
      return await sizeFile(path, (done, total) => progress.update(byteProgressText('reading symbols of', basename(path), done, total)));
    } finally {
      progress.clear();
    }
  };
  const report = await sized(file);
  if (options.compare) {
    const other = await sized(options.compare);
    const c = compareSizes(report, other);
    if (options.json) printJson({ schemaVersion: 1, before: file, after: options.compare, ...c });
    else out.write(`${renderSizeComparison(file, options.compare, c, out.color, top)}\n`);
    return;
  }
  if (options.json) printJson({ schemaVersion: 1, file, ...report });
  else out.write(`${renderSizeReport(file, report, out.color, top)}\n`);
}

export function register(program: Command): void {
  program
    .command('size')
    .summary('Show where the bytes of a Go ELF binary go: by section, category and Go package')
    .description(
      'Attribute every byte of an ELF file once: by section, by category and, when the static symbol table is\n' +
        'present, by owner (main module, each dependency module, std, cgo/C, Go metadata symbols).\n' +
        'Categories: code (executable sections), rodata (other read-only loaded sections), go-metadata (.gopclntab,\n' +
        '.gosymtab, .typelink, .itablink, .go.buildinfo, .go.fipsinfo, .go.module, .note.go.buildid; .noptrdata is\n' +
        'data, not metadata), data (writable loaded sections; .bss has no file bytes), symtab (.symtab/.strtab),\n' +
        'dwarf (debug sections), other (non-loaded sections such as .shstrtab), headers (ELF header, program and\n' +
        'section header tables) and padding (bytes nothing covers). Category totals add up to the file size.\n' +
        'Package bytes are the sizes of the symbols the Go linker records; they explain most of code, rodata and data.\n' +
        'With --compare FILE2, show what changed from FILE to FILE2 (by package, category, section), largest change first.',
    )
    .argument('<file>', 'ELF file')
    .option('--compare <file2>', 'compare FILE (before) with FILE2 (after)')
    .option('--top <n>', 'rows to show in the package and change tables', '20')
    .option('--json', 'print { "schemaVersion": 1, ... } with every section and package')
    .addHelpText('after', '\nExit status: 0 done; 1 the file could not be read; 2 usage error.\n\nExamples:\n  gocross size ./app\n  gocross size ./app-old --compare ./app-new\n  gocross size ./app --json | jq .categories')
    .action(action);
}
