/**
 * Options shared by both SBOM formats. Nothing in a document depends on the clock or a random
 * source unless nothing else is known: the same binary gives the same bytes on every run.
 */
import { createHash } from 'node:crypto';

export const SBOM_FORMATS = ['cyclonedx', 'spdx'] as const;
export type SbomFormat = (typeof SBOM_FORMATS)[number];

export interface DocumentOptions {
  /** Creation time; default: see sbomTimestamp(). Rendered to the second, UTC (`2024-01-02T03:04:05Z`). */
  timestamp?: Date;
  /** UUID for the CycloneDX serial number and the SPDX namespace; default serialUuid(artifact digest). */
  uuid?: string;
  /** gocross version recorded as the creating tool. */
  toolVersion?: string;
}

export interface ResolvedDocumentOptions {
  timestamp: string;
  uuid: string;
  toolVersion: string;
}

/** The namespace of gocross's name-based SBOM UUIDs (fixed forever: changing it changes every serial number). */
export const SBOM_UUID_NAMESPACE = 'c8a5b0e4-5f1e-4d2a-9c1b-6f0d3e7a2b91';

/**
 * A name-based UUID (version 5, RFC 9562 §5.5: SHA-1 of namespace + name) of the name
 * `sha256:<hex digest of the artifact>` in SBOM_UUID_NAMESPACE. Two SBOMs of the same bytes share
 * it; any other artifact gets another. (CycloneDX asks that versions of the BOM of one thing keep
 * one serial number; the digest is that thing.)
 */
export function serialUuid(sha256: string): string {
  const namespace = Buffer.from(SBOM_UUID_NAMESPACE.replace(/-/g, ''), 'hex');
  const bytes = createHash('sha1').update(namespace).update(`sha256:${sha256.toLowerCase()}`).digest().subarray(0, 16);
  bytes[6] = (bytes[6]! & 0x0f) | 0x50;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** SOURCE_DATE_EPOCH (whole seconds since 1970, reproducible-builds.org) as a date, or null when unset or malformed. */
export function sourceDateEpoch(value: string | undefined): Date | null {
  return value !== undefined && /^\d+$/.test(value) ? new Date(Number(value) * 1000) : null;
}

/** An RFC 3339 time (vcs.time, a commit date) as a date, or null ('unknown', empty, not a date). */
export function parseTime(value: string | null | undefined): Date | null {
  if (!value || !/^\d{4}-\d\d-\d\dT/.test(value)) return null;
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? null : d;
}

/** The first time that is known, in the caller's order of preference; `now` only when none is. */
export function sbomTimestamp(candidates: ReadonlyArray<Date | null | undefined>, now: () => Date = () => new Date()): Date {
  return candidates.find((d): d is Date => d instanceof Date && !Number.isNaN(d.getTime())) ?? now();
}

export function resolveDocumentOptions(o: DocumentOptions, artifactSha256: string): ResolvedDocumentOptions {
  return {
    timestamp: (o.timestamp ?? new Date()).toISOString().replace(/\.\d{3}Z$/, 'Z'),
    uuid: o.uuid ?? serialUuid(artifactSha256),
    toolVersion: o.toolVersion ?? '0.0.0',
  };
}
