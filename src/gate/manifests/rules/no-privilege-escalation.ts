/**
 * allowPrivilegeEscalation must be false. It exists only on the container; it is always true when
 * the container is privileged or adds CAP_SYS_ADMIN, whatever is written (API reference).
 */
import type { GateRule } from '../model.ts';
import { capabilityName, describeContainer, effective, isBool, linuxContainers } from '../security-context.ts';
import { arr, bool } from '../json.ts';
import { workloadFinding } from './finding.ts';

export const noPrivilegeEscalation: GateRule = {
  id: 'no-privilege-escalation',
  category: 'security',
  severity: 'fail',
  title: 'Containers forbid privilege escalation',
  fix: 'set securityContext.allowPrivilegeEscalation: false on every container (it has no pod-level field)',
  crosswalk: { kubeLinter: 'privilege-escalation-container', polaris: 'privilegeEscalationAllowed', checkov: 'CKV_K8S_20' },
  evaluate: (facts) =>
    facts.workloads.flatMap((w) =>
      linuxContainers(w).flatMap((c) => {
        const who = describeContainer(c);
        const ape = effective(w, c, 'allowPrivilegeEscalation', isBool);
        if (bool(c.body, ['securityContext', 'privileged']) === true) return [workloadFinding(w, 'fail', `${who} can escalate privileges: it is privileged`, [...c.path, 'securityContext', 'privileged'], c)];
        const adds = arr(c.body, ['securityContext', 'capabilities', 'add']);
        if (adds.some((a) => typeof a === 'string' && capabilityName(a) === 'SYS_ADMIN')) return [workloadFinding(w, 'fail', `${who} can escalate privileges: it adds CAP_SYS_ADMIN`, [...c.path, 'securityContext', 'capabilities', 'add'], c)];
        if (ape.value === false) return [];
        return [workloadFinding(w, 'fail', `${who} allows privilege escalation: allowPrivilegeEscalation is ${ape.value === true ? 'true' : 'not set (the default is true)'}`, ape.path, c)];
      }),
    ),
};
