/** The pod shares none of the node's namespaces: hostNetwork, hostPID, hostIPC are false or absent. */
import type { GateRule } from '../model.ts';
import { bool } from '../json.ts';
import { workloadFinding } from './finding.ts';

const FIELDS = ['hostNetwork', 'hostPID', 'hostIPC'] as const;

export const noHostNamespaces: GateRule = {
  id: 'no-host-namespaces',
  category: 'security',
  severity: 'fail',
  title: "Pods do not share the node's network, PID or IPC namespace",
  fix: 'remove hostNetwork, hostPID and hostIPC from the pod spec (expose ports with a Service instead)',
  crosswalk: { kubeLinter: 'host-network / host-pid / host-ipc', polaris: 'hostNetworkSet / hostPIDSet / hostIPCSet', checkov: 'CKV_K8S_17 / CKV_K8S_18 / CKV_K8S_19' },
  evaluate: (facts) =>
    facts.workloads.flatMap((w) =>
      w.windows && bool(w.podSpec, ['hostNetwork']) !== true
        ? []
        : FIELDS.filter((f) => bool(w.podSpec, [f]) === true).map((f) => workloadFinding(w, 'fail', `the pod sets ${f}: true`, [...w.podSpecPath, f])),
    ),
};
