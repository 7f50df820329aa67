/** Replicated workloads run at least 2 replicas (spec.replicas, or an HPA's minReplicas). */
import type { GateRule } from '../model.ts';
import { effectiveReplicas, isReplicated } from '../replicas.ts';
import { objectFinding } from './finding.ts';

export const minReplicas: GateRule = {
  id: 'min-replicas',
  category: 'reliability',
  severity: 'warn',
  title: 'Replicated workloads run at least 2 replicas',
  fix: 'set spec.replicas: 2 or more (or an HPA with minReplicas ≥ 2)',
  crosswalk: { kubeLinter: 'minimum-three-replicas (3)', polaris: 'deploymentMissingReplicas' },
  evaluate: (facts) =>
    facts.workloads.filter(isReplicated).flatMap((w) => {
      const { replicas, from } = effectiveReplicas(w, facts.objects);
      if (replicas >= 2) return [];
      const why = from === 'hpa' ? `its HorizontalPodAutoscaler's minReplicas is ${replicas}` : from === 'default' ? 'spec.replicas is not set (the default is 1)' : `spec.replicas is ${replicas}`;
      return [objectFinding(w.object, 'warn', `one node drain or crash takes it down: ${why}`, from === 'spec' ? ['spec', 'replicas'] : ['spec'])];
    }),
};
