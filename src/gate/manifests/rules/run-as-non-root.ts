/** Containers run as a non-root user: effective runAsNonRoot true or runAsUser ≠ 0, and never runAsUser 0. */
import type { GateRule } from '../model.ts';
import { describeContainer, effective, isBool, isNum, linuxContainers } from '../security-context.ts';
import { workloadFinding } from './finding.ts';

export const runAsNonRoot: GateRule = {
  id: 'run-as-non-root',
  category: 'security',
  severity: 'fail',
  title: 'Containers run as a non-root user',
  fix: 'set securityContext.runAsNonRoot: true and runAsUser to a non-zero UID (on the pod, or on each container)',
  crosswalk: { kubeScore: 'container-security-context-user-group-id', kubeLinter: 'run-as-non-root', polaris: 'runAsRootAllowed', checkov: 'CKV_K8S_23' },
  evaluate: (facts) =>
    facts.workloads.flatMap((w) =>
      linuxContainers(w).flatMap((c) => {
        const nonRoot = effective(w, c, 'runAsNonRoot', isBool);
        const user = effective(w, c, 'runAsUser', isNum);
        const who = describeContainer(c);
        if (user.value === 0) return [workloadFinding(w, 'fail', `${who} runs as root: runAsUser is 0 (set at ${user.level} level)`, user.path, c)];
        if (user.value !== undefined) return [];
        if (nonRoot.value === true) return [];
        if (nonRoot.value === false) return [workloadFinding(w, 'fail', `${who} may run as root: runAsNonRoot is false (set at ${nonRoot.level} level) and no runAsUser`, nonRoot.path, c)];
        return [workloadFinding(w, 'fail', `${who} may run as root: neither runAsNonRoot nor runAsUser is set on the container or the pod`, nonRoot.path, c)];
      }),
    ),
};
