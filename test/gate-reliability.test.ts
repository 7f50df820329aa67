/**
 * Reliability and networking rules, table-driven (kube-score container-resources, pod-probes,
 * deployment-replicas, deployment-has-poddisruptionbudget, deployment-pod-anti-affinity,
 * pod-networkpolicy, service-type; kube-linter no-readiness-probe, no-liveness-probe,
 * unset-*-requirements, no-anti-affinity, non-isolated-pod, exposed-services; Polaris
 * *ProbeMissing, *RequestsMissing, memoryLimitsMissing, missingPodDisruptionBudget; Checkov
 * CKV_K8S_8/9/10/12/13).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { GateRule } from '../src/gate/manifests/model.ts';
import { livenessProbe } from '../src/gate/manifests/rules/liveness-probe.ts';
import { memoryLimit } from '../src/gate/manifests/rules/memory-limit.ts';
import { minReplicas } from '../src/gate/manifests/rules/min-replicas.ts';
import { networkPolicy } from '../src/gate/manifests/rules/network-policy.ts';
import { podAntiAffinity } from '../src/gate/manifests/rules/pod-anti-affinity.ts';
import { podDisruptionBudget } from '../src/gate/manifests/rules/pod-disruption-budget.ts';
import { probePaths } from '../src/gate/manifests/rules/probe-paths.ts';
import { readinessProbe } from '../src/gate/manifests/rules/readiness-probe.ts';
import { resourceRequests } from '../src/gate/manifests/rules/resource-requests.ts';
import { serviceType } from '../src/gate/manifests/rules/service-type.ts';
import { knownKind } from '../src/gate/manifests/rules/known-kind.ts';
import { selectorMatches } from '../src/gate/manifests/selectors.ts';
import { container, cronJob, deployment, LABELS, netpol, pdb, pod, podSpec, rollout, run, verdicts, type Case, type Obj } from './support/gate.ts';

function table(rule: GateRule, cases: Case[]): void {
  for (const c of cases) {
    test(`${rule.id}: ${c.name} → ${c.expect.length ? c.expect.join(', ') : 'pass'}`, () => assert.deepEqual(verdicts(run(rule, c.docs, c.options)), c.expect));
  }
}

const hpa = (min: number | undefined): Obj => ({ apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', metadata: { name: 'web', namespace: 'prod' }, spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' }, ...(min === undefined ? {} : { minReplicas: min }), maxReplicas: 10 } });
const daemonSet = (spec: Obj): Obj => ({ apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: { name: 'agent', namespace: 'prod' }, spec: { selector: { matchLabels: LABELS }, template: { metadata: { labels: LABELS }, spec } } });
const service = (spec: Obj): Obj => ({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'web', namespace: 'prod' }, spec: { selector: LABELS, ports: [{ port: 80 }], ...spec } });

table(resourceRequests, [
  { name: 'cpu and memory requested', docs: [deployment()], expect: [] },
  { name: 'no resources', docs: [deployment(podSpec({ containers: [container({ resources: undefined })] }))], expect: ['fail app'] },
  { name: 'memory only', docs: [deployment(podSpec({ containers: [container({ resources: { requests: { memory: '1Gi' } } })] }))], expect: ['fail app'] },
  { name: 'limits only (requests default to limits, but not written)', docs: [deployment(podSpec({ containers: [container({ resources: { limits: { cpu: '1', memory: '1Gi' } } })] }))], expect: ['fail app'] },
  { name: 'an init container without requests', docs: [deployment(podSpec({ initContainers: [container({ name: 'init', resources: {} })] }))], expect: ['fail init'] },
  { name: 'ephemeral containers cannot have resources', docs: [pod(podSpec({ ephemeralContainers: [{ name: 'debug', image: 'busybox' }] }))], expect: [] },
  { name: 'in a CronJob', docs: [cronJob(podSpec({ containers: [container({ resources: undefined })] }))], expect: ['fail app'] },
]);

table(memoryLimit, [
  { name: 'memory limit set (no CPU limit needed)', docs: [deployment()], expect: [] },
  { name: 'no limits', docs: [deployment(podSpec({ containers: [container({ resources: { requests: { cpu: '1', memory: '1Gi' } } })] }))], expect: ['warn app'] },
  { name: 'CPU limit only', docs: [deployment(podSpec({ containers: [container({ resources: { requests: { cpu: '1', memory: '1Gi' }, limits: { cpu: '1' } } })] }))], expect: ['warn app'] },
]);

table(readinessProbe, [
  { name: 'present', docs: [deployment()], expect: [] },
  { name: 'missing', docs: [deployment(podSpec({ containers: [container({ readinessProbe: undefined })] }))], expect: ['fail app'] },
  { name: 'Jobs and CronJobs do not need one', docs: [cronJob(podSpec({ containers: [container({ readinessProbe: undefined })] }))], expect: [] },
  { name: 'init containers do not need one', docs: [deployment(podSpec({ initContainers: [container({ name: 'init', readinessProbe: undefined })] }))], expect: [] },
  { name: 'a sidecar (init container with restartPolicy Always) does', docs: [deployment(podSpec({ initContainers: [container({ name: 'proxy', restartPolicy: 'Always', readinessProbe: undefined })] }))], expect: ['fail proxy'] },
  { name: 'a DaemonSet serves too', docs: [daemonSet(podSpec({ containers: [container({ readinessProbe: undefined })] }))], expect: ['fail app'] },
]);

table(livenessProbe, [
  { name: 'distinct liveness and readiness', docs: [deployment()], expect: [] },
  { name: 'missing', docs: [deployment(podSpec({ containers: [container({ livenessProbe: undefined })] }))], expect: ['warn app'] },
  { name: 'the same probe as readiness', docs: [deployment(podSpec({ containers: [container({ livenessProbe: { httpGet: { path: '/readyz', port: 8080 } } })] }))], expect: ['warn app'] },
  { name: 'Jobs do not need one', docs: [cronJob(podSpec({ containers: [container({ livenessProbe: undefined })] }))], expect: [] },
]);

table(probePaths, [
  { name: 'unknown service paths: nothing to compare', docs: [deployment()], expect: [] },
  { name: 'paths the service serves', docs: [deployment()], options: { servicePaths: ['/readyz', '/livez?verbose'] }, expect: [] },
  { name: 'a path it does not serve', docs: [deployment(podSpec({ containers: [container({ livenessProbe: { httpGet: { path: '/health', port: 8080 } } })] }))], options: { servicePaths: ['/readyz', '/livez'] }, expect: ['fail app'] },
]);

table(minReplicas, [
  { name: '3 replicas', docs: [deployment()], expect: [] },
  { name: 'replicas not set (default 1)', docs: [deployment(podSpec(), { replicas: undefined })], expect: ['warn'] },
  { name: '1 replica', docs: [deployment(podSpec(), { replicas: 1 })], expect: ['warn'] },
  { name: '1 replica but an HPA with minReplicas 2', docs: [deployment(podSpec(), { replicas: 1 }), hpa(2)], expect: [] },
  { name: 'an HPA without minReplicas (default 1)', docs: [deployment(), hpa(undefined)], expect: ['warn'] },
  { name: 'a Rollout with 1 replica', docs: [rollout(podSpec(), { replicas: 1 })], expect: ['warn'] },
  { name: 'DaemonSets, Jobs and Pods have no replicas to check', docs: [daemonSet(podSpec()), cronJob(), pod()], expect: [] },
]);

table(podDisruptionBudget, [
  { name: 'a PDB selecting the pods', docs: [deployment(), pdb()], expect: [] },
  { name: 'no PDB', docs: [deployment()], expect: ['warn'] },
  { name: 'a PDB in another namespace', docs: [deployment(), { ...pdb(), metadata: { name: 'web', namespace: 'other' } }], expect: ['warn'] },
  { name: 'a PDB selecting other pods', docs: [deployment(), { ...pdb(), spec: { selector: { matchLabels: { app: 'db' } }, maxUnavailable: 1 } }], expect: ['warn'] },
  { name: 'a PDB with matchExpressions In', docs: [deployment(), { ...pdb(), spec: { selector: { matchExpressions: [{ key: 'app', operator: 'In', values: ['web', 'api'] }] }, maxUnavailable: 1 } }], expect: [] },
  { name: 'maxUnavailable 0 blocks drains', docs: [deployment(), pdb({ maxUnavailable: 0 })], expect: ['warn'] },
  { name: 'minAvailable equal to replicas blocks drains', docs: [deployment(), pdb({ minAvailable: 3 })], expect: ['warn'] },
  { name: 'minAvailable 100% blocks drains', docs: [deployment(), pdb({ minAvailable: '100%' })], expect: ['warn'] },
  { name: 'minAvailable 2 of 3', docs: [deployment(), pdb({ minAvailable: 2 })], expect: [] },
  { name: 'a single replica is min-replicas business', docs: [deployment(podSpec(), { replicas: 1 })], expect: [] },
]);

table(podAntiAffinity, [
  { name: 'preferred anti-affinity on the hostname selecting its own pods', docs: [deployment()], expect: [] },
  { name: 'none', docs: [deployment(podSpec({ affinity: undefined }))], expect: ['warn'] },
  { name: 'a topologySpreadConstraint on the hostname', docs: [deployment(podSpec({ affinity: undefined, topologySpreadConstraints: [{ maxSkew: 1, topologyKey: 'kubernetes.io/hostname', whenUnsatisfiable: 'ScheduleAnyway', labelSelector: { matchLabels: LABELS } }] }))], expect: [] },
  { name: 'anti-affinity on a zone only', docs: [deployment(podSpec({ affinity: { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ topologyKey: 'topology.kubernetes.io/zone', labelSelector: { matchLabels: LABELS } }] } } }))], expect: ['warn'] },
  { name: 'anti-affinity selecting other pods', docs: [deployment(podSpec({ affinity: { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ topologyKey: 'kubernetes.io/hostname', labelSelector: { matchLabels: { app: 'db' } } }] } } }))], expect: ['warn'] },
  { name: 'one replica needs no spreading', docs: [deployment(podSpec({ affinity: undefined }), { replicas: 1 })], expect: [] },
]);

table(networkPolicy, [
  { name: 'a policy selecting the pods', docs: [deployment(), netpol()], expect: [] },
  { name: 'an empty podSelector selects every pod of the namespace', docs: [deployment(), netpol({})], expect: [] },
  { name: 'no policy', docs: [deployment()], expect: ['warn'] },
  { name: 'a policy for other pods', docs: [deployment(), netpol({ matchLabels: { app: 'db' } })], expect: ['warn'] },
  { name: 'batch workloads are left alone', docs: [cronJob()], expect: [] },
]);

table(serviceType, [
  { name: 'ClusterIP', docs: [service({ type: 'ClusterIP' })], expect: [] },
  { name: 'no type (ClusterIP)', docs: [service({})], expect: [] },
  { name: 'LoadBalancer is a note', docs: [service({ type: 'LoadBalancer' })], expect: [] },
  { name: 'NodePort', docs: [service({ type: 'NodePort' })], expect: ['warn'] },
  { name: 'externalIPs', docs: [service({ externalIPs: ['1.2.3.4'] })], expect: ['warn'] },
]);

table(knownKind, [
  { name: 'built-in kinds and custom resources', docs: [deployment(), { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w' } }, service({})], expect: [] },
  { name: 'a typo in apps/v1', docs: [{ ...deployment(), kind: 'Deploymnet' }], expect: ['fail'] },
  { name: 'a kind in the wrong group', docs: [{ ...deployment(), apiVersion: 'v1' }], expect: ['fail'] },
]);

test('selectorMatches() follows metav1.LabelSelector: all terms ANDed, unknown operators select nothing', () => {
  const labels = { app: 'web', tier: 'front' };
  assert.equal(selectorMatches({ matchLabels: { app: 'web' }, matchExpressions: [{ key: 'tier', operator: 'NotIn', values: ['back'] }] }, labels), true);
  assert.equal(selectorMatches({ matchExpressions: [{ key: 'track', operator: 'DoesNotExist' }] }, labels), true);
  assert.equal(selectorMatches({ matchExpressions: [{ key: 'track', operator: 'Exists' }] }, labels), false);
  assert.equal(selectorMatches({ matchExpressions: [{ key: 'app', operator: 'Like', values: ['web'] }] }, labels), false);
  assert.equal(selectorMatches({}, labels), true);
  assert.equal(selectorMatches(null, labels), false);
});
