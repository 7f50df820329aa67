/** Building manifests for gate rule tables: a baseline pod spec that passes every rule, and workloads around it. */
import { evaluateManifests, type GateOptions } from '../../src/gate/manifests/evaluate.ts';
import type { GateRule, ReportFinding } from '../../src/gate/manifests/model.ts';
import { parseManifestText } from '../../src/gate/manifests/parse.ts';

export type Obj = Record<string, unknown>;

export const DIGEST = `sha256:${'ab'.repeat(32)}`;
export const LABELS = { app: 'web' };

export function container(overrides: Obj = {}): Obj {
  return {
    name: 'app',
    image: `registry.example.com/web@${DIGEST}`,
    securityContext: { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'] } },
    resources: { requests: { cpu: '10m', memory: '16Mi' }, limits: { memory: '32Mi' } },
    readinessProbe: { httpGet: { path: '/readyz', port: 8080 } },
    livenessProbe: { httpGet: { path: '/livez', port: 8080 } },
    ...overrides,
  };
}

export function podSpec(overrides: Obj = {}): Obj {
  return {
    securityContext: { runAsNonRoot: true, runAsUser: 10001, seccompProfile: { type: 'RuntimeDefault' } },
    affinity: { podAntiAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 100, podAffinityTerm: { topologyKey: 'kubernetes.io/hostname', labelSelector: { matchLabels: LABELS } } }] } },
    containers: [container()],
    ...overrides,
  };
}

export function deployment(spec: Obj = podSpec(), extra: Obj = {}, name = 'web'): Obj {
  return { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name, namespace: 'prod' }, spec: { replicas: 3, selector: { matchLabels: LABELS }, template: { metadata: { labels: LABELS }, spec }, ...extra } };
}

export function pod(spec: Obj = podSpec(), name = 'web'): Obj {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'prod', labels: LABELS }, spec };
}

export function cronJob(spec: Obj = podSpec()): Obj {
  return { apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name: 'nightly', namespace: 'prod' }, spec: { schedule: '0 3 * * *', jobTemplate: { spec: { template: { metadata: { labels: LABELS }, spec: { restartPolicy: 'OnFailure', ...spec } } } } } };
}

export function rollout(spec: Obj | null = podSpec(), extra: Obj = {}): Obj {
  return { apiVersion: 'argoproj.io/v1alpha1', kind: 'Rollout', metadata: { name: 'web', namespace: 'prod' }, spec: { replicas: 3, selector: { matchLabels: LABELS }, ...(spec ? { template: { metadata: { labels: LABELS }, spec } } : {}), strategy: { canary: { steps: [{ setWeight: 50 }] } }, ...extra } };
}

export const pdb = (extra: Obj = { maxUnavailable: 1 }): Obj => ({ apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: { name: 'web', namespace: 'prod' }, spec: { selector: { matchLabels: LABELS }, ...extra } });
export const netpol = (selector: Obj = { matchLabels: LABELS }): Obj => ({ apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'web', namespace: 'prod' }, spec: { podSelector: selector, policyTypes: ['Ingress'] } });

/** Documents as one multi-document YAML file (JSON is YAML). */
export function yamlOf(docs: readonly Obj[]): string {
  return docs.map((d) => JSON.stringify(d, null, 2)).join('\n---\n');
}

export function run(rule: GateRule, docs: readonly Obj[] | string, options: GateOptions = {}): ReportFinding[] {
  const text = typeof docs === 'string' ? docs : yamlOf(docs);
  return evaluateManifests([parseManifestText(text, 'm.yaml')], { rules: [rule], ...options }).findings;
}

/** The statuses of the warn/fail findings, in order: the shape every table compares. */
export function verdicts(findings: readonly ReportFinding[]): string[] {
  return findings.filter((f) => f.status === 'warn' || f.status === 'fail').map((f) => `${f.status}${f.container ? ` ${f.container}` : ''}`);
}

export interface Case {
  name: string;
  docs: Obj[] | string;
  /** `fail app`, `warn`, … in order; [] for a pass. */
  expect: string[];
  options?: GateOptions;
}
