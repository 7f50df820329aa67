/**
 * Replicas spread over nodes: a podAntiAffinity term (required or preferred) on the node
 * hostname — or a topologySpreadConstraint on it — whose selector matches the workload's own pods.
 */
import type { GateRule, Json } from '../model.ts';
import { arr, get } from '../json.ts';
import { effectiveReplicas, isReplicated } from '../replicas.ts';
import { selectorMatches } from '../selectors.ts';
import { workloadFinding } from './finding.ts';

const HOSTNAME = 'kubernetes.io/hostname';

export const podAntiAffinity: GateRule = {
  id: 'pod-anti-affinity',
  category: 'reliability',
  severity: 'warn',
  title: 'Replicas are spread across nodes',
  fix: `add a preferred podAntiAffinity term (or a topologySpreadConstraint) with topologyKey ${HOSTNAME} selecting the pods' own labels`,
  crosswalk: { kubeScore: 'deployment-has-host-podantiaffinity', kubeLinter: 'no-anti-affinity', polaris: 'topologySpreadConstraint (not in the default set)' },
  evaluate: (facts) =>
    facts.workloads.filter(isReplicated).flatMap((w) => {
      if (effectiveReplicas(w, facts.objects).replicas < 2) return [];
      const anti = get(w.podSpec, ['affinity', 'podAntiAffinity']);
      const terms: Json[] = [
        ...arr(anti, ['requiredDuringSchedulingIgnoredDuringExecution']),
        ...arr(anti, ['preferredDuringSchedulingIgnoredDuringExecution']).map((t) => get(t, ['podAffinityTerm']) ?? null),
        ...arr(w.podSpec, ['topologySpreadConstraints']),
      ];
      const spreads = terms.some((t) => get(t, ['topologyKey']) === HOSTNAME && selectorMatches(get(t, ['labelSelector']), w.podLabels));
      if (spreads) return [];
      return [workloadFinding(w, 'warn', `its replicas may all land on one node: no podAntiAffinity or topologySpreadConstraint on ${HOSTNAME} selects its own pods`, anti === undefined ? w.podSpecPath : [...w.podSpecPath, 'affinity', 'podAntiAffinity'])];
    }),
};
