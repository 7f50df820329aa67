/**
 * Imported DLL names from the import directory: an array of 20-byte IMAGE_IMPORT_DESCRIPTORs
 * ended by an all-zero one; the Name field (offset 12) is the RVA of the DLL name.
 */
import type { ByteSource } from '../byte-source.ts';
import { Fields, cString } from '../endian.ts';
import { hex } from '../errors.ts';
import { DIRECTORY_IMPORT, IMPORT_DESCRIPTOR_SIZE } from './constants.ts';
import type { PeHeaders } from './headers.ts';
import { rvaToFile } from './rva.ts';

const MAX_DLL_NAME = 256;
/** Far above any real image (a few hundred DLLs at most); keeps a hostile directory from costing time. */
const MAX_DESCRIPTORS = 16384;

/**
 * The DLLs the image imports, in directory order. No import directory → []. A directory or name
 * that points outside the file is a warning, not an error: the rest of the report still stands.
 */
export async function readImportedDlls(source: ByteSource, headers: PeHeaders, warnings: string[]): Promise<string[]> {
  const dir = headers.optional?.directories[DIRECTORY_IMPORT];
  if (!dir || dir.rva === 0 || dir.size === 0) return [];
  const span = rvaToFile(headers, dir.rva, source.size);
  if (!span) {
    warnings.push(`import directory RVA ${hex(dir.rva)} is not backed by file bytes`);
    return [];
  }
  // Linkers do not always count the terminator in the size, so walk to the end of the section,
  // never beyond it, a chunk at a time: the descriptor count is bounded by bytes that exist.
  const count = Math.min(MAX_DESCRIPTORS, Math.floor(span.available / IMPORT_DESCRIPTOR_SIZE));
  let unresolved = 0;
  const perChunk = 128;
  const names: string[] = [];
  for (let first = 0; first < count; first += perChunk) {
    const n = Math.min(perChunk, count - first);
    const at0 = span.offset + first * IMPORT_DESCRIPTOR_SIZE;
    const table = new Fields(await source.read(at0, n * IMPORT_DESCRIPTOR_SIZE, 'import directory'), 'little', at0);
    for (let k = 0; k < n; k++) {
      const at = k * IMPORT_DESCRIPTOR_SIZE;
      let zero = true;
      for (let j = 0; j < IMPORT_DESCRIPTOR_SIZE; j += 4) if (table.u32(at + j) !== 0) zero = false;
      if (zero) return names;
      const nameRva = table.u32(at + 12, 'import descriptor Name');
      const name = rvaToFile(headers, nameRva, source.size);
      if (!name) {
        // One warning, not one per descriptor: a hostile directory could hold millions.
        if (unresolved++ === 0) warnings.push(`import descriptor ${first + k} names RVA ${hex(nameRva)}, which is not backed by file bytes`);
        continue;
      }
      const bytes = await source.read(name.offset, Math.min(name.available, MAX_DLL_NAME), 'imported DLL name');
      names.push(cString(bytes, 0, MAX_DLL_NAME));
    }
  }
  warnings.push(`import directory has no terminating entry within ${count} entries`);
  return names;
}
