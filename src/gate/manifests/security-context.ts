/**
 * The effective security context of a container (Kubernetes API reference, PodSecurityContext /
 * SecurityContext): a field set on the container wins over the same field on the pod; fields that
 * exist only on the container (privileged, allowPrivilegeEscalation, readOnlyRootFilesystem,
 * capabilities) are read there only. Each value comes with the path it was read from, so a
 * finding can point at it — or at where it is missing.
 */
import { get } from './json.ts';
import type { ContainerView, FieldPath, Json, Workload } from './model.ts';

export interface Effective<T> {
  value: T | undefined;
  /** Where the value was set, or (when unset) where it belongs on the container. */
  path: FieldPath;
  level: 'container' | 'pod' | 'unset';
}

/** Fields of PodSecurityContext that a container's SecurityContext overrides. */
const POD_LEVEL = new Set(['runAsNonRoot', 'runAsUser', 'runAsGroup', 'seccompProfile', 'seLinuxOptions', 'appArmorProfile', 'windowsOptions']);

export function effective<T extends Json>(w: Workload, c: ContainerView, field: string, is: (v: Json) => v is T): Effective<T> {
  const containerPath = [...c.path, 'securityContext', field];
  const own = get(c.body, ['securityContext', field]);
  if (own !== undefined && own !== null && is(own)) return { value: own, path: containerPath, level: 'container' };
  if (POD_LEVEL.has(field)) {
    const podPath = [...w.podSpecPath, 'securityContext', field];
    const pod = get(w.podSpec, ['securityContext', field]);
    if (pod !== undefined && pod !== null && is(pod)) return { value: pod, path: podPath, level: 'pod' };
  }
  return { value: undefined, path: get(c.body, ['securityContext']) === undefined ? c.path : [...c.path, 'securityContext'], level: 'unset' };
}

export const isBool = (v: Json): v is boolean => typeof v === 'boolean';
export const isNum = (v: Json): v is number => typeof v === 'number';
export const isStr = (v: Json): v is string => typeof v === 'string';

/** A capability name as the runtime reads it: upper case, without the CAP_ prefix. */
export function capabilityName(name: string): string {
  const upper = name.toUpperCase();
  return upper.startsWith('CAP_') ? upper.slice(4) : upper;
}

/** The Linux security rules apply to every container of a Linux pod; a Windows pod is skipped. */
export function linuxContainers(w: Workload): ContainerView[] {
  return w.windows ? [] : w.containers;
}

/** How a finding names a container: `container app` / `init container setup`. */
export function describeContainer(c: ContainerView): string {
  const kind = c.kind === 'initContainer' ? (c.sidecar ? 'sidecar container' : 'init container') : c.kind === 'ephemeralContainer' ? 'ephemeral container' : 'container';
  return `${kind} ${c.name}`;
}
