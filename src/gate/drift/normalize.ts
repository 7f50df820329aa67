/**
 * What the server adds to an object that is not drift: `status`, `managedFields` and the other
 * server-owned metadata, annotations and labels written by kubectl and controllers, and fields
 * the API server assigns (a Service's clusterIP). Removed from both sides before comparing.
 */
import { isObject } from '../manifests/json.ts';
import type { JsonObject } from '../manifests/model.ts';

export const SERVER_METADATA = ['managedFields', 'resourceVersion', 'uid', 'creationTimestamp', 'generation', 'selfLink', 'deletionTimestamp', 'deletionGracePeriodSeconds'] as const;

/** Annotation keys (exact, or a prefix ending in '/') that controllers and kubectl write. */
export const SERVER_ANNOTATIONS = ['kubectl.kubernetes.io/last-applied-configuration', 'deployment.kubernetes.io/', 'rollout.argoproj.io/', 'autoscaling.alpha.kubernetes.io/', 'control-plane.alpha.kubernetes.io/', 'endpoints.kubernetes.io/', 'argocd.argoproj.io/tracking-id'];

/** Labels the server sets (the namespace name label, a Rollout's pod-template hash). */
export const SERVER_LABELS = ['kubernetes.io/metadata.name', 'rollouts-pod-template-hash', 'pod-template-hash', 'controller-uid', 'batch.kubernetes.io/controller-uid', 'batch.kubernetes.io/job-name', 'job-name'];

/** Spec fields the API server assigns when the manifest leaves them out. */
const ASSIGNED: Record<string, string[]> = {
  Service: ['clusterIP', 'clusterIPs', 'ipFamilies', 'healthCheckNodePort'],
  Pod: ['nodeName', 'serviceAccount'],
  Job: ['selector'],
  Namespace: ['finalizers'],
};

const isServerKey = (list: readonly string[], key: string): boolean => list.some((p) => (p.endsWith('/') ? key.startsWith(p) : key === p));

function strip(map: unknown, list: readonly string[]): void {
  if (!isObject(map)) return;
  for (const k of Object.keys(map)) if (isServerKey(list, k)) delete map[k];
}

function dropEmpty(o: JsonObject, key: string): void {
  const v = o[key];
  if (isObject(v) && Object.keys(v).length === 0) delete o[key];
}

/** kubectl shows `creationTimestamp: null` in every pod template's metadata. */
function dropNullTimestamps(node: unknown): void {
  if (Array.isArray(node)) for (const item of node) dropNullTimestamps(item);
  else if (isObject(node)) {
    if (node.creationTimestamp === null) delete node.creationTimestamp;
    for (const v of Object.values(node)) dropNullTimestamps(v);
  }
}

/** A copy of `live` without server-owned fields; fields that `desired` leaves out and the server assigns are dropped too. */
export function normalizeLive(live: JsonObject, desired: JsonObject | undefined): JsonObject {
  const copy = structuredClone(live);
  delete copy.status;
  dropNullTimestamps(copy);
  const meta = copy.metadata;
  if (isObject(meta)) {
    for (const k of SERVER_METADATA) delete meta[k];
    strip(meta.annotations, SERVER_ANNOTATIONS);
    strip(meta.labels, SERVER_LABELS);
    dropEmpty(meta, 'annotations');
    dropEmpty(meta, 'labels');
    // A Deployment that a Rollout adopted keeps an owner reference the manifest never had.
    if (!isObject(desired?.metadata) || desired.metadata.ownerReferences === undefined) delete meta.ownerReferences;
  }
  const assigned = ASSIGNED[typeof copy.kind === 'string' ? copy.kind : ''] ?? [];
  const desiredSpec = isObject(desired?.spec) ? desired.spec : {};
  if (isObject(copy.spec)) for (const f of assigned) if (desiredSpec[f] === undefined) delete copy.spec[f];
  if (desired && desired.spec === undefined) dropEmpty(copy, 'spec');
  return copy;
}

/** The desired object as it will be compared: without a namespace-less default or empty maps the server drops. */
export function normalizeDesired(desired: JsonObject): JsonObject {
  const copy = structuredClone(desired);
  const meta = copy.metadata;
  if (isObject(meta)) {
    strip(meta.annotations, ['kubectl.kubernetes.io/last-applied-configuration']);
    dropEmpty(meta, 'annotations');
    dropEmpty(meta, 'labels');
  }
  return copy;
}
