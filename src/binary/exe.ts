/**
 * The small interface each format adapter (ELF, PE, Mach-O) offers to cross-format features,
 * so Go build info and Go build IDs are written once. Model: Go's debug/buildinfo `exe`.
 */
import type { ByteSource } from './byte-source.ts';
import type { Endian } from './endian.ts';

export interface Region {
  /** File offset of the region. */
  offset: number;
  /** Bytes available in the file. */
  size: number;
  /** Virtual address of the first byte. */
  vaddr: bigint;
}

export interface ExeAdapter {
  readonly source: ByteSource;
  readonly endian: Endian;
  readonly bits: 32 | 64;
  /** Reads `size` bytes at virtual address `addr`; null when the address is not backed by file bytes. */
  readVirtual(addr: bigint, size: number): Promise<Uint8Array | null>;
  /**
   * Where Go build info is searched, in order (e.g. ELF `.go.buildinfo`, else the first writable
   * non-executable PT_LOAD). Empty when there is nowhere to look.
   */
  buildInfoRegions(): Region[];
  /** Where the `\xff Go build ID: "…"` text sits for PE/Mach-O (start of text); empty for ELF (it uses a note). */
  textRegions(): Region[];
}
