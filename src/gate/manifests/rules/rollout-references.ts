/** An Argo Rollout's workloadRef and analysis templateNames name objects that are in the input. */
import type { GateFinding, GateRule, K8sObject } from '../model.ts';
import { arr, bool, get, str } from '../json.ts';
import { workloadRefTarget } from '../workloads.ts';
import { objectFinding } from './finding.ts';

function templateRefs(rollout: K8sObject): Array<{ name: string; cluster: boolean; path: (string | number)[] }> {
  const out: Array<{ name: string; cluster: boolean; path: (string | number)[] }> = [];
  const collect = (base: (string | number)[]): void => {
    arr(rollout.body, [...base, 'templates']).forEach((t, i) => {
      const name = str(t, ['templateName']);
      if (name) out.push({ name, cluster: bool(t, ['clusterScope']) === true, path: [...base, 'templates', i, 'templateName'] });
    });
  };
  for (const strategy of ['canary', 'blueGreen']) {
    collect(['spec', 'strategy', strategy, 'analysis']);
    collect(['spec', 'strategy', strategy, 'prePromotionAnalysis']);
    collect(['spec', 'strategy', strategy, 'postPromotionAnalysis']);
    arr(rollout.body, ['spec', 'strategy', strategy, 'steps']).forEach((s, i) => {
      if (get(s, ['analysis'])) collect(['spec', 'strategy', strategy, 'steps', i, 'analysis']);
    });
  }
  return out;
}

export const rolloutReferences: GateRule = {
  id: 'rollout-references',
  category: 'rollouts',
  severity: 'fail',
  title: "Rollouts' workloadRef and AnalysisTemplates are in the input",
  fix: 'add the referenced Deployment or AnalysisTemplate to the manifests being checked (or fix the name)',
  crosswalk: {},
  evaluate: (facts) =>
    facts.objects
      .filter((o) => o.kind === 'Rollout' && o.apiVersion.startsWith('argoproj.io/'))
      .flatMap((o) => {
        const out: GateFinding[] = [];
        const ref = workloadRefTarget(o, facts.objects);
        if (ref && !ref.target) out.push(objectFinding(o, 'fail', `workloadRef names ${ref.ref}, which is not in the input: its pod template was not checked`, ['spec', 'workloadRef', 'name']));
        if (!ref && !get(o.body, ['spec', 'template'])) out.push(objectFinding(o, 'fail', 'the Rollout has neither spec.template nor spec.workloadRef', ['spec']));
        for (const t of templateRefs(o)) {
          const kind = t.cluster ? 'ClusterAnalysisTemplate' : 'AnalysisTemplate';
          const found = facts.objects.some((a) => a.kind === kind && a.name === t.name && (t.cluster || a.namespace === o.namespace));
          if (!found) out.push(objectFinding(o, 'fail', `analysis uses ${kind} ${t.name}, which is not in the input`, t.path));
        }
        return out;
      }),
};
