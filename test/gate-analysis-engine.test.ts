/** The pure core of gate analysis, table by table: conditions, measurement rules, limits, judges, spec building. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assessMetric } from '../src/gate/analysis/assess.ts';
import { evaluateCondition } from '../src/gate/analysis/condition/evaluate.ts';
import { parseCondition } from '../src/gate/analysis/condition/parse.ts';
import { parseDuration } from '../src/gate/analysis/duration.ts';
import { judgeConditions } from '../src/gate/analysis/judges/condition.ts';
import { judgeMannWhitney } from '../src/gate/analysis/judges/mann-whitney.ts';
import { judgeRelative } from '../src/gate/analysis/judges/relative.ts';
import { measure } from '../src/gate/analysis/measure.ts';
import type { Measurement, MeasurementPhase, MetricSpec } from '../src/gate/analysis/model.ts';
import { toSeries } from '../src/gate/analysis/prometheus/client.ts';
import { buildAnalysisSpec } from '../src/gate/analysis/spec.ts';
import { verdictOf } from '../src/gate/analysis/verdict.ts';

const cond = (text: string, result: number[], baseline?: number[]): boolean => evaluateCondition(parseCondition(text), { result, ...(baseline ? { baseline } : {}) });

test('conditions evaluate the expr-lang subset Argo users write', () => {
  const valid: [string, number[], boolean, number[]?][] = [
    ['result[0] < 0.05', [0.01], true],
    ['result[0] >= 0.95', [0.9], false],
    ['result < 0.05', [0.01], true],
    ['all(result, {# < 0.05})', [0.01, 0.04], true],
    ['all(result, {# < 0.05})', [0.01, 0.06], false],
    ['any(result, {# > 1}) || len(result) == 0', [], true],
    ['none(result, {# > 1})', [0.5, 2], false],
    ['len(result) > 0 and result[0] <= baseline[0] * 1.2', [1.1], true, [1]],
    ['not (result[0] > 1)', [0.5], true],
    ['max(result) - min(result) < 0.5', [1, 1.2, 1.4], true],
    ['avg(result) == 2', [1, 3], true],
    ['isNaN(result[0])', [Number.NaN], true],
    ['-result[0] < 0 && abs(-2) == 2', [1], true],
    ['result[0] < 1e-3', [0.0005], true],
  ];
  for (const [text, result, expected, baseline] of valid) assert.equal(cond(text, result, baseline), expected, text);
});

test('condition mistakes are errors that say what is wrong, never a silent false', () => {
  const invalid: [string, number[], RegExp][] = [
    ['result < 0.05', [1, 2], /list of 2 values: index it/],
    ['result[1] < 1', [1], /index 1 is out of range: the query returned 1 value/],
    ['results[0] < 1', [1], /unknown name "results"/],
    ['result[0]', [1], /must be true or false, got a number/],
    ['foo(result)', [1], /unknown function foo\(\)/],
    ['all(result, # < 1)', [1], /must be a predicate/],
  ];
  for (const [text, result, message] of invalid) assert.throws(() => cond(text, result), message, text);
  for (const [text, message] of [['result[0] <', /unexpected end at column 12/], ['1 < 2 < 3', /cannot be chained/], ['result @ 1', /unexpected character "@"/]] as const) {
    assert.throws(() => parseCondition(text), message, text);
  }
});

test('measurement phases follow Argo: success only, failure only, both, neither', () => {
  const table: [string | undefined, string | undefined, number, MeasurementPhase][] = [
    [undefined, undefined, 5, 'successful'],
    ['result[0] < 1', undefined, 0.5, 'successful'],
    ['result[0] < 1', undefined, 2, 'failed'],
    [undefined, 'result[0] > 1', 2, 'failed'],
    [undefined, 'result[0] > 1', 0.5, 'successful'],
    ['result[0] < 1', 'result[0] > 2', 1.5, 'inconclusive'],
    ['result[0] < 1', 'result[0] > 2', 3, 'failed'],
    ['result[1] < 1', undefined, 0.5, 'error'],
  ];
  for (const [successCondition, failureCondition, value, phase] of table) {
    assert.equal(judgeConditions({ successCondition, failureCondition }, { result: [value] }).phase, phase, `${successCondition} / ${failureCondition} @ ${value}`);
  }
});

const spec = (over: Partial<MetricSpec> = {}): MetricSpec => ({
  name: 'm',
  query: 'q',
  intervalMs: 60_000,
  initialDelayMs: 0,
  count: 5,
  failureLimit: 0,
  inconclusiveLimit: 0,
  consecutiveErrorLimit: 4,
  consecutiveSuccessLimit: 0,
  onEmpty: 'inconclusive',
  onNaN: 'inconclusive',
  ...over,
});
const runOf = (phases: string): Measurement[] =>
  [...phases].map((c, i) => ({ time: i, phase: ({ s: 'successful', f: 'failed', i: 'inconclusive', e: 'error' } as const)[c as 's']!, message: '', values: [], query: 'q' }));

test('assessMetric() applies failureLimit, inconclusiveLimit, consecutiveErrorLimit and consecutiveSuccessLimit', () => {
  const table: [Partial<MetricSpec>, string, string | undefined, string][] = [
    [{}, 'ss', undefined, '2 of 5 measurements taken'],
    [{}, 'sssss', 'successful', '5 measurements done'],
    [{}, 'sf', 'failed', '1 failed measurement (limit 0)'],
    [{ failureLimit: 2 }, 'fsfs', undefined, '4 of 5 measurements taken'],
    [{ failureLimit: 2 }, 'fsfsf', 'failed', '3 failed measurements (limit 2)'],
    [{ failureLimit: 2 }, 'fsfss', 'successful', '5 measurements done (2 failed, 0 inconclusive, 0 errored: within limits)'],
    [{ inconclusiveLimit: 1 }, 'sii', 'inconclusive', '2 inconclusive measurements (limit 1)'],
    [{ consecutiveErrorLimit: 1 }, 'sesee', 'error', '2 consecutive errors (consecutiveErrorLimit 1)'],
    [{ count: 2 }, 'ee', 'error', 'all 2 measurements errored: nothing was judged'],
    [{ consecutiveSuccessLimit: 2, failureLimit: -1 }, 'fss', 'successful', '2 consecutive successes (consecutiveSuccessLimit 2)'],
    [{ consecutiveSuccessLimit: 3, failureLimit: -1 }, 'sfsfs', 'failed', 'count 5 reached without 3 consecutive successes'],
    [{ consecutiveSuccessLimit: 3, failureLimit: 3 }, 'sfsfs', 'inconclusive', 'count 5 reached without 3 consecutive successes'],
  ];
  for (const [over, phases, phase, reason] of table) {
    const a = assessMetric(spec(over), runOf(phases));
    assert.equal(a.phase, phase, `${JSON.stringify(over)} ${phases}`);
    assert.equal(a.reason, reason, `${JSON.stringify(over)} ${phases}`);
  }
});

test('verdictOf(): fail outranks error outranks inconclusive; only all successful passes', () => {
  const v = (...phases: MeasurementPhase[]): string => verdictOf(phases.map((phase) => ({ phase })));
  assert.equal(v('successful', 'successful'), 'pass');
  assert.equal(v('successful', 'inconclusive'), 'inconclusive');
  assert.equal(v('inconclusive', 'error'), 'error');
  assert.equal(v('error', 'failed'), 'fail');
  assert.equal(v(), 'pass');
});

test('measure(): a query error is an error; empty and NaN follow the policy on either side', () => {
  const q = (series?: number[], error?: string) => ({ query: 'q', time: 0, ...(series ? { series: series.map((v) => ({ labels: {}, points: [{ t: 0, v }] })) } : {}), ...(error ? { error } : {}) });
  const m = spec({ count: 1, onEmpty: 'fail', onNaN: 'pass', judge: { kind: 'relative', baseline: { offset: '1h' }, maxIncrease: 0.5 } });
  assert.equal(measure(m, { time: 0, current: q(undefined, 'Cannot reach Prometheus'), baseline: q([1]) }).phase, 'error');
  assert.equal(measure(m, { time: 0, current: q([1]), baseline: q([]) }).message, 'the baseline query returned no data (onEmpty: fail)');
  assert.equal(measure(m, { time: 0, current: q([Number.NaN]), baseline: q([1]) }).phase, 'successful');
  assert.equal(measure(m, { time: 0, current: q([2]), baseline: q([1]) }).phase, 'failed');
  assert.equal(measure(m, { time: 0, current: q([1, 2]), baseline: q([1]) }).phase, 'error');
});

test('judgeRelative(): changes, a zero baseline, and the floor', () => {
  const j = { kind: 'relative', baseline: { offset: '1h' }, maxIncrease: 0.5, maxDecrease: 0.2, floor: 0.01 } as const;
  assert.equal(judgeRelative(j, [0.05], [0.001]).phase, 'failed');
  assert.equal(judgeRelative(j, [0.005], [0.001]).phase, 'successful', 'below the floor');
  assert.equal(judgeRelative(j, [0.7], [1]).phase, 'failed');
  assert.equal(judgeRelative(j, [0.02], [0]).statistic?.value, Number.POSITIVE_INFINITY);
  assert.equal(judgeRelative(j, [0], [0]).phase, 'successful');
});

test('judgeMannWhitney(): too few samples is inconclusive; a significant shift within tolerance passes; beyond it fails', () => {
  const base = { kind: 'mannWhitney', baseline: { offset: '1h' }, window: '10m', step: '15s', minSamples: 10, alpha: 0.05, tolerance: 0.05, direction: 'increase' } as const;
  const baseline = Array.from({ length: 200 }, (_, i) => 100 + (i % 20));
  assert.equal(judgeMannWhitney(base, [1, 2, 3], baseline).phase, 'inconclusive');
  assert.equal(judgeMannWhitney(base, baseline.map((v) => v + 2), baseline).phase, 'successful', '+2 on ~110 is under 5%');
  const bad = judgeMannWhitney(base, baseline.map((v) => v + 20), baseline);
  assert.equal(bad.phase, 'failed');
  assert.equal(bad.statistic?.details?.hodgesLehmannShift, 20);
  assert.equal(judgeMannWhitney({ ...base, direction: 'decrease' }, baseline.map((v) => v + 20), baseline).phase, 'successful', 'an increase is fine when only decreases are bad');
});

test('toSeries() reads Prometheus vector, scalar and matrix answers, with NaN and ±Inf', () => {
  assert.deepEqual(toSeries({ resultType: 'scalar', result: [1, '+Inf'] }), [{ labels: {}, points: [{ t: 1, v: Number.POSITIVE_INFINITY }] }]);
  assert.deepEqual(toSeries({ resultType: 'vector', result: [{ metric: { a: 'b' }, value: [2, 'NaN'] }] })[0]!.points[0]!.v, Number.NaN);
  assert.deepEqual(toSeries({ resultType: 'matrix', result: [{ metric: {}, values: [[1, '1'], [2, '-Inf']] }] })[0]!.points.map((p) => p.v), [1, Number.NEGATIVE_INFINITY]);
  assert.throws(() => toSeries({ resultType: 'string', result: [1, 'x'] }), /cannot be judged/);
});

test('buildAnalysisSpec() expands templates with args (numbers stay numbers) and applies the defaults', () => {
  const s = buildAnalysisSpec({ args: { selector: 'job="a"' }, metrics: [{ name: 'e', template: 'http-5xx-jump', args: { maxIncrease: 1 } }, { name: 'q', query: 'up{job="{{args.job}}"}', args: { job: 'b' }, threshold: { max: 1 } }] });
  const [e, q] = s.metrics;
  assert.equal(e!.query, '(sum(rate(http_requests_total{job="a",code=~"5.."}[5m])) or vector(0)) / sum(rate(http_requests_total{job="a"}[5m]))');
  assert.deepEqual(e!.judge, { kind: 'relative', baseline: { offset: '1h' }, maxIncrease: 1, maxDecrease: undefined, floor: 0.01 });
  assert.equal(q!.query, 'up{job="b"}');
  assert.deepEqual([q!.count, q!.failureLimit, q!.consecutiveErrorLimit, q!.onEmpty, q!.onNaN], [1, 0, 4, 'inconclusive', 'inconclusive']);
  assert.throws(() => buildAnalysisSpec({ metrics: [{ name: 'e', template: 'http-5xx-jump' }] }), /needs args "selector"/);
  assert.throws(() => buildAnalysisSpec({ metrics: [{ name: 'x', query: 'up', threshold: { max: 1 }, successCondition: 'true' }] }), /cannot be combined/);
});

test('parseDuration() reads Prometheus durations and rejects the rest', () => {
  assert.equal(parseDuration('1h30m'), 5_400_000);
  assert.equal(parseDuration('250ms'), 250);
  for (const bad of ['', '5', '1x', 'm5']) assert.throws(() => parseDuration(bad), /Cannot read duration/);
});
