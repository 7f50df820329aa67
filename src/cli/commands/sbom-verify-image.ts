/** `gocross sbom --verify IMAGE [--platform P]`: the SBOM binding check of a pushed image or an OCI layout. */
import { layoutReader } from '../../image/layout-read.ts';
import { ociPlatformOf } from '../../platform/lookup.ts';
import { parseTarget } from '../../platform/target.ts';
import { formatReference, parseReference } from '../../registry/reference.ts';
import { registryReader } from '../../registry/read.ts';
import { renderImageVerify } from '../../render/sbom-binding.ts';
import { stdout } from '../../render/style.ts';
import { verifyImageSboms } from '../../sbom/verify-image.ts';
import { printable } from '../../util/printable.ts';
import { ExitError, UsageError } from '../errors.ts';
import { printJson } from '../print-json.ts';

export async function verifyImage(image: string, options: { platform?: string; insecure?: boolean; json?: boolean }): Promise<void> {
  let platform;
  if (options.platform) {
    const target = parseTarget(options.platform);
    platform = ociPlatformOf(target);
    if (!platform) throw new UsageError(`Cannot verify the SBOM of ${printable(image)} for ${printable(options.platform)}: the OCI image spec names no such platform`);
  }
  let reader;
  let pushRef: string;
  if (image.startsWith('oci:')) {
    reader = await layoutReader(image.slice('oci:'.length));
    pushRef = 'REGISTRY/REPO:TAG';
  } else {
    const ref = parseReference(image);
    reader = await registryReader(image, { ...(options.insecure ? { insecure: true } : {}) });
    pushRef = formatReference({ registry: ref.registry, repository: ref.repository, tag: ref.tag ?? 'TAG' });
  }
  const result = await verifyImageSboms(reader, platform ? { platform } : {});
  if (options.json) printJson({ schemaVersion: 1, ...result });
  else {
    const out = stdout();
    out.write(renderImageVerify(result, pushRef, out.color));
  }
  if (!result.ok) throw new ExitError(1);
}
