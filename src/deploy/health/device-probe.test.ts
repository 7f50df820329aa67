import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseCurlResponse, parseWgetResponse } from './device-probe.ts';

test('parseCurlResponse() reads status, content type and body of curl -i', () => {
  const r = parseCurlResponse('HTTP/1.1 503 Service Unavailable\r\nContent-Type: application/health+json\r\nCache-Control: no-store\r\n\r\n{"status":"fail"}\n');
  assert.deepEqual(r, { status: 503, contentType: 'application/health+json', body: '{"status":"fail"}\n' });
});

test('parseCurlResponse() skips a 100 Continue block and takes the final answer', () => {
  const r = parseCurlResponse('HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\ncontent-type: text/plain\r\n\r\nok\n');
  assert.deepEqual(r, { status: 200, contentType: 'text/plain', body: 'ok\n' });
});

test('parseCurlResponse() is null for output that is not HTTP', () => {
  assert.equal(parseCurlResponse('curl: (7) Failed to connect'), null);
});

test('parseWgetResponse() reads BusyBox wget -S headers from stderr and the body from stdout', () => {
  const stderr = 'Connecting to 127.0.0.1:8080 (127.0.0.1:8080)\n  HTTP/1.1 200 OK\n  Content-Type: application/health+json\n  Date: x\n\nwriting to stdout\n';
  assert.deepEqual(parseWgetResponse(stderr, '{"status":"pass"}'), { status: 200, contentType: 'application/health+json', body: '{"status":"pass"}' });
  assert.deepEqual(parseWgetResponse('wget: server returned error: HTTP/1.1 503 Service Unavailable\n', ''), { status: 503, contentType: null, body: '' });
  assert.equal(parseWgetResponse('wget: can\'t connect to remote host (127.0.0.1): Connection refused\n', ''), null);
});
