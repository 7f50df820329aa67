/** Serving containers have a liveness probe, and it is not the readiness probe (a shared probe restarts pods that are only busy). */
import { isDeepStrictEqual } from 'node:util';
import type { GateRule } from '../model.ts';
import { obj } from '../json.ts';
import { describeContainer } from '../security-context.ts';
import { workloadFinding } from './finding.ts';
import { servingContainers } from './probes.ts';

export const livenessProbe: GateRule = {
  id: 'liveness-probe',
  category: 'reliability',
  severity: 'warn',
  title: 'Serving containers have a liveness probe distinct from readiness',
  fix: 'add livenessProbe on a path that fails only when the process is stuck (e.g. /healthz), not the readiness path',
  crosswalk: { kubeScore: 'pod-probes', kubeLinter: 'no-liveness-probe', polaris: 'livenessProbeMissing', checkov: 'CKV_K8S_8' },
  evaluate: (facts) =>
    facts.workloads.flatMap((w) =>
      servingContainers(w).flatMap((c) => {
        const live = obj(c.body, ['livenessProbe']);
        if (!live) return [workloadFinding(w, 'warn', `${describeContainer(c)} has no livenessProbe: a stuck process is never restarted`, c.path, c)];
        const ready = obj(c.body, ['readinessProbe']);
        if (ready && isDeepStrictEqual(live, ready)) return [workloadFinding(w, 'warn', `${describeContainer(c)} uses the same probe for liveness and readiness: a busy pod is restarted instead of taken out of rotation`, [...c.path, 'livenessProbe'], c)];
        return [];
      }),
    ),
};
