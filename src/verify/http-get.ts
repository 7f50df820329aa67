/** A plain HTTP GET on loopback with a timeout (node:http: no proxy settings apply). */
import { request } from 'node:http';
import type { HttpResponse } from './http-check.ts';

export function httpGet(port: number, path: string, timeoutMs: number, signal?: AbortSignal): Promise<HttpResponse> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method: 'GET', timeout: timeoutMs, signal, headers: { accept: 'application/health+json, application/json;q=0.9, */*;q=0.5' } }, (res) => {
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
    });
    req.on('timeout', () => req.destroy(new Error(`GET ${path} timed out after ${timeoutMs} ms`)));
    req.on('error', reject);
    req.end();
  });
}
