/** Options shared by both SBOM formats; everything that would make output differ run to run is injectable. */
import { randomUUID } from 'node:crypto';
import { GocrossError } from '../core/errors.ts';

export const SBOM_FORMATS = ['cyclonedx', 'spdx'] as const;
export type SbomFormat = (typeof SBOM_FORMATS)[number];

export interface DocumentOptions {
  /** Creation time; default now. Rendered to the second, UTC (`2024-01-02T03:04:05Z`). */
  timestamp?: Date;
  /** UUID for the CycloneDX serial number and the SPDX namespace; default random. */
  uuid?: string;
  /** gocross version recorded as the creating tool. */
  toolVersion?: string;
}

export interface ResolvedDocumentOptions {
  timestamp: string;
  uuid: string;
  toolVersion: string;
}

export function resolveDocumentOptions(o: DocumentOptions = {}): ResolvedDocumentOptions {
  const uuid = o.uuid === undefined ? randomUUID() : parseSbomUuid(o.uuid);
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
