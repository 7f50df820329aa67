/** capabilities.drop holds ALL, or at least NET_RAW (the capability behind ARP/DNS spoofing from a pod). */
import type { GateRule } from '../model.ts';
import { arr } from '../json.ts';
import { capabilityName, describeContainer, linuxContainers } from '../security-context.ts';
import { workloadFinding } from './finding.ts';

export const dropCapabilities: GateRule = {
  id: 'drop-capabilities',
  category: 'security',
  severity: 'fail',
  title: 'Containers drop ALL capabilities (or at least NET_RAW)',
  fix: 'set securityContext.capabilities.drop: [ALL] and add back only what the program needs',
  crosswalk: { kubeLinter: 'drop-net-raw-capability', polaris: 'insecureCapabilities', checkov: 'CKV_K8S_28 / CKV_K8S_37' },
  evaluate: (facts) =>
    facts.workloads.flatMap((w) =>
      linuxContainers(w).flatMap((c) => {
        const dropPath = [...c.path, 'securityContext', 'capabilities', 'drop'];
        const drops = arr(c.body, ['securityContext', 'capabilities', 'drop']).filter((d): d is string => typeof d === 'string').map(capabilityName);
        if (drops.includes('ALL')) return [];
        const who = describeContainer(c);
        if (drops.includes('NET_RAW')) return [workloadFinding(w, 'info', `${who} drops NET_RAW but not ALL`, dropPath, c)];
        const where = drops.length ? dropPath : c.body.securityContext === undefined ? c.path : [...c.path, 'securityContext'];
        return [workloadFinding(w, 'fail', `${who} keeps the default capabilities, NET_RAW included: capabilities.drop ${drops.length ? `is [${drops.join(', ')}]` : 'is not set'}`, where, c)];
      }),
    ),
};
