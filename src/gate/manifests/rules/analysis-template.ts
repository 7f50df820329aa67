/**
 * Argo Rollouts AnalysisTemplate lint (Argo Rollouts "Analysis" and "Prometheus" docs): a
 * Prometheus metric's `result` is a vector of numbers, so a condition must index it
 * (`result[0] >= 0.95`) or iterate it (`all(result, # >= 0.95)`); `result.p99` or
 * `result[0].data.p99` are evaluation errors. An empty vector or NaN (0/0 with no traffic) should
 * be handled, limits must let the analysis both pass and fail, and durations must parse.
 */
import type { GateFinding, GateRule, K8sObject } from '../model.ts';
import { arr, get, num, obj, str } from '../json.ts';
import { objectFinding } from './finding.ts';

const DURATION = /^(\d+(\.\d+)?(ns|us|µs|ms|s|m|h))+$/;
const ITERATORS = /\b(len|all|any|none|one|filter|map|count|sum|max|min|first|last)\(\s*result\b/g;

/** Problems in one condition expression over a Prometheus vector. */
export function vectorConditionProblems(condition: string): Array<{ status: 'fail' | 'warn'; message: string }> {
  const out: Array<{ status: 'fail' | 'warn'; message: string }> = [];
  if (/\bresult\s*\[\s*\d+\s*\]\s*(\.|\[)/.test(condition)) out.push({ status: 'fail', message: `"${condition}" reads a field of result[n], but each element of a Prometheus result is a number` });
  const bare = condition.replace(ITERATORS, 'fn(vector');
  if (/\bresult\b(?!\s*\[)/.test(bare) || /\bresult\s*\.\s*\w/.test(condition)) out.push({ status: 'fail', message: `"${condition}" uses result as a number, but a Prometheus result is a vector: write result[0] or all(result, …)` });
  if (/\bresult\s*\[\s*\d+\s*\]/.test(condition) && !/\blen\(\s*result\s*\)/.test(condition) && !/\bdefault\(/.test(condition)) {
    out.push({ status: 'warn', message: `"${condition}" indexes result without checking len(result): a query with no samples makes the measurement an Error` });
  }
  if (/\bresult\b/.test(condition) && !/\bisNaN\(/.test(condition)) out.push({ status: 'warn', message: `"${condition}" does not handle NaN (a ratio with no traffic is 0/0): add isNaN(result[0]) || …` });
  return out;
}

function lintMetric(o: K8sObject, metric: unknown, i: number, declaredArgs: ReadonlySet<string>): GateFinding[] {
  const base = ['spec', 'metrics', i];
  const name = str(metric, ['name']) ?? `metrics[${i}]`;
  const out: GateFinding[] = [];
  const add = (status: 'fail' | 'warn', message: string, path: (string | number)[]): void => void out.push(objectFinding(o, status, `metric ${name}: ${message}`, [...base, ...path]));
  const prometheus = obj(metric, ['provider', 'prometheus']);
  const success = str(metric, ['successCondition']);
  const failure = str(metric, ['failureCondition']);
  if (success === undefined && failure === undefined) add('fail', 'has neither successCondition nor failureCondition: it decides nothing', ['name']);
  if (prometheus) {
    if (!str(prometheus, ['query'])?.trim()) add('fail', 'the Prometheus provider has no query', ['provider', 'prometheus']);
    if (!str(prometheus, ['address'])?.trim()) add('fail', 'the Prometheus provider has no address', ['provider', 'prometheus']);
    for (const [field, condition] of [['successCondition', success], ['failureCondition', failure]] as const) {
      if (condition === undefined) continue;
      for (const p of vectorConditionProblems(condition)) add(p.status, p.message, [field]);
    }
  }
  for (const field of ['interval', 'initialDelay']) {
    const d = str(metric, [field]);
    if (d !== undefined && !/\{\{/.test(d) && !DURATION.test(d)) add('fail', `${field} "${d}" is not a duration (write 30s, 5m, 1h)`, [field]);
  }
  const count = num(metric, ['count']);
  const failureLimit = num(metric, ['failureLimit']) ?? 0;
  const inconclusiveLimit = num(metric, ['inconclusiveLimit']) ?? 0;
  if (count !== undefined && count < 1) add('fail', `count is ${count}: no measurement is taken`, ['count']);
  if (count !== undefined && count > 0 && failureLimit >= count) add('fail', `failureLimit ${failureLimit} is not below count ${count}: the analysis can never fail`, ['failureLimit']);
  if (failureLimit < 0 || inconclusiveLimit < 0) add('fail', 'limits cannot be negative', [failureLimit < 0 ? 'failureLimit' : 'inconclusiveLimit']);
  if (count !== undefined && count > 1 && str(metric, ['interval']) === undefined) add('fail', `count is ${count} without an interval: the measurements cannot be spaced`, ['count']);
  const consecutive = num(metric, ['consecutiveErrorLimit']);
  if (consecutive !== undefined && consecutive < 0) add('fail', 'consecutiveErrorLimit cannot be negative', ['consecutiveErrorLimit']);
  const text = JSON.stringify(metric);
  for (const m of text.matchAll(/\{\{\s*args\.([\w-]+)\s*\}\}/g)) {
    if (!declaredArgs.has(m[1]!)) add('fail', `uses {{args.${m[1]}}}, which spec.args does not declare`, ['provider']);
  }
  return out;
}

export const analysisTemplate: GateRule = {
  id: 'analysis-template',
  category: 'rollouts',
  severity: 'fail',
  title: 'AnalysisTemplates can both pass and fail, and read Prometheus results as vectors',
  fix: 'write conditions over the vector with a guard, e.g. len(result) == 0 || isNaN(result[0]) || result[0] >= 0.95, and keep failureLimit below count',
  crosswalk: {},
  evaluate: (facts) =>
    facts.objects
      .filter((o) => (o.kind === 'AnalysisTemplate' || o.kind === 'ClusterAnalysisTemplate') && o.apiVersion.startsWith('argoproj.io/'))
      .flatMap((o) => {
        const metrics = arr(o.body, ['spec', 'metrics']);
        if (metrics.length === 0) return [objectFinding(o, 'fail', 'spec.metrics is empty: the analysis measures nothing', get(o.body, ['spec']) ? ['spec'] : [])];
        const declared = new Set(arr(o.body, ['spec', 'args']).map((a) => str(a, ['name'])).filter((n): n is string => n !== undefined));
        return metrics.flatMap((m, i) => lintMetric(o, m, i, declared));
      }),
};
