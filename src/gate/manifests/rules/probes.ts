/** Shared by the probe rules: which containers serve (app containers and sidecars of serving workloads). */
import type { ContainerView, Workload } from '../model.ts';

export function servingContainers(w: Workload): ContainerView[] {
  if (w.batch) return [];
  return w.containers.filter((c) => c.kind === 'container' || c.sidecar);
}
