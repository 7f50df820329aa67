/** Every container requests CPU and memory (ephemeral containers cannot have resources: API reference). */
import type { GateRule } from '../model.ts';
import { get, obj } from '../json.ts';
import { describeContainer } from '../security-context.ts';
import { workloadFinding } from './finding.ts';

export const resourceRequests: GateRule = {
  id: 'resource-requests',
  category: 'reliability',
  severity: 'fail',
  title: 'Containers request CPU and memory',
  fix: 'set resources.requests.cpu and resources.requests.memory on every container (measured, e.g. from verify)',
  crosswalk: { kubeScore: 'container-resources', kubeLinter: 'unset-cpu-requirements / unset-memory-requirements', polaris: 'cpuRequestsMissing / memoryRequestsMissing', checkov: 'CKV_K8S_10 / CKV_K8S_12' },
  evaluate: (facts) =>
    facts.workloads.flatMap((w) =>
      w.containers
        .filter((c) => c.kind !== 'ephemeralContainer')
        .flatMap((c) => {
          const missing = ['cpu', 'memory'].filter((r) => get(c.body, ['resources', 'requests', r]) === undefined);
          if (missing.length === 0) return [];
          const path = obj(c.body, ['resources', 'requests']) ? [...c.path, 'resources', 'requests'] : obj(c.body, ['resources']) ? [...c.path, 'resources'] : c.path;
          return [workloadFinding(w, 'fail', `${describeContainer(c)} requests no ${missing.join(' and no ')}`, path, c)];
        }),
    ),
};
