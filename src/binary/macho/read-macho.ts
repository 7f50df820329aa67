/**
 * Mach-O reader: thin 32/64-bit files of either byte order, and fat (universal) files whose
 * slices are each read as a thin file through a slice-bounded ByteSource.
 */
import type { ByteSource } from '../byte-source.ts';
import { Fields } from '../endian.ts';
import { FormatError, hex } from '../errors.ts';
import { findGoBuildIdInText } from '../goinfo/buildid.ts';
import { readGoBuildInfo } from '../goinfo/buildinfo.ts';
import type { BinaryInfo } from '../types.ts';
import { CPU_TYPES, FAT_MAGIC, FAT_MAGIC_64 } from './constants.ts';
import { describeMacho } from './describe.ts';
import { machoExeAdapter } from './exe-adapter.ts';
import { readFatArches } from './fat.ts';
import { readMachHeader } from './header.ts';
import { parseLoadCommands } from './load-commands.ts';
import { sliceSource } from './slice-source.ts';

export async function readMacho(source: ByteSource): Promise<BinaryInfo> {
  const magic = new Fields(await source.read(0, Math.min(4, source.size), 'Mach-O magic'), 'big', 0);
  const m = magic.bytes.length === 4 ? magic.u32(0) : 0;
  if (m === FAT_MAGIC || m === FAT_MAGIC_64) return readFat(source);
  return readThin(source, 0);
}

/** One thin Mach-O image; `origin` is the absolute file offset of the source's byte 0. */
async function readThin(source: ByteSource, origin: number): Promise<BinaryInfo> {
  const header = await readMachHeader(source, origin);
  const cmds = await source.read(header.headerSize, header.sizeofcmds, 'Mach-O load commands');
  const lc = parseLoadCommands(cmds, header, origin + header.headerSize);
  const exe = machoExeAdapter(source, lc, header.endian, header.bits);
  const go = await readGoBuildInfo(exe);
  const goBuildId = await findGoBuildIdInText(exe);
  return describeMacho(header, lc, go, goBuildId, source.size);
}

/**
 * A fat file reports each slice in `slices`. Its top-level fields are those of the first slice —
 * the one Go's debug/buildinfo (and so `go version -m`) reads — with format 'macho-fat', the
 * slice architectures listed in details.arches, and every slice's warnings (prefixed).
 */
async function readFat(source: ByteSource): Promise<BinaryInfo> {
  const arches = await readFatArches(source);
  const slices: BinaryInfo[] = [];
  const warnings: string[] = [];
  for (const [i, arch] of arches.entries()) {
    const slice = await readThin(sliceSource(source, arch.offset, arch.size), arch.offset);
    const expected = CPU_TYPES.get(arch.cputype)?.archName ?? hex(arch.cputype);
    if (slice.details.cputype !== hex(arch.cputype)) {
      slice.warnings.push(`fat_arch ${i} says ${expected}, but the slice header says ${slice.details.arch}`);
    }
    warnings.push(...slice.warnings.map((w) => `slice ${i} (${slice.details.arch}): ${w}`));
    slices.push(slice);
  }
  const first = slices[0];
  if (!first) throw new FormatError('Cannot read fat Mach-O file: no slices', 4);
  return {
    ...first,
    format: 'macho-fat',
    details: { ...first.details, arches: slices.map((s) => s.details.arch).join(','), sliceCount: slices.length },
    slices,
    warnings,
  };
}
