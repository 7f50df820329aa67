/**
 * The reader's front door: detect the format by magic, hand the bytes to that format's reader.
 * Paths are opened here (the edge); readers only see a ByteSource.
 */
import { bytesSource, fileSource, type ByteSource } from './byte-source.ts';
import { BinaryError, BinaryIoError, UnrecognizedFormatError } from './errors.ts';
import type { BinaryInfo, Format } from './types.ts';
import { readElf } from './elf/read-elf.ts';
import { readPe } from './pe/read-pe.ts';
import { readMacho } from './macho/read-macho.ts';

/** Which reader claims these leading bytes (at least 8 of them), or null. */
export function detectFormat(head: Uint8Array): Exclude<Format, 'macho-fat'> | 'macho-fat' | null {
  if (head.length >= 4 && head[0] === 0x7f && head[1] === 0x45 && head[2] === 0x4c && head[3] === 0x46) return 'elf';
  if (head.length >= 2 && head[0] === 0x4d && head[1] === 0x5a) return 'pe';
  if (head.length >= 4) {
    const be = ((head[0]! << 24) | (head[1]! << 16) | (head[2]! << 8) | head[3]!) >>> 0;
    const le = ((head[3]! << 24) | (head[2]! << 16) | (head[1]! << 8) | head[0]!) >>> 0;
    if (be === 0xfeedface || be === 0xfeedfacf || le === 0xfeedface || le === 0xfeedfacf) return 'macho';
    // 0xcafebabe is also a Java class file; those have a major version (>= 45) where fat files
    // have a small slice count.
    if (head.length >= 8 && (be === 0xcafebabe || be === 0xcafebabf)) {
      const n = ((head[4]! << 24) | (head[5]! << 16) | (head[6]! << 8) | head[7]!) >>> 0;
      if (n > 0 && n < 45) return 'macho-fat';
    }
  }
  return null;
}

/** Reads an executable from a ByteSource. Throws BinaryError (unrecognized, format, io). */
async function inspectSource(source: ByteSource): Promise<BinaryInfo> {
  const head = await source.read(0, Math.min(source.size, 64), 'file header');
  const format = detectFormat(head);
  switch (format) {
    case 'elf':
      return readElf(source);
    case 'pe':
      return readPe(source);
    case 'macho':
    case 'macho-fat':
      return readMacho(source);
    default:
      throw new UnrecognizedFormatError(
        source.size === 0 ? 'Cannot read executable: the file is empty' : 'Cannot read executable: not an ELF, PE or Mach-O file',
      );
  }
}

export async function inspectBytes(bytes: Uint8Array): Promise<BinaryInfo> {
  return inspectSource(bytesSource(bytes));
}

export interface InspectFileResult {
  info: BinaryInfo;
  /** File size and bytes actually read, for benchmarks. */
  size: number;
  bytesRead: number;
}

/** Opens `path`, reads only the ranges needed, and always closes it. Errors keep their type. */
export async function inspectFileWithStats(path: string): Promise<InspectFileResult> {
  const source = await fileSource(path);
  try {
    const info = await inspectSource(source);
    return { info, size: source.size, bytesRead: source.bytesRead };
  } catch (error) {
    if (error instanceof BinaryError) throw error;
    // A reader bug must still surface as a typed error naming the file, not a raw exception.
    throw new BinaryIoError(`Cannot read ${path}: internal reader error: ${(error as Error)?.message ?? String(error)}`, { cause: error });
  } finally {
    await source.close();
  }
}

export async function inspectFile(path: string): Promise<BinaryInfo> {
  return (await inspectFileWithStats(path)).info;
}
