/**
 * From `gate.analysis` in the config (plus CLI overrides) to the AnalysisSpec the runner takes:
 * templates expanded, {{args.NAME}} replaced, durations parsed, defaults applied (Argo's, except
 * the explicit onEmpty/onNaN), and every mistake reported with its key path before any query runs.
 */
import { GocrossError } from '../../core/errors.ts';
import { parseCondition } from './condition/parse.ts';
import type { GateAnalysisConfig, RawMetric, TemplateArgs } from './config.ts';
import { parseDuration } from './duration.ts';
import type { AnalysisSpec, BaselineSpec, Judge, MetricSpec } from './model.ts';
import { findTemplate, TEMPLATES } from './templates.ts';

export class AnalysisConfigError extends GocrossError {
  readonly problems: string[];
  constructor(problems: string[]) {
    super('config', `Cannot use gate.analysis: ${problems.length === 1 ? problems[0] : `${problems.length} problems\n  ${problems.join('\n  ')}`}`);
    this.problems = problems;
  }
}

const PLACEHOLDER = /\{\{\s*args\.([A-Za-z_][A-Za-z0-9_-]*)\s*\}\}/g;

/** Replaces {{args.NAME}} everywhere in a JSON-like value; a string that is one placeholder takes the argument's own type. */
export function substitute(value: unknown, args: TemplateArgs, missing: Set<string>): unknown {
  if (typeof value === 'string') {
    const whole = /^\{\{\s*args\.([A-Za-z_][A-Za-z0-9_-]*)\s*\}\}$/.exec(value);
    if (whole) {
      const arg = args[whole[1]!];
      if (arg === undefined) missing.add(whole[1]!);
      return arg ?? value;
    }
    return value.replace(PLACEHOLDER, (text, name: string) => {
      const arg = args[name];
      if (arg === undefined) {
        missing.add(name);
        return text;
      }
      return String(arg);
    });
  }
  if (Array.isArray(value)) return value.map((v) => substitute(v, args, missing));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, substitute(v, args, missing)]));
  return value;
}

function baselineOf(raw: unknown, where: string, problems: string[]): BaselineSpec {
  const b = raw as { query?: unknown; offset?: unknown } | undefined;
  if (b && typeof b.query === 'string') return { query: b.query };
  if (b && typeof b.offset === 'string') return { offset: b.offset };
  problems.push(`${where}.baseline: give { query: … } or { offset: 1h }`);
  return { offset: '0s' };
}

function number(value: unknown, where: string, problems: string[], fallback?: number): number | undefined {
  if (value === undefined) return fallback;
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  problems.push(`${where}: expected a number, got ${JSON.stringify(value)}`);
  return fallback;
}

