/**
 * The one table of Kubernetes kinds the gate knows: which groups serve them, where their pod spec
 * is, and whether they run to completion or keep replicas. Everything about kinds derives from it.
 */
import type { FieldPath } from './model.ts';

export interface KindInfo {
  kind: string;
  /** API groups serving the kind ('' is the core group). */
  groups: readonly string[];
  /** Path of the pod spec in the object, when the kind runs pods. */
  podSpec?: FieldPath;
  /** Runs to completion (Job, CronJob). */
  batch?: boolean;
  /** Has spec.replicas. */
  replicated?: boolean;
}

const TEMPLATE: FieldPath = ['spec', 'template', 'spec'];

export const KINDS: readonly KindInfo[] = [
  { kind: 'Pod', groups: [''], podSpec: ['spec'] },
  { kind: 'PodTemplate', groups: [''], podSpec: ['template', 'spec'] },
  { kind: 'ReplicationController', groups: [''], podSpec: TEMPLATE, replicated: true },
  { kind: 'Deployment', groups: ['apps', 'extensions'], podSpec: TEMPLATE, replicated: true },
  { kind: 'StatefulSet', groups: ['apps'], podSpec: TEMPLATE, replicated: true },
  { kind: 'DaemonSet', groups: ['apps', 'extensions'], podSpec: TEMPLATE },
  { kind: 'ReplicaSet', groups: ['apps', 'extensions'], podSpec: TEMPLATE, replicated: true },
  { kind: 'Job', groups: ['batch'], podSpec: TEMPLATE, batch: true },
  { kind: 'CronJob', groups: ['batch'], podSpec: ['spec', 'jobTemplate', 'spec', 'template', 'spec'], batch: true },
  // A Rollout with spec.workloadRef has no template of its own: workloads.ts resolves it.
  { kind: 'Rollout', groups: ['argoproj.io'], podSpec: TEMPLATE, replicated: true },
  { kind: 'AnalysisTemplate', groups: ['argoproj.io'] },
  { kind: 'ClusterAnalysisTemplate', groups: ['argoproj.io'] },
  { kind: 'AnalysisRun', groups: ['argoproj.io'] },
  { kind: 'Experiment', groups: ['argoproj.io'] },
  ...['Service', 'ConfigMap', 'Secret', 'ServiceAccount', 'Namespace', 'PersistentVolumeClaim', 'PersistentVolume', 'Endpoints', 'LimitRange', 'ResourceQuota', 'Node', 'Event', 'Binding', 'ComponentStatus'].map(
    (kind) => ({ kind, groups: [''] }),
  ),
  { kind: 'PodDisruptionBudget', groups: ['policy'] },
  { kind: 'HorizontalPodAutoscaler', groups: ['autoscaling'] },
  { kind: 'ControllerRevision', groups: ['apps'] },
  ...['NetworkPolicy', 'Ingress', 'IngressClass'].map((kind) => ({ kind, groups: ['networking.k8s.io'] })),
  ...['Role', 'RoleBinding', 'ClusterRole', 'ClusterRoleBinding'].map((kind) => ({ kind, groups: ['rbac.authorization.k8s.io'] })),
  { kind: 'StorageClass', groups: ['storage.k8s.io'] },
  { kind: 'PriorityClass', groups: ['scheduling.k8s.io'] },
  { kind: 'CustomResourceDefinition', groups: ['apiextensions.k8s.io'] },
  { kind: 'ValidatingWebhookConfiguration', groups: ['admissionregistration.k8s.io'] },
  { kind: 'MutatingWebhookConfiguration', groups: ['admissionregistration.k8s.io'] },
  { kind: 'Lease', groups: ['coordination.k8s.io'] },
];

/** The group of an apiVersion: 'apps' for apps/v1, '' for v1. */
export function groupOf(apiVersion: string): string {
  const slash = apiVersion.indexOf('/');
  return slash < 0 ? '' : apiVersion.slice(0, slash);
}

/** Groups whose kinds this table lists completely: an unlisted kind there is a typo, not a custom resource. */
export const BUILT_IN_GROUPS: ReadonlySet<string> = new Set(['', 'apps', 'batch', 'policy', 'networking.k8s.io', 'rbac.authorization.k8s.io', 'autoscaling']);

export function kindInfo(apiVersion: string, kind: string): KindInfo | undefined {
  const group = groupOf(apiVersion);
  return KINDS.find((k) => k.kind === kind && k.groups.includes(group));
}
