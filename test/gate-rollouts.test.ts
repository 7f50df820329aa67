/** Argo Rollouts: workloadRef and AnalysisTemplate references, and AnalysisTemplate lint (Argo Rollouts Analysis / Prometheus docs). */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { GateRule } from '../src/gate/manifests/model.ts';
import { analysisTemplate, vectorConditionProblems } from '../src/gate/manifests/rules/analysis-template.ts';
import { rolloutReferences } from '../src/gate/manifests/rules/rollout-references.ts';
import { deployment, podSpec, rollout, run, verdicts, type Case, type Obj } from './support/gate.ts';

function table(rule: GateRule, cases: Case[]): void {
  for (const c of cases) {
    test(`${rule.id}: ${c.name} → ${c.expect.length ? c.expect.join(', ') : 'pass'}`, () => assert.deepEqual(verdicts(run(rule, c.docs, c.options)), c.expect));
  }
}

const GOOD = 'len(result) == 0 || isNaN(result[0]) || result[0] >= 0.95';
const metric = (extra: Obj = {}): Obj => ({ name: 'success-rate', interval: '1m', count: 3, failureLimit: 1, successCondition: GOOD, provider: { prometheus: { address: 'http://prometheus:9090', query: 'sum(rate(x[1m]))' } }, ...extra });
const template = (metrics: Obj[], args: Obj[] = []): Obj => ({ apiVersion: 'argoproj.io/v1alpha1', kind: 'AnalysisTemplate', metadata: { name: 'success-rate', namespace: 'prod' }, spec: { args, metrics } });
const ref = { workloadRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' } };
const withAnalysis = (name: string, cluster = false): Obj => rollout(podSpec(), { strategy: { canary: { steps: [{ setWeight: 20 }, { analysis: { templates: [{ templateName: name, ...(cluster ? { clusterScope: true } : {}) }] } }] } } });

table(rolloutReferences, [
  { name: 'an inline template', docs: [rollout()], expect: [] },
  { name: 'workloadRef to a Deployment in the input', docs: [deployment(), rollout(null, ref)], expect: [] },
  { name: 'workloadRef to a Deployment that is not in the input', docs: [rollout(null, ref)], expect: ['fail'] },
  { name: 'workloadRef to a Deployment in another namespace', docs: [{ ...deployment(), metadata: { name: 'web', namespace: 'other' } }, rollout(null, ref)], expect: ['fail'] },
  { name: 'neither template nor workloadRef', docs: [rollout(null)], expect: ['fail'] },
  { name: 'a step analysis whose template is present', docs: [withAnalysis('success-rate'), template([metric()])], expect: [] },
  { name: 'a step analysis whose template is missing', docs: [withAnalysis('latency')], expect: ['fail'] },
  { name: 'a ClusterAnalysisTemplate by clusterScope', docs: [withAnalysis('success-rate', true), { ...template([metric()]), kind: 'ClusterAnalysisTemplate', metadata: { name: 'success-rate' } }], expect: [] },
]);

table(analysisTemplate, [
  { name: 'a guarded vector condition', docs: [template([metric()])], expect: [] },
  { name: 'all() over the vector with a NaN guard', docs: [template([metric({ successCondition: 'all(result, isNaN(#) || # >= 0.95)' })])], expect: [] },
  { name: 'result used as a number', docs: [template([metric({ successCondition: 'result >= 0.95' })])], expect: ['fail', 'warn'] },
  { name: 'result[0].data.p99 (elements are numbers)', docs: [template([metric({ successCondition: 'len(result) == 0 || isNaN(result[0]) || result[0].data.p99 < 0.5' })])], expect: ['fail'] },
  { name: 'result.p99', docs: [template([metric({ successCondition: 'isNaN(result[0]) || result.p99 < 0.5' })])], expect: ['fail', 'warn'] },
  { name: 'result[0] with no empty guard', docs: [template([metric({ successCondition: 'isNaN(result[0]) || result[0] >= 0.95' })])], expect: ['warn'] },
  { name: 'result[0] with no NaN guard', docs: [template([metric({ successCondition: 'len(result) == 0 || result[0] >= 0.95' })])], expect: ['warn'] },
  { name: 'no condition at all', docs: [template([metric({ successCondition: undefined })])], expect: ['fail'] },
  { name: 'failureLimit not below count: it can never fail', docs: [template([metric({ count: 3, failureLimit: 3 })])], expect: ['fail'] },
  { name: 'count 0', docs: [template([metric({ count: 0 })])], expect: ['fail'] },
  { name: 'count without interval', docs: [template([metric({ interval: undefined })])], expect: ['fail'] },
  { name: 'an interval that is not a duration', docs: [template([metric({ interval: '1 minute' })])], expect: ['fail'] },
  { name: 'a negative failureLimit', docs: [template([metric({ failureLimit: -1 })])], expect: ['fail'] },
  { name: 'no query', docs: [template([metric({ provider: { prometheus: { address: 'http://p:9090' } } })])], expect: ['fail'] },
  { name: 'an undeclared argument', docs: [template([metric({ provider: { prometheus: { address: 'http://p:9090', query: 'rate(x{svc="{{args.service}}"}[1m])' } } })])], expect: ['fail'] },
  { name: 'a declared argument', docs: [template([metric({ provider: { prometheus: { address: 'http://p:9090', query: 'rate(x{svc="{{args.service}}"}[1m])' } } })], [{ name: 'service' }])], expect: [] },
  { name: 'no metrics', docs: [template([])], expect: ['fail'] },
  { name: 'other providers are not read as vectors', docs: [template([metric({ successCondition: 'result.ok == true', provider: { web: { url: 'http://x' } } })])], expect: [] },
]);

test('vectorConditionProblems() accepts len/all/any over result and flags scalar use', () => {
  assert.deepEqual(vectorConditionProblems('len(result) == 0 || isNaN(result[0]) || result[0] < 0.5'), []);
  assert.deepEqual(vectorConditionProblems('any(result, isNaN(#) || # > 1)'), []);
  assert.deepEqual(vectorConditionProblems('result > 1 && isNaN(result[0]) && len(result) > 0').map((p) => p.status), ['fail']);
});
