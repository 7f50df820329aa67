/**
 * Test helper: an ExeAdapter over plain bytes with one mapping (file offset 0 ↔ `base`), so
 * build info layouts can be constructed byte by byte. Used by tests only.
 */
import { bytesSource } from '../../byte-source.ts';
import type { Endian } from '../../endian.ts';
import type { ExeAdapter, Region } from '../../exe.ts';

export function bytesAdapter(
  bytes: Uint8Array,
  opts: { base?: bigint; endian?: Endian; bits?: 32 | 64; dataRegions?: Region[]; textRegions?: Region[] } = {},
): ExeAdapter {
  const base = opts.base ?? 0n;
  const source = bytesSource(bytes);
  return {
    source,
    endian: opts.endian ?? 'little',
    bits: opts.bits ?? 64,
    async readVirtual(addr, size) {
      if (addr < base || addr - base >= BigInt(bytes.length)) return null;
      const off = Number(addr - base);
      return source.read(off, Math.min(size, bytes.length - off), 'virtual data');
    },
    buildInfoRegions: () => opts.dataRegions ?? [{ offset: 0, size: bytes.length, vaddr: base }],
    textRegions: () => opts.textRegions ?? [{ offset: 0, size: bytes.length, vaddr: base }],
  };
}
