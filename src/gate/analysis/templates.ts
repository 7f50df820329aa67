/**
 * The rules users write by hand, shipped as templates: PromQL over the metric names the standard
 * exporters publish (Go client runtime metrics, kafka_exporter, mysqld_exporter, redis_exporter,
 * postgres_exporter), with {{args.NAME}} placeholders. A metric names a template and overrides
 * any field; args come from the metric, then gate.analysis.args, then the template's defaults.
 */

export interface Template {
  id: string;
  description: string;
  /** Arguments with their defaults; `null` means the caller must give it. */
  args: Record<string, string | number | null>;
  /** Fields of a metric; a string that is exactly one placeholder takes the argument's type (a number stays a number). */
  metric: Record<string, unknown>;
}

const requests = '{{args.metric}}';

export const TEMPLATES: readonly Template[] = [
  {
    id: 'http-5xx-jump',
    description: 'Share of 5xx responses now against the same share an hour (baselineOffset) earlier; fails on a jump beyond maxIncrease above the floor',
    args: { selector: null, metric: 'http_requests_total', codeLabel: 'code', rateWindow: '5m', baselineOffset: '1h', maxIncrease: 0.5, floor: 0.01 },
    metric: {
      query: `(sum(rate(${requests}{{{args.selector}},{{args.codeLabel}}=~"5.."}[{{args.rateWindow}}])) or vector(0)) / sum(rate(${requests}{{{args.selector}}}[{{args.rateWindow}}]))`,
      relative: { baseline: { offset: '{{args.baselineOffset}}' }, maxIncrease: '{{args.maxIncrease}}', floor: '{{args.floor}}' },
    },
  },
  {
    id: 'go-gc-time-share',
    description: 'Share of wall time each Go process spends in stop-the-world GC pauses (go_gc_duration_seconds), per instance',
    args: { selector: null, rateWindow: '5m', max: 0.05 },
    metric: {
      query: 'max by (instance) (rate(go_gc_duration_seconds_sum{{{args.selector}}}[{{args.rateWindow}}]))',
      threshold: { max: '{{args.max}}' },
    },
  },
  {
    id: 'latency-p99-vs-baseline',
    description: 'p99 request latency of the canary (selector) against the baseline (baselineSelector) from the same histogram',
    args: { selector: null, baselineSelector: null, histogram: 'http_request_duration_seconds', rateWindow: '5m', maxIncrease: 0.2 },
    metric: {
      query: 'histogram_quantile(0.99, sum by (le) (rate({{args.histogram}}_bucket{{{args.selector}}}[{{args.rateWindow}}])))',
      relative: {
        baseline: { query: 'histogram_quantile(0.99, sum by (le) (rate({{args.histogram}}_bucket{{{args.baselineSelector}}}[{{args.rateWindow}}])))' },
        maxIncrease: '{{args.maxIncrease}}',
      },
    },
  },
  {
    id: 'consumer-lag',
    description: 'Kafka consumer group lag in messages (kafka_exporter kafka_consumergroup_lag), summed over partitions',
    args: { selector: null, max: 10000 },
    metric: { query: 'sum(kafka_consumergroup_lag{{{args.selector}}})', threshold: { max: '{{args.max}}' } },
  },
  {
    id: 'consumer-lag-growth',
    description: 'Growth rate of the Kafka consumer group lag in messages per second over growthWindow (a lag that keeps growing never catches up)',
    args: { selector: null, growthWindow: '10m', max: 0 },
    metric: { query: 'deriv((sum(kafka_consumergroup_lag{{{args.selector}}}))[{{args.growthWindow}}:30s])', threshold: { max: '{{args.max}}' } },
  },
  {
    id: 'replication-lag-mysql',
    description: 'MySQL replica delay in seconds (mysqld_exporter mysql_slave_status_seconds_behind_master)',
    args: { selector: null, maxSeconds: 30 },
    metric: { query: 'max(mysql_slave_status_seconds_behind_master{{{args.selector}}})', threshold: { max: '{{args.maxSeconds}}' } },
  },
  {
    id: 'replication-lag-redis',
    description: 'Redis replica lag in seconds as the master sees it (redis_exporter redis_connected_slave_lag_seconds)',
    args: { selector: null, maxSeconds: 10 },
    metric: { query: 'max(redis_connected_slave_lag_seconds{{{args.selector}}})', threshold: { max: '{{args.maxSeconds}}' } },
  },
  {
    id: 'replication-lag-postgres',
    description: 'PostgreSQL replay lag in seconds on replicas (postgres_exporter pg_replication_lag_seconds)',
    args: { selector: null, maxSeconds: 30 },
    metric: { query: 'max(pg_replication_lag_seconds{{{args.selector}}})', threshold: { max: '{{args.maxSeconds}}' } },
  },
];

export function findTemplate(id: string): Template | undefined {
  return TEMPLATES.find((t) => t.id === id);
}
