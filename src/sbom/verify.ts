/** `gocross sbom --verify SBOM FILE`: does the file's SHA-256 match the one the SBOM records? */
import { readFile } from 'node:fs/promises';
import { sha256File, SbomError } from './build-info.ts';
import { sha256Of } from './generate.ts';
import { ioReason } from '../core/errors.ts';

export interface VerifyResult {
  ok: boolean;
  sbom: string;
  file: string;
  expected: string;
  actual: string;
}

export async function verifySbom(sbomPath: string, file: string): Promise<VerifyResult> {
  let doc: unknown;
  try {
    doc = JSON.parse(await readFile(sbomPath, 'utf8'));
  } catch (error) {
    throw new SbomError(`Cannot verify ${sbomPath}: ${ioReason(error)} (expected a CycloneDX or SPDX JSON document)`, { cause: error });
  }
  const expected = sha256Of(doc);
  if (!expected) throw new SbomError(`Cannot verify ${sbomPath}: it records no SHA-256 of the described binary (CycloneDX metadata.component.hashes or the SPDX DESCRIBES package's checksums)`);
  const actual = await sha256File(file).catch((error: Error) => {
    throw new SbomError(`Cannot verify ${file}: ${ioReason(error)}`, { cause: error });
  });
  return { ok: expected === actual, sbom: sbomPath, file, expected, actual };
}
