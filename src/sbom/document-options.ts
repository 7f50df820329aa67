/**
 * Options shared by both SBOM formats. Nothing in a document depends on the clock or a random
 * source unless nothing else is known: the same binary gives the same bytes on every run.
 */
import { createHash } from 'node:crypto';
import { GocrossError } from '../core/errors.ts';

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
  const uuid = o.uuid === undefined ? serialUuid(artifactSha256) : parseSbomUuid(o.uuid);
  if (uuid === null) throw new GocrossError('usage', `Cannot make an SBOM: uuid ${JSON.stringify(o.uuid)} is not an RFC 4122 UUID`);
  if (o.timestamp !== undefined && Number.isNaN(o.timestamp.getTime())) throw new GocrossError('usage', 'Cannot make an SBOM: the timestamp is an invalid Date');
  return {
    timestamp: (o.timestamp ?? new Date()).toISOString().replace(/\.\d{3}Z$/, 'Z'),
    uuid,
    toolVersion: o.toolVersion ?? '0.0.0',
  };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;
const TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/i;

/** An RFC 4122 UUID (versions 1–8 as RFC 9562, its successor, numbers them; the RFC 4122 variant), lower-cased; null when `text` is not one. */
export function parseSbomUuid(text: string): string | null {
  return UUID.test(text) ? text.toLowerCase() : null;
}

/**
 * An RFC 3339 / ISO 8601 date-time with a zone (`2024-01-02T03:04:05Z`, `…+01:00`) or a date
 * (`2024-01-02`, midnight UTC); null otherwise, including impossible dates (`2024-02-30`) and
 * times without a zone, which would mean a different instant on every machine.
 */
export function parseSbomTimestamp(text: string): Date | null {
  const m = TIMESTAMP.exec(text);
  if (!m) return null;
  const [, year, month, day, hour, minute, second, zone] = m;
  if (hour !== undefined && zone === undefined) return null;
  const y = Number(year);
  const mo = Number(month);
  const d = Number(day);
  const civil = new Date(Date.UTC(y, mo - 1, d));
  if (civil.getUTCFullYear() !== y || civil.getUTCMonth() !== mo - 1 || civil.getUTCDate() !== d) return null;
  if (Number(hour ?? 0) > 23 || Number(minute ?? 0) > 59 || Number(second ?? 0) > 59) return null;
  const date = new Date(hour === undefined ? `${year}-${month}-${day}T00:00:00Z` : text.replace(' ', 'T').replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
  return Number.isNaN(date.getTime()) ? null : date;
}
