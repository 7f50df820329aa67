/** Reading untyped JSON safely: every accessor returns undefined for the wrong shape instead of throwing. */
import type { FieldPath, Json, JsonObject } from './model.ts';

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function get(value: unknown, path: FieldPath): Json | undefined {
  let node: unknown = value;
  for (const segment of path) {
    if (typeof segment === 'number' ? !Array.isArray(node) : !isObject(node)) return undefined;
    node = (node as Record<string | number, unknown>)[segment];
    if (node === undefined) return undefined;
  }
  return node as Json;
}

export function obj(value: unknown, path: FieldPath = []): JsonObject | undefined {
  const v = get(value, path);
  return isObject(v) ? v : undefined;
}

export function arr(value: unknown, path: FieldPath = []): Json[] {
  const v = get(value, path);
  return Array.isArray(v) ? v : [];
}

export function str(value: unknown, path: FieldPath = []): string | undefined {
  const v = get(value, path);
  return typeof v === 'string' ? v : undefined;
}

export function num(value: unknown, path: FieldPath = []): number | undefined {
  const v = get(value, path);
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}

export function bool(value: unknown, path: FieldPath = []): boolean | undefined {
  const v = get(value, path);
  return typeof v === 'boolean' ? v : undefined;
}

/** A string map (labels, annotations, matchLabels); non-string values are dropped. */
export function stringMap(value: unknown, path: FieldPath = []): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(obj(value, path) ?? {})) if (typeof v === 'string') out[k] = v;
  return out;
}
