/**
 * `gocross sbom --verify IMAGE`: is each platform's SBOM bound to that platform? The SBOM
 * artifacts that refer to a platform manifest (referrers API, tag schema, or a layout's
 * index.json) must name the SHA-256 of the binary inside that manifest's layers. A mismatch says
 * which platform's binary the SBOM does describe, when it is another one in the same index.
 */
import { GocrossError } from '../core/errors.ts';
import type { Descriptor, Platform } from '../image/blob.ts';
import { platformMatches } from '../image/base-config.ts';
import { imageBinary, type ImageBinary } from '../image/image-binary.ts';
import { parseJson, type ImageReader, type ReferrersVia } from '../image/image-reader.ts';
import { isIndexType, SBOM_ARTIFACT_TYPES } from '../image/media-types.ts';
import { platformKey } from '../image/plan.ts';
import { sha256Of } from './generate.ts';

export interface AttachedSbom {
  /** The artifact manifest's digest. */
  digest: string;
  artifactType: string;
  /** The binary SHA-256 the document records (null: it records none). */
  sha256: string | null;
}

export interface PlatformBinding {
  platform: string;
  manifest: string;
  binary: { path: string; sha256: string };
  via: ReferrersVia;
  sboms: AttachedSbom[];
  status: 'ok' | 'mismatch' | 'missing';
  /** For a mismatch: the platform in the same index whose binary the SBOM describes. */
  describes?: { platform: string; manifest: string };
}

export interface ImageVerifyResult {
  ok: boolean;
  image: string;
  digest: string;
  platforms: PlatformBinding[];
}

const SBOM_TYPES = new Set<string>(Object.values(SBOM_ARTIFACT_TYPES));

/** Pure: the status of one platform from the binary's digest and what its SBOMs record. */
export function bindingStatus(binarySha256: string, sboms: readonly AttachedSbom[]): PlatformBinding['status'] {
  if (sboms.length === 0) return 'missing';
  return sboms.every((s) => s.sha256 === binarySha256) ? 'ok' : 'mismatch';
}

/** The platform manifests the reference names: every image of an index, or the one manifest. */
async function platformManifests(reader: ImageReader, wanted: Platform | undefined): Promise<Descriptor[]> {
  const top = parseJson(reader.name, 'manifest', await reader.manifest(reader.top.digest));
  if (!isIndexType(reader.top.mediaType) && !Array.isArray(top.manifests)) return [{ mediaType: reader.top.mediaType, digest: reader.top.digest, size: 0 }];
  const all = (top.manifests as Descriptor[]).filter((d) => d.platform && !d.artifactType && d.platform.os !== 'unknown');
  if (!wanted) return all;
  const chosen = all.filter((d) => platformMatches(wanted, d.platform!));
  if (chosen.length === 0) {
    throw new GocrossError('input', `Cannot verify the SBOM of ${reader.name} for ${platformKey(wanted)}: the index has no such platform (it has ${all.map((d) => platformKey(d.platform!)).join(', ') || 'none'})`, { fix: 'choose one of those with --platform' });
  }
  return chosen;
}

async function attachedSboms(reader: ImageReader, subject: string): Promise<{ sboms: AttachedSbom[]; via: ReferrersVia }> {
  const { manifests, via } = await reader.referrers(subject);
  const sboms: AttachedSbom[] = [];
  for (const d of manifests) {
    if (d.artifactType && !SBOM_TYPES.has(d.artifactType)) continue;
    const artifact = parseJson(reader.name, `artifact ${d.digest}`, await reader.manifest(d.digest));
    const artifactType = typeof artifact.artifactType === 'string' ? artifact.artifactType : (artifact.config as Descriptor | undefined)?.mediaType ?? '';
    if (!SBOM_TYPES.has(artifactType)) continue;
    // A referrers list is an index anyone can write; the artifact's own subject is the binding.
    const boundTo = (artifact.subject as Descriptor | undefined)?.digest;
    if (boundTo !== subject) throw new GocrossError('input', `Cannot verify the SBOM of ${reader.name}: artifact ${d.digest} is listed as a referrer of ${subject} but its subject is ${boundTo ?? 'missing'}`, { fix: 'attach the SBOM again' });
    const layer = (Array.isArray(artifact.layers) ? (artifact.layers as Descriptor[]) : [])[0];
    if (!layer) throw new GocrossError('input', `Cannot verify the SBOM of ${reader.name}: artifact ${d.digest} has no layer holding the document`);
    sboms.push({ digest: d.digest, artifactType, sha256: sha256Of(parseJson(reader.name, `SBOM ${layer.digest}`, await reader.blob(layer.digest))) });
  }
  return { sboms, via };
}

export async function verifyImageSboms(reader: ImageReader, options: { platform?: Platform } = {}): Promise<ImageVerifyResult> {
  const chosen = await platformManifests(reader, options.platform);
  const binaries = new Map<string, Promise<ImageBinary>>();
  const binaryOf = (digest: string): Promise<ImageBinary> => {
    if (!binaries.has(digest)) binaries.set(digest, imageBinary(reader, digest));
    return binaries.get(digest)!;
  };
  const platforms: PlatformBinding[] = [];
  for (const d of chosen) {
    const binary = await binaryOf(d.digest);
    if (options.platform && !platformMatches(options.platform, binary.platform)) {
      throw new GocrossError('input', `Cannot verify the SBOM of ${reader.name} for ${platformKey(options.platform)}: it is a single ${platformKey(binary.platform)} image`, { fix: 'name the index, or leave --platform out' });
    }
    const { sboms, via } = await attachedSboms(reader, d.digest);
    platforms.push({ platform: platformKey(binary.platform), manifest: d.digest, binary: { path: binary.path, sha256: binary.sha256 }, via, sboms, status: bindingStatus(binary.sha256, sboms) });
  }
  // The classic mistake is the SBOM of one platform attached to another: say which one it describes.
  const siblings = platforms.some((p) => p.status === 'mismatch') ? await platformManifests(reader, undefined) : [];
  for (const p of platforms.filter((x) => x.status === 'mismatch')) {
    const named = new Set(p.sboms.map((s) => s.sha256).filter((s) => s !== p.binary.sha256));
    for (const s of siblings) {
      if (s.digest === p.manifest) continue;
      const other = await binaryOf(s.digest).catch(() => undefined);
      if (other && named.has(other.sha256)) {
        p.describes = { platform: platformKey(other.platform), manifest: s.digest };
        break;
      }
    }
  }
  return { ok: platforms.every((p) => p.status === 'ok'), image: reader.name, digest: reader.top.digest, platforms };
}
