/**
 * The facts `gocross gate manifests` decides on, and what its checks return. Objects come from
 * parsed YAML documents; each keeps where it came from so a finding can point at file:line:column.
 */
import type { Check, Finding, Status } from '../../core/check.ts';

/** A path into one Kubernetes object, as the API spells it: ['spec', 'template', 'spec', 'containers', 0, 'image']. */
export type FieldPath = readonly (string | number)[];

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

/** One Kubernetes object from one YAML document. */
export interface K8sObject {
  /** Index into GateFacts.objects. */
  index: number;
  file: string;
  /** 0-based document number in the file. */
  document: number;
  /** Where the object sits in its document: [] or ['items', n] inside a `kind: List`. */
  basePath: FieldPath;
  apiVersion: string;
  kind: string;
  name: string;
  namespace: string;
  body: JsonObject;
}

/** `Kind/namespace/name`: how findings, ignores and drift name an object. */
export function objectRef(o: Pick<K8sObject, 'kind' | 'namespace' | 'name'>): string {
  return `${o.kind}/${o.namespace}/${o.name}`;
}

export type ContainerKind = 'container' | 'initContainer' | 'ephemeralContainer';

/** One container of a pod template, with the pod it runs in. */
export interface ContainerView {
  kind: ContainerKind;
  name: string;
  body: JsonObject;
  /** Where the container is in its object (the template may live in another object, see Workload). */
  path: FieldPath;
  /** An init container with restartPolicy Always runs beside the app containers (a sidecar). */
  sidecar: boolean;
}

/** An object that runs pods, with its pod template resolved (a Rollout's workloadRef included). */
export interface Workload {
  object: K8sObject;
  /** The object whose body holds the pod template: the workload itself, or the Deployment a Rollout's workloadRef names. */
  templateOwner: K8sObject;
  /** Path of the pod spec in templateOwner.body. */
  podSpecPath: FieldPath;
  podSpec: JsonObject;
  /** Labels of the pods (template metadata.labels). */
  podLabels: Record<string, string>;
  /** Runs to completion (Job, CronJob) rather than serving. */
  batch: boolean;
  /** Windows pods: the Linux security context fields do not apply. */
  windows: boolean;
  containers: ContainerView[];
  /** spec.replicas as written; undefined when absent (the API default is 1). */
  replicas: number | undefined;
}

/** An image gocross built, for one platform, with the SBOMs attached to it. */
export interface BuiltImage {
  /** os/architecture[/variant], e.g. linux/arm64/v8. */
  platform: string;
  digest: string;
  /** SBOM artifacts whose subject is this image, and whether their document is present. */
  sboms: Array<{ artifactType: string; subject: string; present: boolean; where: string }>;
}

/** What gocross built: the index digest(s) and per-platform images (see built-images.ts). */
export interface BuiltImages {
  /** Where these facts came from (the manifest or the OCI index file). */
  source: string;
  indexDigests: string[];
  images: BuiltImage[];
  /** Repositories the images were pushed to, when recorded; images of other repositories are not ours. */
  repositories: string[];
}

export interface GateFacts {
  objects: K8sObject[];
  workloads: Workload[];
  /** Present when --manifest or --image-index was given. */
  built?: BuiltImages;
  /** HTTP paths the service serves, when verify knows them (health and smoke paths). */
  servicePaths?: string[];
}

/** A finding that knows which object and field it is about. */
export interface GateFinding extends Finding {
  /** Index of the object (GateFacts.objects) whose field is at fault. */
  object?: number;
  /** The field, in that object. */
  path?: FieldPath;
  container?: string;
}

export type Category = 'security' | 'reliability' | 'supply-chain' | 'networking' | 'rollouts';

/** A gate rule: a Check over the gate facts whose findings point at fields. */
export interface GateRule extends Check<GateFacts> {
  category: Category;
  /** What to do, shown with every warn/fail of the rule (a finding may say more). */
  fix: string;
  /** Equivalent rule ids in other tools, for the documentation. */
  crosswalk: { kubeScore?: string; kubeLinter?: string; polaris?: string; checkov?: string };
  evaluate(facts: GateFacts): GateFinding[];
}

export interface Location {
  file: string;
  line: number;
  column: number;
}

export interface Ignore {
  rule: string;
  reason: string;
  /** 'config' (file:line) or 'annotation' (the object). */
  source: string;
}

/** One finding in the report: the rule, the verdict, where. */
export interface ReportFinding {
  rule: string;
  status: Status;
  message: string;
  fix?: string;
  object?: string;
  container?: string;
  location?: Location;
  /** Set when an ignore with a reason silenced it: the finding stays in the report, status info. */
  ignored?: Ignore;
}
