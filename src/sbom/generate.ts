/**
 * The SBOM shell: read the facts of a binary, render the document, write it atomically.
 * `writeSbomForArtifact` is what `gocross build --sbom` calls for each artifact.
 */
import { atomicWrite } from '../util/atomic-write.ts';
import { readBinaryFacts } from './build-info.ts';
import { sbomSubject } from './components.ts';
import { cycloneDx } from './cyclonedx.ts';
import { parseTime, sbomTimestamp, sourceDateEpoch, type DocumentOptions, type SbomFormat } from './document-options.ts';
import { spdx } from './spdx.ts';
import type { ByteProgress } from '../util/sha256.ts';

export interface SbomOptions extends DocumentOptions {
  format?: SbomFormat;
  /**
   * The build's commit time (RFC 3339; `gocross build` passes its vcs.date, which already prefers
   * SOURCE_DATE_EPOCH). Used when no timestamp is given.
   */
  commitTime?: string;
  /** Where SOURCE_DATE_EPOCH is read (default process.env). */
  env?: NodeJS.ProcessEnv;
  /** Follows the hash of the binary (bytes read of its size): long only for huge files. */
  onProgress?: ByteProgress;
}

/**
 * The document's time when none is given: the build's commit time, else the binary's own
 * `vcs.time` build setting, else SOURCE_DATE_EPOCH, else now. Only the last varies run to run.
 */
function defaultTimestamp(options: SbomOptions, settings: Record<string, string>): Date {
  return sbomTimestamp([parseTime(options.commitTime), parseTime(settings['vcs.time']), sourceDateEpoch((options.env ?? process.env).SOURCE_DATE_EPOCH)]);
}

async function build(path: string, options: SbomOptions): Promise<{ doc: Record<string, unknown>; sha256: string }> {
  const facts = await readBinaryFacts(path, options.onProgress);
  const subject = sbomSubject(facts.fileName, facts.sha256, facts.size, facts.go);
  const resolved = { ...options, timestamp: options.timestamp ?? defaultTimestamp(options, facts.go.settings) };
  const doc = (options.format ?? 'cyclonedx') === 'spdx' ? spdx(subject, resolved) : cycloneDx(subject, resolved);
  return { doc, sha256: facts.sha256 };
}

/** The SBOM document (a JSON value) for the binary at `path`. */
export async function generateSbom(path: string, options: SbomOptions = {}): Promise<Record<string, unknown>> {
  return (await build(path, options)).doc;
}

/** Default file name beside the artifact: `app.cdx.json` or `app.spdx.json`. */
export function defaultSbomPath(artifact: string, format: SbomFormat = 'cyclonedx'): string {
  return `${artifact}.${format === 'spdx' ? 'spdx' : 'cdx'}.json`;
}

export interface WrittenSbom {
  path: string;
  format: SbomFormat;
  /** SHA-256 of the artifact the SBOM describes. */
  artifactSha256: string;
}

/** Writes the SBOM for `artifact` (atomically) to `options.output` or defaultSbomPath(). */
export async function writeSbomForArtifact(artifact: string, options: SbomOptions & { output?: string } = {}): Promise<WrittenSbom> {
  const format = options.format ?? 'cyclonedx';
  const { doc, sha256 } = await build(artifact, options);
  const path = options.output ?? defaultSbomPath(artifact, format);
  await atomicWrite(path, `${JSON.stringify(doc, null, 2)}\n`);
  return { path, format, artifactSha256: sha256 };
}

type Json = Record<string, unknown>;
const obj = (v: unknown): Json => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : {});
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);

/** The artifact digest recorded in a document (either format), or null. */
export function sha256Of(doc: unknown): string | null {
  const d = obj(doc);
  if (d.bomFormat === 'CycloneDX') {
    const h = arr(obj(obj(d.metadata).component).hashes).map(obj).find((x) => x.alg === 'SHA-256');
    return str(h?.content)?.toLowerCase() ?? null;
  }
  if (typeof d.spdxVersion === 'string') {
    const described = new Set(
      arr(d.relationships)
        .map(obj)
        .filter((r) => r.spdxElementId === 'SPDXRef-DOCUMENT' && r.relationshipType === 'DESCRIBES')
        .map((r) => str(r.relatedSpdxElement)),
    );
    for (const p of arr(d.packages).map(obj)) {
      if (!described.has(str(p.SPDXID))) continue;
      const c = arr(p.checksums).map(obj).find((x) => x.algorithm === 'SHA256');
      const value = str(c?.checksumValue);
      if (value) return value.toLowerCase();
    }
  }
  return null;
}
