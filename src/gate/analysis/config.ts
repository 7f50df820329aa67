/** `gate.analysis` as written in gocross.config.yaml (schema: definitions/gateAnalysis). */
import type { Policy } from './model.ts';

export type RawBaseline = { query: string } | { offset: string };
export type TemplateArgs = Record<string, string | number>;

export interface RawMetric {
  name: string;
  template?: string;
  args?: TemplateArgs;
  query?: string;
  interval?: string;
  initialDelay?: string;
  count?: number;
  successCondition?: string;
  failureCondition?: string;
  failureLimit?: number;
  inconclusiveLimit?: number;
  consecutiveErrorLimit?: number;
  consecutiveSuccessLimit?: number;
  onEmpty?: Policy;
  onNaN?: Policy;
  threshold?: { max?: number; min?: number };
  relative?: { baseline: RawBaseline; maxIncrease?: number; maxDecrease?: number; floor?: number };
  mannWhitney?: {
    baseline: RawBaseline;
    window?: string;
    step?: string;
    minSamples?: number;
    alpha?: number;
    tolerance?: number;
    direction?: 'increase' | 'decrease' | 'both';
  };
}

export interface GateAnalysisConfig {
  prometheus?: {
    url?: string;
    bearerTokenEnv?: string;
    bearerTokenFile?: string;
    username?: string;
    passwordEnv?: string;
    passwordFile?: string;
    timeout?: string;
  };
  args?: TemplateArgs;
  metrics?: RawMetric[];
}
