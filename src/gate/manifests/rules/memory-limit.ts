/**
 * Every container has a memory limit. A CPU limit is deliberately not required (it throttles a Go
 * program's GC bursts; kube-score and Polaris ask for it, we follow kube-linter's default here).
 */
import type { GateRule } from '../model.ts';
import { get, obj } from '../json.ts';
import { describeContainer } from '../security-context.ts';
import { workloadFinding } from './finding.ts';

export const memoryLimit: GateRule = {
  id: 'memory-limit',
  category: 'reliability',
  severity: 'warn',
  title: 'Containers have a memory limit',
  fix: 'set resources.limits.memory on every container (and GOMEMLIMIT a little below it)',
  crosswalk: { kubeScore: 'container-resources', kubeLinter: 'unset-memory-requirements', polaris: 'memoryLimitsMissing', checkov: 'CKV_K8S_13' },
  evaluate: (facts) =>
    facts.workloads.flatMap((w) =>
      w.containers
        .filter((c) => c.kind !== 'ephemeralContainer' && get(c.body, ['resources', 'limits', 'memory']) === undefined)
        .map((c) => {
          const path = obj(c.body, ['resources', 'limits']) ? [...c.path, 'resources', 'limits'] : obj(c.body, ['resources']) ? [...c.path, 'resources'] : c.path;
          return workloadFinding(w, 'warn', `${describeContainer(c)} has no memory limit`, path, c);
        }),
    ),
};
