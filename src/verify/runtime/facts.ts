/**
 * What the runtime checks judge: facts gathered while the service ran (its output, the requests
 * gocross traced, the calls its upstream sink received, the TLS handshakes, the reachability
 * probes). Gathered by probe.ts; judged by the pure checks beside this file.
 */
export interface TracedRequest {
  method: string;
  path: string;
  traceId: string;
  /** The span id gocross sent as parent-id. */
  parentId: string;
  /** HTTP status, or null when the request failed. */
  status: number | null;
  error?: string;
}

export interface UpstreamCall {
  method: string;
  path: string;
  /** The traceparent header as received, or null when absent. */
  traceparent: string | null;
}

export interface TlsHandshake {
  /** Negotiated protocol, e.g. "TLSv1.3". */
  protocol: string | null;
  /** Chain verified against the configured CA (or system roots). */
  authorized: boolean;
  /** OpenSSL's reason when not authorized, e.g. CERT_HAS_EXPIRED. */
  authorizationError: string | null;
  /** Why the name check failed, or null when the certificate is valid for the probed name. */
  nameError: string | null;
  subject: string;
  issuer: string;
  subjectAltName: string | null;
  /** ISO dates. */
  validFrom: string;
  validTo: string;
}

export interface TlsFacts {
  serverName: string;
  /** null when no handshake succeeded. */
  handshake: TlsHandshake | null;
  error: string | null;
  /** Handshake attempted with the highest protocol below the configured minimum: whether it succeeded. */
  belowMinimum: { version: string; accepted: boolean; protocol: string | null } | null;
}

export interface ReachProbe {
  endpoint: string;
  expect: 'answer' | 'no-answer';
  answered: boolean;
  /** e.g. "HTTP 200", "connected", "ECONNREFUSED", "timed out after 2000 ms". */
  detail: string;
}

export interface ServiceStreams {
  stdout: string;
  stderr: string;
}

export interface RuntimeFacts {
  /** What the service wrote, by stream; null when the launcher cannot separate them. */
  streams: ServiceStreams | null;
  traced: TracedRequest[];
  upstreamCalls: UpstreamCall[];
  tls: TlsFacts | null;
  reachability: ReachProbe[];
  /** The time the facts were gathered (ms since epoch): certificate remaining-days are relative to it. */
  now: number;
}
