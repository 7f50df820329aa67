/** Every gate rule, in report order. A rule id never changes once released: ignores and SARIF baselines name it. */
import type { GateRule } from '../model.ts';
import { analysisTemplate } from './analysis-template.ts';
import { dropCapabilities } from './drop-capabilities.ts';
import { imageBuiltByGocross } from './image-built-by-gocross.ts';
import { imageDigest } from './image-digest.ts';
import { knownKind } from './known-kind.ts';
import { livenessProbe } from './liveness-probe.ts';
import { memoryLimit } from './memory-limit.ts';
import { minReplicas } from './min-replicas.ts';
import { networkPolicy } from './network-policy.ts';
import { noDangerousCapabilities } from './no-dangerous-capabilities.ts';
import { noHostNamespaces } from './no-host-namespaces.ts';
import { noPrivilegeEscalation } from './no-privilege-escalation.ts';
import { noPrivileged } from './no-privileged.ts';
import { noSensitiveHostPath } from './no-sensitive-host-path.ts';
import { podAntiAffinity } from './pod-anti-affinity.ts';
import { podDisruptionBudget } from './pod-disruption-budget.ts';
import { probePaths } from './probe-paths.ts';
import { readOnlyRootFilesystem } from './read-only-root-filesystem.ts';
import { readinessProbe } from './readiness-probe.ts';
import { resourceRequests } from './resource-requests.ts';
import { rolloutReferences } from './rollout-references.ts';
import { runAsNonRoot } from './run-as-non-root.ts';
import { seccompProfile } from './seccomp-profile.ts';
import { serviceType } from './service-type.ts';

export const RULES: readonly GateRule[] = [
  knownKind,
  runAsNonRoot,
  noPrivilegeEscalation,
  noPrivileged,
  readOnlyRootFilesystem,
  dropCapabilities,
  noDangerousCapabilities,
  seccompProfile,
  noHostNamespaces,
  noSensitiveHostPath,
  resourceRequests,
  memoryLimit,
  readinessProbe,
  livenessProbe,
  probePaths,
  minReplicas,
  podDisruptionBudget,
  podAntiAffinity,
  imageDigest,
  imageBuiltByGocross,
  serviceType,
  networkPolicy,
  rolloutReferences,
  analysisTemplate,
];

export function ruleById(id: string): GateRule | undefined {
  return RULES.find((r) => r.id === id);
}
