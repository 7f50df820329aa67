/**
 * The analysis model: what a metric asks (spec), what one measurement saw and decided, and what a
 * metric and the whole analysis concluded. Names and semantics follow Argo Rollouts' AnalysisRun
 * (successCondition, failureLimit, …) so its users can read them, with explicit policies where
 * Argo surprises (an empty result, NaN).
 */

/** What an empty result or NaN counts as. */
export type Policy = 'fail' | 'inconclusive' | 'pass';

/** A reference to compare against: a second query, or the same query an `offset` earlier. */
export type BaselineSpec = { query: string } | { offset: string };

export interface ThresholdJudge {
  kind: 'threshold';
  /** Every value must be ≤ max … */
  max?: number;
  /** … and ≥ min. */
  min?: number;
}

export interface RelativeJudge {
  kind: 'relative';
  baseline: BaselineSpec;
  /** Largest allowed rise as a fraction of the baseline (0.5 = +50%). */
  maxIncrease?: number;
  /** Largest allowed fall as a fraction of the baseline. */
  maxDecrease?: number;
  /** Values at or below this never fail (a rise from 0.0001 to 0.0003 is noise, not an incident). */
  floor?: number;
}

export interface MannWhitneyJudge {
  kind: 'mannWhitney';
  baseline: BaselineSpec;
  /** How far back the samples reach from each measurement time, e.g. "10m". */
  window: string;
  /** The range query step, e.g. "15s". */
  step: string;
  /** Fewer samples on either side is inconclusive, not a pass (default 20). */
  minSamples: number;
  /** Significance level (default 0.05). */
  alpha: number;
  /** Shifts smaller than this fraction of the baseline median never fail (default 0.05). */
  tolerance: number;
  /** Which way is bad (default increase: latency, errors). */
  direction: 'increase' | 'decrease' | 'both';
}

export type Judge = ThresholdJudge | RelativeJudge | MannWhitneyJudge;

export interface MetricSpec {
  name: string;
  query: string;
  /** Where it came from, e.g. "template http-5xx-jump". */
  template?: string;
  intervalMs: number;
  initialDelayMs: number;
  count: number;
  successCondition?: string;
  failureCondition?: string;
  judge?: Judge;
  /** Failed measurements tolerated; -1 disables (then consecutiveSuccessLimit decides). */
  failureLimit: number;
  inconclusiveLimit: number;
  consecutiveErrorLimit: number;
  /** Consecutive successful measurements that end the metric as successful; 0 disables. */
  consecutiveSuccessLimit: number;
  onEmpty: Policy;
  onNaN: Policy;
}

export interface AnalysisSpec {
  metrics: MetricSpec[];
}

export type MeasurementPhase = 'successful' | 'failed' | 'inconclusive' | 'error';
export type MetricPhase = MeasurementPhase;
export type Verdict = 'pass' | 'fail' | 'inconclusive' | 'error';

/** One time series a query returned. Instant queries give one point per series. */
export interface Series {
  labels: Record<string, string>;
  points: { t: number; v: number }[];
}

/** A query and what came back (or why nothing did). */
export interface QueryFacts {
  query: string;
  /** Evaluation time (unix seconds) of an instant query, or the end of a range. */
  time: number;
  /** Start and step of a range query. */
  range?: { start: number; stepSeconds: number };
  series?: Series[];
  error?: string;
}

/** Everything one measurement decides over. */
export interface MeasurementFacts {
  time: number;
  current: QueryFacts;
  baseline?: QueryFacts;
}

/** The number that decided, and the bound it was held against, in words a person checks. */
export interface Statistic {
  name: string;
  value: number;
  /** e.g. "≤ 0.01", "p < 0.05 and shift > +5%". */
  threshold: string;
  /** Further numbers of the statistic (p-value, U, Hodges–Lehmann shift, medians, sample sizes). */
  details?: Record<string, number | string>;
  /** The threshold on the samples' own scale, when the judge has one (a chart draws it as a line). */
  bounds?: { lower?: number; upper?: number };
}

export interface Measurement {
  time: number;
  phase: MeasurementPhase;
  /** One line: why this phase. */
  message: string;
  /** The values seen: one per series for instant queries, every point for ranges. */
  values: number[];
  baselineValues?: number[];
  statistic?: Statistic;
  query: string;
  baselineQuery?: string;
}

export interface MetricResult {
  name: string;
  template?: string;
  phase: MetricPhase;
  /** Why the metric ended in this phase (limits reached, count done). */
  reason: string;
  measurements: Measurement[];
  counts: Record<MeasurementPhase, number>;
  /** The conditions or judge, as configured, so a reader sees the rule beside the numbers. */
  rule: string;
  query: string;
}

export interface AnalysisResult {
  verdict: Verdict;
  metrics: MetricResult[];
  startedAt: string;
  durationMs: number;
  prometheus: string;
}
