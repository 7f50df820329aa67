/**
 * The library entry `deploy` calls between waves, and the CLI wraps: config in, verdict out.
 * Checks that Prometheus answers before any metric runs, so "unreachable" is one clear error and
 * never a string of errored measurements that might be read as a pass.
 */
import type { GateAnalysisConfig } from './config.ts';
import { parseDuration } from './duration.ts';
import type { AnalysisEvent } from './events.ts';
import type { AnalysisResult } from './model.ts';
import { resolveCredentials, type AuthSource } from './prometheus/auth.ts';
import { createPrometheusClient } from './prometheus/client.ts';
import { runAnalysis } from './run.ts';
import { AnalysisConfigError, buildAnalysisSpec } from './spec.ts';

export interface AnalyzeOptions {
  config: GateAnalysisConfig;
  /** Overrides gate.analysis.prometheus.url. */
  prometheus?: string;
  /** Overrides the config's credentials when any field is set. */
  auth?: AuthSource;
  /** Start time, unix seconds (default now). */
  at?: number;
  /** Run only these metrics. */
  metrics?: readonly string[];
  onEvent?: (event: AnalysisEvent) => void;
  signal?: AbortSignal;
  env?: NodeJS.ProcessEnv;
}

export async function analyze(options: AnalyzeOptions): Promise<AnalysisResult> {
  const { config } = options;
  const spec = buildAnalysisSpec(config, { only: options.metrics });
  const url = options.prometheus ?? config.prometheus?.url;
  if (!url) throw new AnalysisConfigError(['no Prometheus server: pass --prometheus URL or set gate.analysis.prometheus.url']);
  const fromConfig = config.prometheus ?? {};
  const auth = options.auth && Object.values(options.auth).some((v) => v !== undefined) ? options.auth : fromConfig;
  const credentials = await resolveCredentials(auth, options.env);
  const client = createPrometheusClient({ url, credentials, timeoutMs: fromConfig.timeout ? parseDuration(fromConfig.timeout) : undefined });
  await client.ping();
  return runAnalysis(spec, { client, at: options.at, onEvent: options.onEvent, signal: options.signal });
}
