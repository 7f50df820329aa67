/** A seccomp profile applies: effective seccompProfile.type RuntimeDefault or Localhost (container over pod). */
import type { GateRule } from '../model.ts';
import { describeContainer, effective, linuxContainers } from '../security-context.ts';
import { isObject, str } from '../json.ts';
import type { Json, JsonObject } from '../model.ts';
import { workloadFinding } from './finding.ts';

const isProfile = (v: Json): v is JsonObject => isObject(v);

export const seccompProfile: GateRule = {
  id: 'seccomp-profile',
  category: 'security',
  severity: 'warn',
  title: 'Containers run under a seccomp profile',
  fix: 'set securityContext.seccompProfile.type: RuntimeDefault on the pod',
  crosswalk: { kubeScore: 'container-seccomp-profile (optional test)', checkov: 'CKV_K8S_31' },
  evaluate: (facts) =>
    facts.workloads.flatMap((w) =>
      linuxContainers(w).flatMap((c) => {
        const profile = effective(w, c, 'seccompProfile', isProfile);
        const type = str(profile.value, ['type']);
        if (type === 'RuntimeDefault' || type === 'Localhost') return [];
        const who = describeContainer(c);
        if (type === 'Unconfined') return [workloadFinding(w, 'warn', `${who} runs Unconfined: no seccomp filter (set at ${profile.level} level)`, [...profile.path, 'type'], c)];
        return [workloadFinding(w, 'warn', `${who} has no seccomp profile: seccompProfile is not set on the container or the pod`, profile.path, c)];
      }),
    ),
};
