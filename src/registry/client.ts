/**
 * An OCI Distribution API client (distribution-spec v1.1 spec.md) for one repository: answers
 * 401 challenges with Basic or Bearer (token) auth, once per scope, and turns registry error
 * bodies into `Cannot …` messages. HTTPS unless `insecure` (plain HTTP, for test registries).
 */
import { GocrossError } from '../core/errors.ts';
import { parseChallenge, type Challenge } from './challenge.ts';
import type { Credentials } from './credentials.ts';
import { apiHost } from './reference.ts';

export interface ClientOptions {
  registry: string;
  repository: string;
  credentials?: Credentials;
  insecure?: boolean;
  /** Counts requests and bytes sent, for the warm re-push check and the bench. */
  stats?: { requests: number; bytesSent: number; blobUploads: number };
}

export interface RegistryResponse {
  status: number;
  headers: Headers;
  body: Buffer;
}

export interface RegistryRequest {
  method: string;
  /** Path under /v2/<repository>/, or an absolute URL (an upload Location). */
  path: string;
  headers?: Record<string, string>;
  body?: Uint8Array;
}

/** The error codes of a registry's JSON error body, as "CODE: message" (spec.md "Error Codes"). */
function registryErrors(body: Buffer): string {
  try {
    const doc = JSON.parse(body.toString('utf8')) as { errors?: Array<{ code?: string; message?: string }> };
    const list = (doc.errors ?? []).map((e) => `${e.code ?? '?'}${e.message ? `: ${e.message}` : ''}`);
    if (list.length) return list.join('; ');
  } catch {
    /* not JSON */
  }
  return body.toString('utf8').slice(0, 200).trim();
}

export class RegistryClient {
  readonly registry: string;
  readonly repository: string;
  readonly base: string;
  private readonly credentials: Credentials | undefined;
  private readonly stats: ClientOptions['stats'];
  private authorization: string | undefined;
  private readonly tokens = new Map<string, string>();

  constructor(options: ClientOptions) {
    this.registry = options.registry;
    this.repository = options.repository;
    this.base = `${options.insecure ? 'http' : 'https'}://${apiHost(options.registry)}`;
    this.credentials = options.credentials;
    this.stats = options.stats;
  }

  url(path: string): string {
    if (/^https?:\/\//.test(path)) return path;
    if (path.startsWith('/')) return `${this.base}${path}`;
    return `${this.base}/v2/${this.repository}/${path}`;
  }

  private async send(init: RegistryRequest): Promise<RegistryResponse & { sentWith: string | undefined }> {
    const url = this.url(init.path);
    const headers: Record<string, string> = { ...init.headers };
    const sentWith = this.authorization;
    if (sentWith) headers.Authorization = sentWith;
    let response: Response;
    try {
      response = await fetch(url, { method: init.method, headers, ...(init.body ? { body: init.body as Uint8Array<ArrayBuffer> } : {}), redirect: 'follow' });
    } catch (error) {
      const cause = (error as { cause?: { code?: string; message?: string } }).cause;
      const why = cause?.code ?? cause?.message ?? (error as Error).message;
      const tls = /CERT|SSL|TLS|self.signed/i.test(String(why));
      throw new GocrossError('environment', `Cannot reach registry ${this.registry}: ${init.method} ${url} failed (${why})`, {
        cause: error,
        fix: tls ? 'trust the registry\'s CA (NODE_EXTRA_CA_CERTS=ca.pem)' : 'check the host and port; for a plain-HTTP test registry pass --insecure',
      });
    }
    if (this.stats) {
      this.stats.requests++;
      this.stats.bytesSent += init.body?.length ?? 0;
    }
    return { status: response.status, headers: response.headers, body: Buffer.from(await response.arrayBuffer()), sentWith };
  }

  private async authenticate(challenge: Challenge): Promise<boolean> {
    const creds = this.credentials;
    if (challenge.scheme === 'basic') {
      if (!creds) return false;
      const value = `Basic ${Buffer.from(`${creds.username}:${creds.password}`).toString('base64')}`;
      if (this.authorization === value) return false;
      this.authorization = value;
      return true;
    }
    if (challenge.scheme !== 'bearer' || !challenge.params.realm) return false;
    const key = `${challenge.params.service ?? ''} ${challenge.params.scope ?? ''}`;
    const cached = this.tokens.get(key);
    if (cached && this.authorization !== `Bearer ${cached}`) {
      this.authorization = `Bearer ${cached}`;
      return true;
    }
    const tokenUrl = new URL(challenge.params.realm);
    if (challenge.params.service) tokenUrl.searchParams.set('service', challenge.params.service);
    for (const s of (challenge.params.scope ?? '').split(' ').filter(Boolean)) tokenUrl.searchParams.append('scope', s);
    const headers: Record<string, string> = {};
    if (creds) headers.Authorization = `Basic ${Buffer.from(`${creds.username}:${creds.password}`).toString('base64')}`;
    const r = await fetch(tokenUrl, { headers }).catch((error: unknown) => {
      throw new GocrossError('environment', `Cannot get a token for ${this.registry} from ${tokenUrl.origin}: ${(error as Error).message}`, { cause: error });
    });
    if (r.status === 401 || r.status === 403) return false;
    if (!r.ok) throw new GocrossError('failure', `Cannot get a token for ${this.registry}: ${tokenUrl.origin} answered HTTP ${r.status}`);
    const doc = (await r.json()) as { token?: string; access_token?: string };
    const token = doc.token ?? doc.access_token;
    if (!token) throw new GocrossError('failure', `Cannot get a token for ${this.registry}: the token response has no token`);
    this.tokens.set(key, token);
    this.authorization = `Bearer ${token}`;
    return true;
  }

  /** One request, answering at most two auth challenges (a token's scope may need widening once). */
  async request(init: RegistryRequest): Promise<RegistryResponse> {
    let response = await this.send(init);
    for (let attempt = 0; response.status === 401 && attempt < 2; attempt++) {
      const challenge = parseChallenge(response.headers.get('www-authenticate'));
      // Requests in flight together share one login: a request sent before another one logged in just retries.
      const someoneLoggedIn = response.sentWith !== this.authorization;
      if (!someoneLoggedIn && (!challenge || !(await this.authenticate(challenge)))) break;
      response = await this.send(init);
    }
    if (response.status === 401) {
      const who = this.credentials ? `the credentials from ${this.credentials.source} were refused` : 'it asks for credentials and none were found';
      throw new GocrossError('failure', `Cannot access ${this.registry}/${this.repository}: ${who} (${registryErrors(response.body) || 'HTTP 401'})`, {
        fix: `run 'docker login ${this.registry}' or set GOCROSS_REGISTRY_USERNAME and GOCROSS_REGISTRY_PASSWORD`,
      });
    }
    return response;
  }

  /** The request, failing unless the status is one of `ok`. */
  async expect(init: RegistryRequest, ok: readonly number[], action: string): Promise<RegistryResponse> {
    const r = await this.request(init);
    if (!ok.includes(r.status)) {
      const denied = r.status === 403 ? ' (permission denied)' : '';
      throw new GocrossError('failure', `Cannot ${action} in ${this.registry}/${this.repository}: HTTP ${r.status}${denied} ${registryErrors(r.body)}`.trimEnd(), {
        fix: r.status === 403 ? 'check that the account may push to this repository' : 'check the registry\'s logs; the push can be retried (blobs already sent are skipped)',
      });
    }
    return r;
  }
}
