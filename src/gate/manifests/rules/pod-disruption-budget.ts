/**
 * A replicated workload is covered by a PodDisruptionBudget in its namespace whose selector matches
 * its pods, and that budget allows at least one eviction (maxUnavailable 0 or minAvailable equal
 * to the replicas blocks every node drain).
 */
import type { GateRule } from '../model.ts';
import { get, num } from '../json.ts';
import { effectiveReplicas, isReplicated } from '../replicas.ts';
import { selectorMatches } from '../selectors.ts';
import { objectFinding } from './finding.ts';

function percent(value: unknown): number | undefined {
  return typeof value === 'string' && /^\d+%$/.test(value) ? Number(value.slice(0, -1)) : undefined;
}

export const podDisruptionBudget: GateRule = {
  id: 'pod-disruption-budget',
  category: 'reliability',
  severity: 'warn',
  title: 'Replicated workloads have a PodDisruptionBudget that allows evictions',
  fix: 'add a policy/v1 PodDisruptionBudget selecting the pods, with maxUnavailable: 1',
  crosswalk: { kubeScore: 'deployment-has-poddisruptionbudget / poddisruptionbudget-has-policy', kubeLinter: 'pdb-max-unavailable / pdb-min-available', polaris: 'missingPodDisruptionBudget' },
  evaluate: (facts) =>
    facts.workloads.filter(isReplicated).flatMap((w) => {
      const { replicas } = effectiveReplicas(w, facts.objects);
      if (replicas < 2) return []; // min-replicas speaks for it
      const pdbs = facts.objects.filter((o) => o.kind === 'PodDisruptionBudget' && o.namespace === w.object.namespace && selectorMatches(get(o.body, ['spec', 'selector']), w.podLabels));
      if (pdbs.length === 0) return [objectFinding(w.object, 'warn', 'no PodDisruptionBudget selects its pods: a node drain may evict all of them at once', ['metadata', 'name'])];
      return pdbs.flatMap((pdb) => {
        const maxUnavailable = get(pdb.body, ['spec', 'maxUnavailable']);
        const minAvailable = get(pdb.body, ['spec', 'minAvailable']);
        if (maxUnavailable === 0 || maxUnavailable === '0%') return [objectFinding(pdb, 'warn', `maxUnavailable is ${String(maxUnavailable)}: no pod of ${w.object.kind}/${w.object.name} can ever be evicted, so node drains hang`, ['spec', 'maxUnavailable'])];
        const min = num(pdb.body, ['spec', 'minAvailable']) ?? (percent(minAvailable) === 100 ? replicas : undefined);
        if (min !== undefined && min >= replicas) return [objectFinding(pdb, 'warn', `minAvailable ${String(minAvailable)} is not below the ${replicas} replicas of ${w.object.kind}/${w.object.name}: no pod can be evicted, so node drains hang`, ['spec', 'minAvailable'])];
        return [];
      });
    }),
};
