/**
 * The `gocross inspect --json` document: { schemaVersion: 1, files: [...] }, one entry per input
 * in input order. An entry is `path`, `ok`, then every BinaryInfo field when ok, or
 * `error: { code, message, offset? }` when not; then `skipped`: the files `-r` found that are not
 * executables. Pure.
 */
import type { BinaryInfo } from '../../binary/types.ts';
import type { InspectFailure, InspectOutcome } from '../../inspect-pool/outcome.ts';

export type { InspectFailure, InspectOutcome };

export type InspectJsonEntry = ({ path: string; ok: true } & BinaryInfo) | { path: string; ok: false; error: InspectFailure };

/** A file `inspect -r` found under a directory and passed over: it is not an executable. */
export interface InspectSkipped {
  path: string;
  reason: string;
}

export interface InspectJsonDocument {
  schemaVersion: 1;
  files: InspectJsonEntry[];
  skipped: InspectSkipped[];
}

export function jsonEntry(outcome: InspectOutcome): InspectJsonEntry {
  if (outcome.ok) return { path: outcome.path, ok: true, ...outcome.info };
  const { code, message, offset } = outcome.error;
  return { path: outcome.path, ok: false, error: offset === undefined ? { code, message } : { code, message, offset } };
}

export function jsonDocument(outcomes: readonly InspectOutcome[], skipped: readonly InspectSkipped[] = []): InspectJsonDocument {
  return { schemaVersion: 1, files: outcomes.map(jsonEntry), skipped: [...skipped] };
}
