import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { Socket } from 'node:net';
import { normalizeVerifyConfig } from './config.ts';
import { PortAllocator } from './ports.ts';
import { runServiceTest, type Launch } from './service.ts';

const ports = new PortAllocator();

/**
 * A "service" in this process that starts listening `bindAfterMs` after it is launched (so the
 * readiness poll first meets refused connections), counting the connections it accepts, those
 * that closed without carrying a request, and the requests.
 */
function lateService(port: number, bindAfterMs: number): { launch: Launch; seen: { connections: number; withoutRequest: number; requests: string[] } } {
  const seen = { connections: 0, withoutRequest: 0, requests: [] as string[] };
  const served = new WeakSet<Socket>();
  let server: Server | null = null;
  let timer: NodeJS.Timeout | undefined;
  const launch: Launch = async () => {
    timer = setTimeout(() => {
      server = createServer((req, res) => {
        seen.requests.push(req.url ?? '');
        served.add(req.socket);
        res.end('ok');
      });
      server.on('connection', (socket: Socket) => {
        seen.connections++;
        socket.on('close', () => void (served.has(socket) || seen.withoutRequest++));
      });
      server.listen(port, '127.0.0.1');
    }, bindAfterMs);
    return {
      pid: undefined,
      output: () => '',
      exited: new Promise(() => {}),
      async stop() {
        clearTimeout(timer);
        const s = server as Server | null;
        if (!s) return;
        s.closeAllConnections();
        await new Promise<void>((resolve) => s.close(() => resolve()));
      },
    };
  };
  return { launch, seen };
}

const serviceTest = (timeoutMs: number) =>
  normalizeVerifyConfig({ service: { portEnv: 'PORT', readiness: { path: '/readyz', timeoutMs }, checks: [{ path: '/healthz' }] } }).service!;

test('runServiceTest() waits for a service that binds late, and every connection it opens carries a request', async () => {
  const port = await ports.next();
  const { launch, seen } = lateService(port, 150);
  const outcome = await runServiceTest(serviceTest(10_000), port, {}, launch);
  assert.equal(outcome.ok, true, outcome.reason);
  assert.deepEqual(seen.requests, ['/readyz', '/healthz']);
  assert.ok(seen.connections > 0);
  assert.equal(seen.withoutRequest, 0, 'a connection without a request reached the service');
});

test('runServiceTest() names the refused connection when the service never listens', async () => {
  const port = await ports.next();
  const { launch } = lateService(port, 60_000);
  const outcome = await runServiceTest(serviceTest(300), port, {}, launch);
  assert.equal(outcome.ok, false);
  assert.equal(outcome.reason, `not ready after 300 ms (last: GET /readyz failed: connect ECONNREFUSED 127.0.0.1:${port})`);
});
