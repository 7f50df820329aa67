/**
 * Desired manifests against live objects, pure: each desired object is matched to its live twin
 * by apiVersion group, kind, namespace and name; both sides are defaulted and normalised; what
 * remains is drift. Live objects that no manifest names are not drift (a cluster holds more).
 */
import { groupOf } from '../manifests/kinds.ts';
import { objectRef, type K8sObject } from '../manifests/model.ts';
import { withDefaults } from './defaults.ts';
import { diff, type Change } from './diff.ts';
import { normalizeDesired, normalizeLive } from './normalize.ts';

export const DRIFT_SCHEMA_VERSION = 1;

export interface ObjectDrift {
  object: string;
  status: 'same' | 'drift' | 'missing';
  changes: Change[];
  /** Where the desired object is written. */
  file: string;
}

export interface DriftReport {
  schemaVersion: number;
  /** True when every desired object is live and the same. */
  same: boolean;
  objects: ObjectDrift[];
}

const key = (o: K8sObject, namespace?: string): string => `${groupOf(o.apiVersion)}|${o.kind}|${namespace ?? o.namespace}|${o.name}`;

/** `namespace` is the namespace of desired objects that name none (kubectl's -n). */
export function compareObjects(desired: readonly K8sObject[], live: readonly K8sObject[], options: { namespace?: string } = {}): DriftReport {
  const byKey = new Map(live.map((o) => [key(o), o]));
  const objects = desired.map((d): ObjectDrift => {
    const explicit = typeof (d.body.metadata as { namespace?: unknown } | undefined)?.namespace === 'string';
    const ns = explicit ? d.namespace : (options.namespace ?? d.namespace);
    const twin = byKey.get(key(d, ns));
    const ref = objectRef({ ...d, namespace: ns });
    if (!twin) return { object: ref, status: 'missing', changes: [], file: d.file };
    const want = withDefaults(normalizeDesired(d.body));
    const liveNamespace = (twin.body.metadata as { namespace?: unknown } | undefined)?.namespace;
    if (!explicit && typeof liveNamespace === 'string' && typeof want.metadata === 'object' && want.metadata !== null && !Array.isArray(want.metadata)) want.metadata.namespace = liveNamespace;
    const have = withDefaults(normalizeLive(twin.body, want));
    const changes = diff(want, have);
    return { object: ref, status: changes.length ? 'drift' : 'same', changes, file: d.file };
  });
  return { schemaVersion: DRIFT_SCHEMA_VERSION, same: objects.every((o) => o.status === 'same'), objects };
}
