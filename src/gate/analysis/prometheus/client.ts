/**
 * A small client for the Prometheus HTTP API (`/api/v1/query`, `/api/v1/query_range`). Every way a
 * query can go wrong is a PrometheusError naming the server and the cause — unreachable, refused
 * credentials, a rejected query, an answer that is not Prometheus's — never an empty result that
 * a judge could mistake for "no errors".
 */
import { GocrossError } from '../../../core/errors.ts';
import type { Series } from '../model.ts';
import { authorizationHeader, type Credentials } from './auth.ts';

export class PrometheusError extends GocrossError {
  constructor(message: string, options: { cause?: unknown; fix?: string } = {}) {
    super('environment', message, options);
  }
}

export interface PrometheusClient {
  /** The server, without any credentials in it: safe to print. */
  readonly url: string;
  query(expr: string, time: number): Promise<Series[]>;
  queryRange(expr: string, start: number, end: number, stepSeconds: number): Promise<Series[]>;
  /** Resolves when the server answers its build-info endpoint; a PrometheusError otherwise. */
  ping(): Promise<{ version: string }>;
}

export interface ClientOptions {
  url: string;
  credentials?: Credentials;
  timeoutMs?: number;
}

/** "+Inf", "-Inf" and "NaN" are how Prometheus writes non-finite sample values. */
export function parseSampleValue(text: string): number {
  if (text === '+Inf' || text === 'Inf') return Number.POSITIVE_INFINITY;
  if (text === '-Inf') return Number.NEGATIVE_INFINITY;
  if (text === 'NaN') return Number.NaN;
  const n = Number(text);
  if (text.trim() === '' || (Number.isNaN(n) && text !== 'NaN')) throw new Error(`sample value "${text}" is not a number`);
  return n;
}

type RawPoint = [number, string];
interface RawResponse {
  status?: string;
  error?: string;
  errorType?: string;
  data?: { resultType?: string; result?: unknown; version?: string };
}

/** Prometheus's answer data as series; throws on a shape it does not document. */
export function toSeries(data: { resultType?: string; result?: unknown }): Series[] {
  const point = ([t, v]: RawPoint): { t: number; v: number } => ({ t, v: parseSampleValue(v) });
  switch (data.resultType) {
    case 'scalar':
      return [{ labels: {}, points: [point(data.result as RawPoint)] }];
    case 'vector':
      return (data.result as { metric: Record<string, string>; value: RawPoint }[]).map((s) => ({ labels: s.metric, points: [point(s.value)] }));
    case 'matrix':
      return (data.result as { metric: Record<string, string>; values: RawPoint[] }[]).map((s) => ({ labels: s.metric, points: s.values.map(point) }));
    default:
      throw new Error(`result type "${String(data.resultType)}" cannot be judged (expected scalar, vector or matrix)`);
  }
}

/** The URL with user:password@ removed. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    u.username = '';
    u.password = '';
    return u.toString().replace(/\/$/, '');
  } catch {
    return url;
  }
}

export function createPrometheusClient(options: ClientOptions): PrometheusClient {
  let base: URL;
  try {
    base = new URL(options.url.endsWith('/') ? options.url : `${options.url}/`);
  } catch (cause) {
    throw new GocrossError('usage', `Cannot use Prometheus URL "${options.url}": not a URL`, { cause, fix: 'pass --prometheus http://host:9090' });
  }
  const shown = redactUrl(options.url);
  const headers: Record<string, string> = { accept: 'application/json' };
  const authorization = authorizationHeader(options.credentials ?? { kind: 'none' });
  if (authorization) headers.authorization = authorization;
  const timeoutMs = options.timeoutMs ?? 30_000;

  async function call(path: string, params: Record<string, string> | undefined, what: string): Promise<RawResponse['data']> {
    const url = new URL(path, base);
    let response: Response;
    try {
      // Queries are POSTed (a long PromQL expression does not fit every proxy's URL limit).
      response = await fetch(url, {
        method: params ? 'POST' : 'GET',
        headers: params ? { ...headers, 'content-type': 'application/x-www-form-urlencoded' } : headers,
        ...(params ? { body: new URLSearchParams(params).toString() } : {}),
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (cause) {
      const reason = (cause as { cause?: { code?: string; message?: string } }).cause;
      const detail = (cause as Error).name === 'TimeoutError' ? `no answer within ${timeoutMs} ms` : (reason?.code ?? reason?.message ?? (cause as Error).message);
      throw new PrometheusError(`Cannot reach Prometheus at ${shown}: ${detail}`, { cause, fix: 'check --prometheus and that the server is up' });
    }
    const text = await response.text();
    let body: RawResponse | undefined;
    try {
      body = JSON.parse(text) as RawResponse;
    } catch {
      body = undefined;
    }
    if (response.status === 401 || response.status === 403) {
      throw new PrometheusError(`Cannot ${what}: Prometheus at ${shown} answered ${response.status} ${response.statusText}`, { fix: 'check the bearer token or basic auth credentials' });
    }
    if (!body || typeof body !== 'object') throw new PrometheusError(`Cannot ${what}: ${shown} answered HTTP ${response.status} with something that is not the Prometheus API (${JSON.stringify(text.slice(0, 80))})`);
    if (body.status !== 'success') throw new PrometheusError(`Cannot ${what}: Prometheus answered ${body.errorType ?? `HTTP ${response.status}`}: ${body.error ?? 'no reason given'}`);
    return body.data;
  }

  async function series(path: string, params: Record<string, string>, expr: string): Promise<Series[]> {
    const data = await call(path, params, `run query ${expr}`);
    try {
      return toSeries(data ?? {});
    } catch (cause) {
      throw new PrometheusError(`Cannot read the answer to ${expr}: ${(cause as Error).message}`, { cause });
    }
  }

  return {
    url: shown,
    query: (expr, time) => series('api/v1/query', { query: expr, time: String(time) }, expr),
    queryRange: (expr, start, end, step) => series('api/v1/query_range', { query: expr, start: String(start), end: String(end), step: String(step) }, expr),
    async ping() {
      const data = await call('api/v1/status/buildinfo', undefined, 'read the build info');
      return { version: data?.version ?? 'unknown' };
    },
  };
}
