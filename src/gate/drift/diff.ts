/**
 * A structural diff of two JSON values: maps by key (order never matters), lists by position —
 * except lists of named items (containers, env, ports, volumes…), matched by name as the API
 * server merges them. Quantities under `resources` compare by value.
 */
import { isObject } from '../manifests/json.ts';
import type { FieldPath, Json } from '../manifests/model.ts';
import { sameQuantity } from './quantity.ts';

export interface Change {
  path: FieldPath;
  /** 'changed': both have it, different; 'missing': desired has it, live does not; 'extra': live has it, desired does not. */
  kind: 'changed' | 'missing' | 'extra';
  desired?: Json;
  live?: Json;
}

function named(list: Json[]): Map<string, Json> | undefined {
  if (list.length === 0) return undefined;
  const out = new Map<string, Json>();
  for (const item of list) {
    if (!isObject(item) || typeof item.name !== 'string' || out.has(item.name)) return undefined;
    out.set(item.name, item);
  }
  return out;
}

const inResources = (path: FieldPath): boolean => path.includes('resources') && (path.includes('requests') || path.includes('limits'));

export function diff(desired: Json | undefined, live: Json | undefined, path: FieldPath = [], out: Change[] = []): Change[] {
  if (desired === undefined && live === undefined) return out;
  if (desired === undefined) return out.push({ path, kind: 'extra', live }), out;
  if (live === undefined) return out.push({ path, kind: 'missing', desired }), out;
  if (isObject(desired) && isObject(live)) {
    for (const k of new Set([...Object.keys(desired), ...Object.keys(live)])) diff(desired[k], live[k], [...path, k], out);
    return out;
  }
  if (Array.isArray(desired) && Array.isArray(live)) {
    const a = named(desired);
    const b = named(live);
    if (a && b) {
      for (const name of new Set([...a.keys(), ...b.keys()])) diff(a.get(name), b.get(name), [...path, name], out);
      if ([...a.keys()].join('\0') !== [...b.keys()].filter((k) => a.has(k)).join('\0') && [...a.keys()].every((k) => b.has(k))) out.push({ path, kind: 'changed', desired: [...a.keys()], live: [...b.keys()] });
      return out;
    }
    for (let i = 0; i < Math.max(desired.length, live.length); i++) diff(desired[i], live[i], [...path, i], out);
    return out;
  }
  if (desired === live) return out;
  if (inResources(path) && sameQuantity(desired, live)) return out;
  // The API server reads an int-or-string port/percentage; "8080" and 8080 are the same value.
  if ((typeof desired === 'number' && typeof live === 'string') || (typeof desired === 'string' && typeof live === 'number')) {
    if (String(desired) === String(live)) return out;
  }
  out.push({ path, kind: 'changed', desired, live });
  return out;
}
