/**
 * Go build info of any ELF the stripper or `gocross size` handles, before or after stripping,
 * through the reader's own ELF adapter (src/binary/elf) — one place decides where build info lives.
 */
import type { ByteSource } from '../binary/byte-source.ts';
import { elfExeAdapter, readElfLayout } from '../binary/elf/read-elf.ts';
import { readGoBuildInfo } from '../binary/goinfo/buildinfo.ts';
import type { GoBuildInfo } from '../binary/types.ts';

/** Go build info of an ELF file, or null when it is not a Go binary. */
export async function readElfGoBuildInfo(source: ByteSource): Promise<GoBuildInfo | null> {
  const { header, segments, sections } = await readElfLayout(source);
  return readGoBuildInfo(elfExeAdapter(source, header, segments, sections));
}
