/** readOnlyRootFilesystem: true (container-only field). */
import type { GateRule } from '../model.ts';
import { describeContainer, effective, isBool, linuxContainers } from '../security-context.ts';
import { workloadFinding } from './finding.ts';

export const readOnlyRootFilesystem: GateRule = {
  id: 'read-only-root-filesystem',
  category: 'security',
  severity: 'warn',
  title: 'Containers have a read-only root filesystem',
  fix: 'set securityContext.readOnlyRootFilesystem: true and mount an emptyDir where the program writes',
  crosswalk: { kubeScore: 'container-security-context-readonlyrootfilesystem', kubeLinter: 'no-read-only-root-fs', polaris: 'notReadOnlyRootFilesystem', checkov: 'CKV_K8S_22' },
  evaluate: (facts) =>
    facts.workloads.flatMap((w) =>
      linuxContainers(w).flatMap((c) => {
        const ro = effective(w, c, 'readOnlyRootFilesystem', isBool);
        if (ro.value === true) return [];
        return [workloadFinding(w, 'warn', `${describeContainer(c)} has a writable root filesystem: readOnlyRootFilesystem is ${ro.value === false ? 'false' : 'not set'}`, ro.path, c)];
      }),
    ),
};