function buildMetric(raw: RawMetric, sharedArgs: TemplateArgs, where: string, problems: string[]): MetricSpec | undefined {
  let merged: Record<string, unknown> = { ...raw };
  if (raw.template !== undefined) {
    const template = findTemplate(raw.template);
    if (!template) {
      problems.push(`${where}.template: unknown template "${raw.template}" (known: ${TEMPLATES.map((t) => t.id).join(', ')})`);
      return undefined;
    }
    const defaults = Object.fromEntries(Object.entries(template.args).filter(([, v]) => v !== null)) as TemplateArgs;
    const args = { ...defaults, ...sharedArgs, ...raw.args };
    const missing = new Set<string>();
    const expanded = substitute(template.metric, args, missing) as Record<string, unknown>;
    if (missing.size > 0) {
      problems.push(`${where}: template ${template.id} needs args ${[...missing].map((m) => `"${m}"`).join(', ')} (e.g. args: { selector: 'job="api",version="canary"' })`);
      return undefined;
    }
    // The metric's own fields override the template's; a judge given on the metric replaces the template's judge.
    const ownJudge = ['threshold', 'relative', 'mannWhitney'].some((k) => k in raw);
    const base = ownJudge ? Object.fromEntries(Object.entries(expanded).filter(([k]) => !['threshold', 'relative', 'mannWhitney'].includes(k))) : expanded;
    merged = { ...base, ...raw };
  }
  const missingArgs = new Set<string>();
  merged = substitute(merged, { ...sharedArgs, ...raw.args }, missingArgs) as Record<string, unknown>;
  if (missingArgs.size > 0) problems.push(`${where}: no value for ${[...missingArgs].map((m) => `{{args.${m}}}`).join(', ')} (set it in args)`);
  const m = merged as unknown as RawMetric;
  if (typeof m.query !== 'string' || m.query.trim() === '') {
    problems.push(`${where}: needs a query or a template`);
    return undefined;
  }
  const duration = (value: string | undefined, key: string, fallback: number): number => {
    if (value === undefined) return fallback;
    try {
      return parseDuration(value);
    } catch (error) {
      problems.push(`${where}.${key}: ${(error as Error).message}`);
      return fallback;
    }
  };
  const judges = (['threshold', 'relative', 'mannWhitney'] as const).filter((k) => m[k] !== undefined);
  if (judges.length > 1) problems.push(`${where}: one judge per metric, got ${judges.join(' and ')}`);
  let judge: Judge | undefined;
  if (m.threshold) {
    judge = { kind: 'threshold', max: number(m.threshold.max, `${where}.threshold.max`, problems), min: number(m.threshold.min, `${where}.threshold.min`, problems) };
    if (judge.max === undefined && judge.min === undefined) problems.push(`${where}.threshold: give max, min or both`);
  } else if (m.relative) {
    const r = m.relative;
    judge = {
      kind: 'relative',
      baseline: baselineOf(r.baseline, `${where}.relative`, problems),
      maxIncrease: number(r.maxIncrease, `${where}.relative.maxIncrease`, problems),
      maxDecrease: number(r.maxDecrease, `${where}.relative.maxDecrease`, problems),
      floor: number(r.floor, `${where}.relative.floor`, problems),
    };
    if (judge.maxIncrease === undefined && judge.maxDecrease === undefined) problems.push(`${where}.relative: give maxIncrease, maxDecrease or both`);
  } else if (m.mannWhitney) {
    const w = m.mannWhitney;
    judge = {
      kind: 'mannWhitney',
      baseline: baselineOf(w.baseline, `${where}.mannWhitney`, problems),
      window: w.window ?? '10m',
      step: w.step ?? '15s',
      minSamples: number(w.minSamples, `${where}.mannWhitney.minSamples`, problems, 20)!,
      alpha: number(w.alpha, `${where}.mannWhitney.alpha`, problems, 0.05)!,
      tolerance: number(w.tolerance, `${where}.mannWhitney.tolerance`, problems, 0.05)!,
      direction: w.direction ?? 'increase',
    };
    duration(judge.window, 'mannWhitney.window', 0);
    if (duration(judge.step, 'mannWhitney.step', 1) <= 0) problems.push(`${where}.mannWhitney.step: must be more than 0`);
  }
  if (judge && 'baseline' in judge && 'offset' in judge.baseline) duration(judge.baseline.offset, 'baseline.offset', 0);
  if (judge && (m.successCondition || m.failureCondition)) problems.push(`${where}: a judge (${judge.kind}) and successCondition/failureCondition cannot be combined; use one`);
  for (const key of ['successCondition', 'failureCondition'] as const) {
    const text = m[key];
    if (text === undefined) continue;
    try {
      parseCondition(text);
    } catch (error) {
      problems.push(`${where}.${key}: ${(error as Error).message}`);
    }
  }
  const count = m.count ?? 1;
  const intervalMs = duration(m.interval, 'interval', 0);
  if (count > 1 && intervalMs === 0) problems.push(`${where}: count ${count} needs an interval between measurements`);
  return {
    name: m.name,
    query: m.query,
    ...(raw.template ? { template: raw.template } : {}),
    intervalMs,
    initialDelayMs: duration(m.initialDelay, 'initialDelay', 0),
    count,
    ...(m.successCondition ? { successCondition: m.successCondition } : {}),
    ...(m.failureCondition ? { failureCondition: m.failureCondition } : {}),
    ...(judge ? { judge } : {}),
    failureLimit: m.failureLimit ?? 0,
    inconclusiveLimit: m.inconclusiveLimit ?? 0,
    consecutiveErrorLimit: m.consecutiveErrorLimit ?? 4,
    consecutiveSuccessLimit: m.consecutiveSuccessLimit ?? 0,
    onEmpty: m.onEmpty ?? 'inconclusive',
    onNaN: m.onNaN ?? 'inconclusive',
  };
}

/** The runnable spec, or an AnalysisConfigError listing every problem. `only` keeps the named metrics. */
export function buildAnalysisSpec(config: GateAnalysisConfig, options: { only?: readonly string[] } = {}): AnalysisSpec {
  const problems: string[] = [];
  const raws = config.metrics ?? [];
  if (raws.length === 0) problems.push('gate.analysis.metrics: no metrics configured');
  const seen = new Set<string>();
  const metrics: MetricSpec[] = [];
  for (const [i, raw] of raws.entries()) {
    const where = `gate.analysis.metrics[${i}] (${raw.name})`;
    if (seen.has(raw.name)) problems.push(`${where}: the name is used twice`);
    seen.add(raw.name);
    if (options.only && !options.only.includes(raw.name)) continue;
    const metric = buildMetric(raw, config.args ?? {}, where, problems);
    if (metric) metrics.push(metric);
  }
  for (const name of options.only ?? []) if (!seen.has(name)) problems.push(`--metric ${name}: no such metric (configured: ${[...seen].join(', ') || 'none'})`);
  if (problems.length > 0) throw new AnalysisConfigError(problems);
  return { metrics };
}
