/** capabilities.add names none of the capabilities that amount to root on the node. */
import type { GateRule } from '../model.ts';
import { arr } from '../json.ts';
import { capabilityName, describeContainer, linuxContainers } from '../security-context.ts';
import { workloadFinding } from './finding.ts';

/** Capabilities that break container isolation (Polaris insecureCapabilities/dangerousCapabilities, Pod Security "baseline"). */
export const DANGEROUS_CAPABILITIES: ReadonlySet<string> = new Set(['ALL', 'SYS_ADMIN', 'NET_ADMIN', 'SYS_MODULE', 'SYS_PTRACE', 'SYS_RAWIO', 'SYS_BOOT', 'SYS_TIME', 'DAC_READ_SEARCH', 'BPF', 'PERFMON', 'MAC_ADMIN', 'MAC_OVERRIDE', 'NET_RAW']);

export const noDangerousCapabilities: GateRule = {
  id: 'no-dangerous-capabilities',
  category: 'security',
  severity: 'fail',
  title: 'No container adds a dangerous capability',
  fix: 'remove the capability from securityContext.capabilities.add (NET_BIND_SERVICE is enough to bind ports below 1024)',
  crosswalk: { polaris: 'dangerousCapabilities', checkov: 'CKV_K8S_25 / CKV_K8S_39' },
  evaluate: (facts) =>
    facts.workloads.flatMap((w) =>
      linuxContainers(w).flatMap((c) =>
        arr(c.body, ['securityContext', 'capabilities', 'add']).flatMap((a, i) =>
          typeof a === 'string' && DANGEROUS_CAPABILITIES.has(capabilityName(a))
            ? [workloadFinding(w, 'fail', `${describeContainer(c)} adds ${capabilityName(a)}`, [...c.path, 'securityContext', 'capabilities', 'add', i], c)]
            : [],
        ),
      ),
    ),
};
