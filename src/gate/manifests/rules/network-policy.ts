/** Every serving workload's pods are selected by a NetworkPolicy in their namespace (otherwise all traffic is allowed). */
import type { GateRule } from '../model.ts';
import { get } from '../json.ts';
import { selectorMatches } from '../selectors.ts';
import { objectFinding } from './finding.ts';

export const networkPolicy: GateRule = {
  id: 'network-policy',
  category: 'networking',
  severity: 'warn',
  title: 'Pods are selected by a NetworkPolicy',
  fix: 'add a networking.k8s.io/v1 NetworkPolicy whose podSelector matches the pods and allows only the traffic they need',
  crosswalk: { kubeScore: 'pod-networkpolicy', kubeLinter: 'non-isolated-pod' },
  evaluate: (facts) =>
    facts.workloads
      .filter((w) => !w.batch)
      .flatMap((w) => {
        const selected = facts.objects.some((o) => o.kind === 'NetworkPolicy' && o.namespace === w.object.namespace && selectorMatches(get(o.body, ['spec', 'podSelector']), w.podLabels));
        return selected ? [] : [objectFinding(w.object, 'warn', `no NetworkPolicy in namespace ${w.object.namespace} selects its pods: every pod in the cluster can reach them`, ['metadata', 'name'])];
      }),
};
