/** Serving containers have a readiness probe (Jobs and CronJobs, init and ephemeral containers excepted). */
import type { GateRule } from '../model.ts';
import { obj } from '../json.ts';
import { describeContainer } from '../security-context.ts';
import { workloadFinding } from './finding.ts';
import { servingContainers } from './probes.ts';

export const readinessProbe: GateRule = {
  id: 'readiness-probe',
  category: 'reliability',
  severity: 'fail',
  title: 'Serving containers have a readiness probe',
  fix: "add readinessProbe (httpGet on the service's health path, e.g. /readyz)",
  crosswalk: { kubeScore: 'pod-probes', kubeLinter: 'no-readiness-probe', polaris: 'readinessProbeMissing', checkov: 'CKV_K8S_9' },
  evaluate: (facts) =>
    facts.workloads.flatMap((w) =>
      servingContainers(w)
        .filter((c) => !obj(c.body, ['readinessProbe']))
        .map((c) => workloadFinding(w, 'fail', `${describeContainer(c)} has no readinessProbe: it receives traffic before it is ready`, c.path, c)),
    ),
};
