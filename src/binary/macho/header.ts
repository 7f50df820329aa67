/** The mach_header / mach_header_64 at the start of a thin Mach-O file (or of a fat slice). */
import type { ByteSource } from '../byte-source.ts';
import { Fields, type Endian } from '../endian.ts';
import { FormatError, UnrecognizedFormatError, hex } from '../errors.ts';
import { LOAD_COMMAND_MIN_SIZE, MACH_HEADER_64_SIZE, MACH_HEADER_SIZE, MH_MAGIC, MH_MAGIC_64 } from './constants.ts';

export interface MachHeader {
  bits: 32 | 64;
  endian: Endian;
  cputype: number;
  cpusubtype: number;
  filetype: number;
  ncmds: number;
  sizeofcmds: number;
  flags: number;
  /** Bytes of the header; load commands follow it. */
  headerSize: number;
}

/** Reads and checks the header. `origin` is the absolute file offset of the source's byte 0 (for messages). */
export async function readMachHeader(source: ByteSource, origin: number): Promise<MachHeader> {
  const magicBytes = await source.read(0, Math.min(4, source.size), 'Mach-O magic');
  const view = new Fields(magicBytes, 'big', origin);
  const be = magicBytes.length === 4 ? view.u32(0) : 0;
  const le = magicBytes.length === 4 ? new Fields(magicBytes, 'little', origin).u32(0) : 0;
  let endian: Endian;
  let bits: 32 | 64;
  if (le === MH_MAGIC || le === MH_MAGIC_64) {
    endian = 'little';
    bits = le === MH_MAGIC_64 ? 64 : 32;
  } else if (be === MH_MAGIC || be === MH_MAGIC_64) {
    endian = 'big';
    bits = be === MH_MAGIC_64 ? 64 : 32;
  } else {
    throw new UnrecognizedFormatError(`Cannot read Mach-O file: bad magic ${hex(be)} at byte ${hex(origin)}`);
  }
  const headerSize = bits === 64 ? MACH_HEADER_64_SIZE : MACH_HEADER_SIZE;
  const f = new Fields(await source.read(0, headerSize, 'Mach-O header'), endian, origin);
  const header: MachHeader = {
    bits,
    endian,
    cputype: f.u32(4, 'cputype'),
    cpusubtype: f.u32(8, 'cpusubtype'),
    filetype: f.u32(12, 'filetype'),
    ncmds: f.u32(16, 'ncmds'),
    sizeofcmds: f.u32(20, 'sizeofcmds'),
    flags: f.u32(24, 'flags'),
    headerSize,
  };
  if (headerSize + header.sizeofcmds > source.size) {
    throw new FormatError(
      `Cannot read Mach-O load commands: sizeofcmds ${hex(header.sizeofcmds)} runs past end of file (size ${hex(source.size)})`,
      origin + 20,
    );
  }
  // Each command is at least 8 bytes, so ncmds is bounded by sizeofcmds (and so by the file size).
  if (header.ncmds * LOAD_COMMAND_MIN_SIZE > header.sizeofcmds) {
    throw new FormatError(`Cannot read Mach-O load commands: ncmds ${header.ncmds} cannot fit in sizeofcmds ${hex(header.sizeofcmds)}`, origin + 16);
  }
  return header;
}
