/**
 * The analysis as JSON (`--json`, schemaVersion 1). Non-finite numbers are written the way
 * Prometheus writes them ("NaN", "+Inf", "-Inf") instead of JSON.stringify's silent null, so a
 * NaN the judge saw is still a NaN for the reader.
 */
import type { AnalysisResult } from '../model.ts';

export const ANALYSIS_SCHEMA_VERSION = 1;

function replacer(_key: string, value: unknown): unknown {
  if (typeof value !== 'number' || Number.isFinite(value)) return value;
  return Number.isNaN(value) ? 'NaN' : value > 0 ? '+Inf' : '-Inf';
}

export function renderAnalysisJson(result: AnalysisResult): string {
  return `${JSON.stringify({ schemaVersion: ANALYSIS_SCHEMA_VERSION, ...result }, replacer, 2)}\n`;
}
