/** Options shared by both SBOM formats; everything that would make output differ run to run is injectable. */
import { randomUUID } from 'node:crypto';

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
  return {
    timestamp: (o.timestamp ?? new Date()).toISOString().replace(/\.\d{3}Z$/, 'Z'),
    uuid: o.uuid ?? randomUUID(),
    toolVersion: o.toolVersion ?? '0.0.0',
  };
}
