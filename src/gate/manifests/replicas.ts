/** The replicas a workload really runs with: an HPA's minReplicas when one targets it, else spec.replicas (default 1). */
import { kindInfo } from './kinds.ts';
import { num, str } from './json.ts';
import type { K8sObject, Workload } from './model.ts';

export function isReplicated(w: Workload): boolean {
  return Boolean(kindInfo(w.object.apiVersion, w.object.kind)?.replicated);
}

export function hpaFor(w: Workload, objects: readonly K8sObject[]): K8sObject | undefined {
  return objects.find(
    (o) => o.kind === 'HorizontalPodAutoscaler' && o.namespace === w.object.namespace && str(o.body, ['spec', 'scaleTargetRef', 'kind']) === w.object.kind && str(o.body, ['spec', 'scaleTargetRef', 'name']) === w.object.name,
  );
}

export function effectiveReplicas(w: Workload, objects: readonly K8sObject[]): { replicas: number; from: 'hpa' | 'spec' | 'default' } {
  const hpa = hpaFor(w, objects);
  if (hpa) return { replicas: num(hpa.body, ['spec', 'minReplicas']) ?? 1, from: 'hpa' };
  return w.replicas === undefined ? { replicas: 1, from: 'default' } : { replicas: w.replicas, from: 'spec' };
}
