/** No privileged containers (container-only field). */
import type { GateRule } from '../model.ts';
import { bool } from '../json.ts';
import { describeContainer, linuxContainers } from '../security-context.ts';
import { workloadFinding } from './finding.ts';

export const noPrivileged: GateRule = {
  id: 'no-privileged',
  category: 'security',
  severity: 'fail',
  title: 'No container is privileged',
  fix: 'remove securityContext.privileged: true; add only the capabilities the program needs',
  crosswalk: { kubeScore: 'container-security-context-privileged', kubeLinter: 'privileged-container', polaris: 'runAsPrivileged', checkov: 'CKV_K8S_16' },
  evaluate: (facts) =>
    facts.workloads.flatMap((w) =>
      linuxContainers(w)
        .filter((c) => bool(c.body, ['securityContext', 'privileged']) === true)
        .map((c) => workloadFinding(w, 'fail', `${describeContainer(c)} is privileged`, [...c.path, 'securityContext', 'privileged'], c)),
    ),
};
