/** Relative virtual addresses (RVAs) of a PE image mapped back to file offsets through the section table. */
import type { PeHeaders, PeSection } from './headers.ts';

export interface FileSpan {
  /** File offset of the RVA. */
  offset: number;
  /** File bytes from `offset` to the end of the section's raw data (or of the headers). */
  available: number;
}

/** Sections with file bytes, sorted by VirtualAddress, built once per image: lookups are a binary search. */
const sortedSections = new WeakMap<PeHeaders, PeSection[]>();

function sectionsByAddress(headers: PeHeaders): PeSection[] {
  let sorted = sortedSections.get(headers);
  if (!sorted) {
    sorted = headers.sections.filter((s) => s.sizeOfRawData > 0).sort((a, b) => a.virtualAddress - b.virtualAddress);
    sortedSections.set(headers, sorted);
  }
  return sorted;
}

/** Where the bytes of `rva` sit in the file, or null when no section (or the headers) backs it. */
export function rvaToFile(headers: PeHeaders, rva: number, fileSize: number): FileSpan | null {
  const sorted = sectionsByAddress(headers);
  // The last section starting at or below rva.
  let lo = 0;
  let hi = sorted.length - 1;
  let found: PeSection | undefined;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const s = sorted[mid]!;
    if (s.virtualAddress <= rva) {
      found = s;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  // Bytes past SizeOfRawData (up to VirtualSize) are zero-filled by the loader, not in the file.
  if (found && rva - found.virtualAddress < found.sizeOfRawData) {
    const offset = found.pointerToRawData + (rva - found.virtualAddress);
    const available = Math.min(found.sizeOfRawData - (rva - found.virtualAddress), fileSize - offset);
    return available > 0 ? { offset, available } : null;
  }
  // The headers are mapped at RVA 0, one to one.
  const headerSize = headers.optional?.sizeOfHeaders ?? 0;
  if (rva < headerSize && rva < fileSize) return { offset: rva, available: Math.min(headerSize, fileSize) - rva };
  return null;
}
