/** Services are ClusterIP unless exposure is meant: NodePort opens a port on every node; externalIPs let a Service capture any address. */
import type { GateRule } from '../model.ts';
import { arr, str } from '../json.ts';
import { objectFinding } from './finding.ts';

export const serviceType: GateRule = {
  id: 'service-type',
  category: 'networking',
  severity: 'warn',
  title: 'Services are not exposed on every node',
  fix: 'use type ClusterIP behind an Ingress or Gateway (or LoadBalancer when exposure is intended); drop externalIPs',
  crosswalk: { kubeScore: 'service-type', kubeLinter: 'exposed-services' },
  evaluate: (facts) =>
    facts.objects
      .filter((o) => o.kind === 'Service' && o.apiVersion === 'v1')
      .flatMap((o) => {
        const out = [];
        const type = str(o.body, ['spec', 'type']);
        if (type === 'NodePort') out.push(objectFinding(o, 'warn', 'type NodePort opens the port on every node of the cluster', ['spec', 'type']));
        if (type === 'LoadBalancer') out.push(objectFinding(o, 'info', 'type LoadBalancer exposes the service outside the cluster', ['spec', 'type']));
        if (arr(o.body, ['spec', 'externalIPs']).length > 0) out.push(objectFinding(o, 'warn', 'externalIPs lets the service capture traffic to those addresses (CVE-2020-8554)', ['spec', 'externalIPs']));
        return out;
      }),
};
