/**
 * The defaults the API server fills in (Kubernetes API reference, and Argo Rollouts' for Rollout),
 * applied to the desired manifests so that a live object read back from the cluster compares equal
 * to its source. One table of defaults per kind; pod template and container defaults are shared.
 */
import { isObject } from '../manifests/json.ts';
import { groupOf, kindInfo } from '../manifests/kinds.ts';
import { parseImageRef } from '../manifests/image-ref.ts';
import type { Json, JsonObject } from '../manifests/model.ts';

type Defaults = { [key: string]: Json | Defaults };

/** Fills `target` with `defaults` where a key is absent; nested maps are filled when present or created. */
function fill(target: JsonObject, defaults: Defaults): void {
  for (const [k, v] of Object.entries(defaults)) {
    if (isObject(v) && !Array.isArray(v)) {
      if (target[k] === undefined) target[k] = {};
      if (isObject(target[k])) fill(target[k] as JsonObject, v as Defaults);
    } else if (target[k] === undefined) target[k] = v as Json;
  }
}

const PROBE: Defaults = { timeoutSeconds: 1, periodSeconds: 10, successThreshold: 1, failureThreshold: 3 };

function defaultProbe(probe: Json | undefined): void {
  if (!isObject(probe)) return;
  fill(probe, PROBE);
  if (isObject(probe.httpGet)) fill(probe.httpGet, { scheme: 'HTTP' });
}

function defaultPorts(ports: Json | undefined, targetPort = false): void {
  if (!Array.isArray(ports)) return;
  for (const p of ports) {
    if (!isObject(p)) continue;
    fill(p, { protocol: 'TCP' });
    if (targetPort && p.targetPort === undefined && p.port !== undefined) p.targetPort = p.port;
  }
}

function defaultContainer(c: Json): void {
  if (!isObject(c)) return;
  const ref = typeof c.image === 'string' ? parseImageRef(c.image) : undefined;
  fill(c, {
    terminationMessagePath: '/dev/termination-log',
    terminationMessagePolicy: 'File',
    imagePullPolicy: ref && ref.digest === undefined && (ref.tag === undefined || ref.tag === 'latest') ? 'Always' : 'IfNotPresent',
    resources: {},
  });
  defaultPorts(c.ports);
  for (const p of ['readinessProbe', 'livenessProbe', 'startupProbe']) defaultProbe(c[p]);
  if (Array.isArray(c.env)) for (const e of c.env) if (isObject(e) && isObject(e.valueFrom) && isObject(e.valueFrom.fieldRef)) fill(e.valueFrom.fieldRef, { apiVersion: 'v1' });
}

export function defaultPodSpec(spec: Json | undefined, restartPolicy: string | null = 'Always'): void {
  if (!isObject(spec)) return;
  fill(spec, { dnsPolicy: 'ClusterFirst', schedulerName: 'default-scheduler', securityContext: {}, terminationGracePeriodSeconds: 30, ...(restartPolicy ? { restartPolicy } : {}) });
  for (const field of ['initContainers', 'containers', 'ephemeralContainers']) if (Array.isArray(spec[field])) for (const c of spec[field]) defaultContainer(c);
  if (Array.isArray(spec.volumes)) {
    for (const v of spec.volumes) {
      if (!isObject(v)) continue;
      for (const src of ['configMap', 'secret']) if (isObject(v[src])) fill(v[src], { defaultMode: 420 });
      if (isObject(v.hostPath)) fill(v.hostPath, { type: '' });
    }
  }
}

const BY_KIND: Record<string, (o: JsonObject) => void> = {
  Deployment: (o) => fill(o, { spec: { replicas: 1, revisionHistoryLimit: 10, progressDeadlineSeconds: 600, strategy: isObject(o.spec) && isObject(o.spec.strategy) && o.spec.strategy.type === 'Recreate' ? {} : { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } } } }),
  StatefulSet: (o) => fill(o, { spec: { replicas: 1, podManagementPolicy: 'OrderedReady', revisionHistoryLimit: 10, updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 0 } }, persistentVolumeClaimRetentionPolicy: { whenDeleted: 'Retain', whenScaled: 'Retain' } } }),
  DaemonSet: (o) => fill(o, { spec: { revisionHistoryLimit: 10, updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1, maxSurge: 0 } } } }),
  ReplicaSet: (o) => fill(o, { spec: { replicas: 1 } }),
  Job: (o) => fill(o, { spec: { backoffLimit: 6, completions: 1, parallelism: 1, completionMode: 'NonIndexed', suspend: false, podReplacementPolicy: 'TerminatingOrFailed', manualSelector: false } }),
  CronJob: (o) => fill(o, { spec: { concurrencyPolicy: 'Allow', suspend: false, successfulJobsHistoryLimit: 3, failedJobsHistoryLimit: 1 } }),
  Rollout: (o) => fill(o, { spec: { revisionHistoryLimit: 10, progressDeadlineSeconds: 600 } }),
  Service: (o) => {
    fill(o, { spec: { type: 'ClusterIP', sessionAffinity: 'None', internalTrafficPolicy: 'Cluster', ipFamilyPolicy: 'SingleStack' } });
    if (isObject(o.spec)) defaultPorts(o.spec.ports, true);
  },
  NetworkPolicy: (o) => {
    if (!isObject(o.spec)) return;
    if (o.spec.policyTypes === undefined) o.spec.policyTypes = o.spec.egress !== undefined ? ['Ingress', 'Egress'] : ['Ingress'];
    for (const dir of ['ingress', 'egress']) if (Array.isArray(o.spec[dir])) for (const rule of o.spec[dir]) if (isObject(rule)) defaultPorts(rule.ports);
  },
};

/** A copy of `object` with the server's defaults filled in. */
export function withDefaults(object: JsonObject): JsonObject {
  const copy = structuredClone(object);
  const kind = typeof copy.kind === 'string' ? copy.kind : '';
  const apiVersion = typeof copy.apiVersion === 'string' ? copy.apiVersion : '';
  const info = kindInfo(apiVersion, kind);
  if (!info && groupOf(apiVersion) !== '') return copy;
  BY_KIND[kind]?.(copy);
  if (info?.podSpec) {
    let node: Json | undefined = copy;
    for (const seg of info.podSpec) node = isObject(node) ? node[seg as string] : undefined;
    defaultPodSpec(node, info.batch ? null : 'Always');
  }
  if (kind === 'CronJob' && isObject(copy.spec) && isObject(copy.spec.jobTemplate)) BY_KIND.Job!(copy.spec.jobTemplate as JsonObject);
  return copy;
}
