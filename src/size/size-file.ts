/** The `gocross size` shell: read layout, symbols and build info of one ELF file, then report. */
import { fileSource } from '../binary/byte-source.ts';
import { UnrecognizedFormatError } from '../binary/errors.ts';
import { readElfGoBuildInfo } from '../strip/elf-exe.ts';
import { isElf, readElfLayout } from '../strip/elf-layout.ts';
import { foreignExecutableKind } from '../strip/foreign-format.ts';
import type { ByteProgress } from '../util/sha256.ts';
import { buildSizeReport, type SizeReport } from './report.ts';
import { readStaticSymbols } from './symbols.ts';

/**
 * `onProgress(done, total)` follows the one large read, the symbol table (bytes handled so far of
 * the string and symbol tables); it is not called for a stripped file.
 */
export async function sizeFile(path: string, onProgress?: ByteProgress): Promise<SizeReport> {
  const source = await fileSource(path);
  try {
    const head = await source.read(0, Math.min(16, source.size), 'file header');
    if (!isElf(head)) {
      const kind = foreignExecutableKind(head);
      throw new UnrecognizedFormatError(`Cannot size ${path}: ${kind ? `it is a ${kind} executable; gocross size reads ELF only` : 'not an ELF file'}`);
    }
    const layout = await readElfLayout(source);
    const [symbols, info] = [await readStaticSymbols(source, layout, onProgress), await readElfGoBuildInfo(source).catch(() => null)];
    return buildSizeReport(layout, symbols, info);
  } finally {
    await source.close();
  }
}
