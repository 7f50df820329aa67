/** Building findings that point into a workload's pod template (which may live in another object). */
import type { Status } from '../../../core/check.ts';
import { objectRef, type ContainerView, type FieldPath, type GateFinding, type K8sObject, type Workload } from '../model.ts';

export function workloadFinding(w: Workload, status: Status, message: string, path: FieldPath, c?: ContainerView): GateFinding {
  const via = w.templateOwner === w.object ? '' : ` (pod template from ${objectRef(w.templateOwner)})`;
  return { status, message: `${message}${via}`, subject: objectRef(w.object), object: w.templateOwner.index, path, ...(c ? { container: c.name } : {}) };
}

export function objectFinding(o: K8sObject, status: Status, message: string, path: FieldPath): GateFinding {
  return { status, message, subject: objectRef(o), object: o.index, path };
}
