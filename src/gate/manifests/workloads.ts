/**
 * Objects that run pods, with their pod template: from the kind table, through a CronJob's job
 * template, and for an Argo Rollout with `spec.workloadRef` from the Deployment it names (Argo
 * Rollouts "Workload Referencing"). Init and ephemeral containers are containers too.
 */
import { kindInfo } from './kinds.ts';
import { arr, isObject, num, obj, str, stringMap } from './json.ts';
import type { ContainerKind, ContainerView, FieldPath, JsonObject, K8sObject, Workload } from './model.ts';

const CONTAINER_FIELDS: ReadonlyArray<[string, ContainerKind]> = [
  ['initContainers', 'initContainer'],
  ['containers', 'container'],
  ['ephemeralContainers', 'ephemeralContainer'],
];

export function containersOf(podSpec: JsonObject, podSpecPath: FieldPath): ContainerView[] {
  const out: ContainerView[] = [];
  for (const [field, kind] of CONTAINER_FIELDS) {
    arr(podSpec, [field]).forEach((c, i) => {
      if (!isObject(c)) return;
      out.push({ kind, name: str(c, ['name']) ?? `${field}[${i}]`, body: c, path: [...podSpecPath, field, i], sidecar: kind === 'initContainer' && str(c, ['restartPolicy']) === 'Always' });
    });
  }
  return out;
}

/** The Deployment (or other template owner) a Rollout's workloadRef names, in the same namespace. */
export function workloadRefTarget(rollout: K8sObject, objects: readonly K8sObject[]): { ref: string; target: K8sObject | undefined } | undefined {
  const ref = obj(rollout.body, ['spec', 'workloadRef']);
  if (!ref) return undefined;
  const kind = str(ref, ['kind']) ?? 'Deployment';
  const name = str(ref, ['name']) ?? '';
  const target = objects.find((o) => o.kind === kind && o.name === name && o.namespace === rollout.namespace && kindInfo(o.apiVersion, o.kind)?.podSpec);
  return { ref: `${kind}/${rollout.namespace}/${name}`, target };
}

function workloadOf(object: K8sObject, templateOwner: K8sObject, podSpecPath: FieldPath, batch: boolean): Workload | undefined {
  const podSpec = obj(templateOwner.body, podSpecPath);
  if (!podSpec) return undefined;
  const templateLabels = podSpecPath.length > 1 ? [...podSpecPath.slice(0, -1), 'metadata', 'labels'] : ['metadata', 'labels'];
  return {
    object,
    templateOwner,
    podSpecPath,
    podSpec,
    podLabels: stringMap(templateOwner.body, templateLabels),
    batch,
    windows: str(podSpec, ['os', 'name']) === 'windows',
    containers: containersOf(podSpec, podSpecPath),
    replicas: num(object.body, ['spec', 'replicas']),
  };
}

/**
 * Every workload in the set. A Deployment that a Rollout's workloadRef names is the Rollout's
 * template, not a workload of its own (it is usually scaled to zero), so it is checked once, as
 * the Rollout, with findings pointing into the Deployment's file.
 */
export function workloadsOf(objects: readonly K8sObject[]): Workload[] {
  const referenced = new Set<K8sObject>();
  const rollouts: Workload[] = [];
  for (const o of objects) {
    if (o.kind !== 'Rollout' || kindInfo(o.apiVersion, o.kind) === undefined) continue;
    const ref = workloadRefTarget(o, objects);
    if (!ref) continue;
    if (!ref.target) continue;
    referenced.add(ref.target);
    const path = kindInfo(ref.target.apiVersion, ref.target.kind)?.podSpec ?? [];
    const w = workloadOf(o, ref.target, path, false);
    if (w) rollouts.push(w);
  }
  const out: Workload[] = [];
  for (const o of objects) {
    const info = kindInfo(o.apiVersion, o.kind);
    if (!info?.podSpec || referenced.has(o)) continue;
    if (o.kind === 'Rollout' && obj(o.body, ['spec', 'workloadRef'])) {
      const w = rollouts.find((r) => r.object === o);
      if (w) out.push(w);
      continue;
    }
    const w = workloadOf(o, o, info.podSpec, Boolean(info.batch));
    if (w) out.push(w);
  }
  return out;
}
