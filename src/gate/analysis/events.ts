/** What the analysis runner reports while it runs; renderers decide how to show it. */
import type { Measurement, MetricResult } from './model.ts';

export type AnalysisEvent =
  | { type: 'measurement'; metric: string; index: number; count: number; measurement: Measurement }
  | { type: 'waiting'; metric: string; untilMs: number }
  | { type: 'metric-done'; result: MetricResult };
