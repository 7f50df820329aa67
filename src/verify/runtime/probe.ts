/**
 * The imperative half of the runtime checks: a local upstream sink the service is pointed at,
 * traced requests, TLS handshakes and reachability probes. Each returns facts for the pure checks.
 */
import type { IncomingMessage, Server } from 'node:http';
import { connect as netConnect } from 'node:net';
import { checkServerIdentity, connect as tlsConnect, type PeerCertificate, type SecureVersion, type TLSSocket } from 'node:tls';
import type { TlsCheckConfig } from '../config.ts';
import { http, https } from '../../util/node-http.ts';
import { httpGet, type HttpGetOptions } from '../http-get.ts';
import type { ReachProbe, TlsFacts, TlsHandshake, TracedRequest, UpstreamCall } from './facts.ts';
import { versionBelow } from './tls.ts';
import { formatTraceParent, newTraceParent } from './traceparent.ts';

export interface UpstreamSink {
  url: string;
  calls: UpstreamCall[];
  close(): Promise<void>;
}

/** An HTTP server on a loopback port that answers 200 to everything and records each call's traceparent. */
export async function startUpstreamSink(): Promise<UpstreamSink> {
  const calls: UpstreamCall[] = [];
  const server: Server = http.createServer((req, res) => {
    const header = req.headers.traceparent;
    calls.push({ method: req.method ?? 'GET', path: req.url ?? '/', traceparent: Array.isArray(header) ? (header[0] ?? null) : (header ?? null) });
    req.resume();
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end('{"ok":true}\n');
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    calls,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** GET with a fresh traceparent; never throws (a failure is a fact). */
export async function tracedGet(port: number, path: string, timeoutMs: number, signal: AbortSignal | undefined, options: HttpGetOptions): Promise<TracedRequest> {
  const tp = newTraceParent();
  const base = { method: 'GET', path, traceId: tp.traceId, parentId: tp.parentId };
  try {
    const r = await httpGet(port, path, timeoutMs, signal, { ...options, headers: { ...options.headers, traceparent: formatTraceParent(tp) } });
    return { ...base, status: r.status };
  } catch (error) {
    return { ...base, status: null, error: (error as Error).message };
  }
}

function handshake(port: number, servername: string, ca: string | undefined, versions: { minVersion?: SecureVersion; maxVersion?: SecureVersion }, timeoutMs: number): Promise<TLSSocket> {
  return new Promise((resolve, reject) => {
    const socket = tlsConnect({ host: '127.0.0.1', port, servername, ...(ca ? { ca } : {}), rejectUnauthorized: false, ...versions, ciphers: versions.maxVersion && versions.maxVersion < 'TLSv1.2' ? 'DEFAULT@SECLEVEL=0' : undefined });
    const timer = setTimeout(() => socket.destroy(new Error(`TLS handshake timed out after ${timeoutMs} ms`)), timeoutMs);
    socket.once('secureConnect', () => {
      clearTimeout(timer);
      resolve(socket);
    });
    socket.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
  });
}

function nameOf(part: PeerCertificate['subject'] | undefined): string {
  if (!part) return '?';
  return Object.entries(part).map(([k, v]) => `${k}=${Array.isArray(v) ? v.join('+') : String(v)}`).join(', ') || '?';
}

/** Handshakes with the service as `serverName` (trusting `caPem`), then once more capped below the minimum version. */
export async function probeTls(port: number, config: TlsCheckConfig, caPem: string | undefined, timeoutMs = 5000): Promise<TlsFacts> {
  const facts: TlsFacts = { serverName: config.serverName, handshake: null, error: null, belowMinimum: null };
  try {
    const socket = await handshake(port, config.serverName, caPem, {}, timeoutMs);
    const cert = socket.getPeerCertificate(false);
    const identity = checkServerIdentity(config.serverName, cert);
    // Node folds the name check into authorizationError; the name has its own finding, the chain is judged alone.
    const chainError = socket.authorizationError && String(socket.authorizationError) !== 'ERR_TLS_CERT_ALTNAME_INVALID' ? String(socket.authorizationError) : null;
    const h: TlsHandshake = {
      protocol: socket.getProtocol(),
      authorized: chainError === null,
      authorizationError: chainError,
      nameError: identity ? identity.message : null,
      subject: nameOf(cert.subject),
      issuer: nameOf(cert.issuer),
      subjectAltName: cert.subjectaltname ?? null,
      validFrom: new Date(cert.valid_from).toISOString(),
      validTo: new Date(cert.valid_to).toISOString(),
    };
    facts.handshake = h;
    socket.destroy();
  } catch (error) {
    facts.error = (error as Error).message;
    return facts;
  }
  const below = versionBelow(config.minVersion);
  if (below) {
    try {
      const socket = await handshake(port, config.serverName, caPem, { minVersion: 'TLSv1', maxVersion: below }, timeoutMs);
      facts.belowMinimum = { version: below, accepted: true, protocol: socket.getProtocol() };
      socket.destroy();
    } catch {
      facts.belowMinimum = { version: below, accepted: false, protocol: null };
    }
  }
  return facts;
}

/** One endpoint: tcp://host:port answers when a connection opens; http(s):// when any HTTP response comes back. */
export async function probeEndpoint(endpoint: string, expect: ReachProbe['expect'], timeoutMs: number): Promise<ReachProbe> {
  const result = (answered: boolean, detail: string): ReachProbe => ({ endpoint, expect, answered, detail });
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    return result(false, 'not a URL');
  }
  if (url.protocol === 'tcp:') {
    return new Promise((resolve) => {
      const socket = netConnect({ host: url.hostname.replace(/^\[|\]$/g, ''), port: Number(url.port) });
      const done = (answered: boolean, detail: string): void => {
        socket.destroy();
        resolve(result(answered, detail));
      };
      socket.setTimeout(timeoutMs, () => done(false, `timed out after ${timeoutMs} ms`));
      socket.once('connect', () => done(true, 'connected'));
      socket.once('error', (error: NodeJS.ErrnoException) => done(false, error.code ?? error.message));
    });
  }
  // node:http(s) rather than fetch: fetch loads undici (~40 ms of CPU on first use) and refuses
  // the ports of the Fetch standard's block list ("bad port") without probing them, so an endpoint
  // there that must not answer passed even when something listened. Certificates are verified, as
  // fetch did; redirects are not followed (any response is an answer).
  return new Promise((resolve) => {
    let settled = false;
    const done = (answered: boolean, detail: string): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      req.destroy();
      resolve(result(answered, detail));
    };
    const request = url.protocol === 'https:' ? https.request : http.request;
    const req = request(url, { method: 'GET', agent: false }, (res: IncomingMessage) => done(true, `HTTP ${res.statusCode}`));
    const timer = setTimeout(() => done(false, `timed out after ${timeoutMs} ms`), timeoutMs);
    req.on('error', (error: NodeJS.ErrnoException) => done(false, error.code ?? error.message));
    req.end();
  });
}
