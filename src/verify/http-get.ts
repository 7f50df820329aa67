/** A plain HTTP(S) GET with a timeout, on loopback unless `host` says otherwise (node:http/https: no proxy settings apply). */
import type { IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';
import { http, https } from '../util/node-http.ts';
import type { HttpResponse } from './http-check.ts';

export interface HttpGetOptions {
  headers?: Record<string, string>;
  /** Speak TLS; the certificate is not verified here (the TLS runtime check judges it). */
  tls?: { servername: string };
  /** Address to connect to (deploy's health gate probes devices); default 127.0.0.1. */
  host?: string;
  /** An open plain-HTTP connection to send this one request on (closed after it), instead of a new one. */
  socket?: Socket;
}

export function httpGet(port: number, path: string, timeoutMs: number, signal?: AbortSignal, options: HttpGetOptions = {}): Promise<HttpResponse> {
  return new Promise((resolve, reject) => {
    const headers = { accept: 'application/health+json, application/json;q=0.9, */*;q=0.5', ...options.headers };
    const common = { host: options.host ?? '127.0.0.1', port, path, method: 'GET', timeout: timeoutMs, signal, headers };
    const onResponse = (res: IncomingMessage): void => {
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (c: Buffer) => {
        size += c.length;
        if (size <= 1024 * 1024) chunks.push(c);
      });
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, contentType: res.headers['content-type'] ?? null, body: Buffer.concat(chunks).toString('utf8') }),
      );
      res.on('error', reject);
    };
    const { socket } = options;
    const req = options.tls
      ? https.request({ ...common, servername: options.tls.servername, rejectUnauthorized: false, agent: false }, onResponse)
      : http.request(socket ? { ...common, createConnection: () => socket } : common, onResponse);
    req.on('timeout', () => req.destroy(new Error(`GET ${path} timed out after ${timeoutMs} ms`)));
    req.on('error', reject);
    req.end();
  });
}
