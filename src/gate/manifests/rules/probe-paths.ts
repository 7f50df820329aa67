/** HTTP probes ask for a path the service serves, when verify knows the service's paths. */
import type { GateRule } from '../model.ts';
import { str } from '../json.ts';
import { describeContainer } from '../security-context.ts';
import { workloadFinding } from './finding.ts';

const PROBES = ['readinessProbe', 'livenessProbe', 'startupProbe'] as const;

/** The path part of a probe's httpGet.path ('/healthz?x=1' → '/healthz'). */
export function probePath(path: string): string {
  return path.split(/[?#]/)[0] || '/';
}

export const probePaths: GateRule = {
  id: 'probe-paths',
  category: 'reliability',
  severity: 'fail',
  title: 'HTTP probes use a path the service serves',
  fix: "point httpGet.path at a path the service answers (the verify config's health paths)",
  crosswalk: {},
  evaluate: (facts) => {
    const known = facts.servicePaths;
    if (!known || known.length === 0) return [];
    const served = new Set(known.map(probePath));
    return facts.workloads.flatMap((w) =>
      w.containers.flatMap((c) =>
        PROBES.flatMap((p) => {
          const path = str(c.body, [p, 'httpGet', 'path']);
          if (path === undefined || served.has(probePath(path))) return [];
          return [workloadFinding(w, 'fail', `${describeContainer(c)} ${p} asks for ${path}, which the service does not serve (it serves ${[...served].join(', ')})`, [...c.path, p, 'httpGet', 'path'], c)];
        }),
      ),
    );
  },
};
