/**
 * The `gocross inspect --json` document: { schemaVersion: 1, files: [...] }, one entry per input
 * in input order. An entry is `path`, `ok`, then every BinaryInfo field when ok, or
 * `error: { code, message, offset? }` when not; then `skipped`: the files `-r` found that are not
 * executables. Pure.
 */
import type { BinaryErrorCode } from '../../binary/errors.ts';
import type { BinaryInfo } from '../../binary/types.ts';

export interface InspectFailure {
  code: BinaryErrorCode;
  message: string;
  /** Byte offset of the problem, for format errors. */
  offset?: number;
}

/** What inspecting one input produced: the facts, or why there are none. */
export type InspectOutcome = { path: string; ok: true; info: BinaryInfo } | { path: string; ok: false; error: InspectFailure };

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
