/**
 * The service stage: start the artifact (natively or under QEMU) on a free loopback port, wait
 * until it is ready, probe its HTTP checks and gather the facts of its runtime checks (traced
 * request, upstream sink, TLS, reachability), stop its whole process tree, and prove that nothing
 * is left behind (no process of its group, no listener on its port); then judge the runtime checks
 * over the facts and the whole output. The output is kept as the stage log. How a process is
 * started is injected (`launch`), so this file decides and the emulation area runs.
 */
import { readFile } from 'node:fs/promises';
import { connect as netConnect, type Socket } from 'node:net';
import { resolve } from 'node:path';
import type { ServiceTest } from './config.ts';
import { evaluateHttpCheck } from './http-check.ts';
import { httpGet, type HttpGetOptions } from './http-get.ts';
import type { Finding, ServiceComponent } from './model.ts';
import { isPortBound } from './ports.ts';
import type { RuntimeFacts, ServiceStreams } from './runtime/facts.ts';
import { evaluateRuntime } from './runtime/index.ts';
import { probeEndpoint, probeTls, startUpstreamSink, tracedGet, type UpstreamSink } from './runtime/probe.ts';

export interface LaunchedService {
  /** Process group leader: the whole tree is signalled through it. */
  pid: number | undefined;
  /** Everything the service printed so far (stdout and stderr, interleaved). */
  output(): string;
  /** What the service itself wrote, by stream (for the logs check); absent when the launcher cannot tell. */
  streams?(): ServiceStreams;
  /** Settles when the launched process exits. */
  exited: Promise<{ exitCode: number | null; signal: string | null }>;
  /** SIGTERM the tree, SIGKILL it after graceMs; resolves once the leader is gone. */
  stop(graceMs: number): Promise<void>;
}

export type Launch = (args: string[], env: Record<string, string>) => Promise<LaunchedService>;

export interface ServiceOutcome {
  ok: boolean;
  reason: string;
  findings: Finding[];
  components: ServiceComponent[];
  log: string;
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Readiness: the wait after a refused connection (the service does not listen yet); answers wait readiness.intervalMs. */
export const REFUSED_RETRY_MS = 25;

/** Replaces {port}, {addr} and {upstream} (the sink's URL, when one runs) in the configured arguments. */
function serviceArgs(args: readonly string[], port: number, upstream: string | null): string[] {
  return args.map((a) => {
    const r = a.replaceAll('{addr}', `127.0.0.1:${port}`).replaceAll('{port}', String(port));
    return upstream === null ? r : r.replaceAll('{upstream}', upstream);
  });
}

export interface ServiceTestOptions {
  /** Relative files in the config (the TLS CA) are resolved against it (default: process.cwd()). */
  baseDir?: string;
}

/** True while any process of the group led by pid exists. */
function groupAlive(pid: number | undefined): boolean {
  if (pid === undefined) return false;
  try {
    process.kill(-pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function lastLine(text: string): string {
  return text.trim().split('\n').at(-1)?.slice(0, 200) ?? '';
}

export async function runServiceTest(
  test: ServiceTest,
  port: number,
  baseEnv: Record<string, string>,
  launch: Launch,
  signal?: AbortSignal,
  options: ServiceTestOptions = {},
): Promise<ServiceOutcome> {
  const transcript: string[] = [];
  const note = (line: string): void => void transcript.push(`[gocross] ${line}`);
  const findings: Finding[] = [];
  const components: ServiceComponent[] = [];
  const runtime = test.runtime;
  const sink: UpstreamSink | null = runtime.trace?.expectUpstream ? await startUpstreamSink() : null;
  const env = {
    ...baseEnv,
    ...test.env,
    ...(test.portEnv ? { [test.portEnv]: String(port) } : {}),
    ...(sink && runtime.trace?.upstreamEnv ? { [runtime.trace.upstreamEnv]: sink.url } : {}),
  };
  const args = serviceArgs(test.args, port, sink?.url ?? null);
  const http: HttpGetOptions = runtime.tls ? { tls: { servername: runtime.tls.serverName } } : {};
  note(`starting on 127.0.0.1:${port}: args ${JSON.stringify(args)}${test.portEnv ? `, ${test.portEnv}=${port}` : ''}${sink ? `; upstream sink ${sink.url}` : ''}`);
  let service: LaunchedService;
  try {
    service = await launch(args, env);
  } catch (error) {
    await sink?.close();
    const message = `cannot start the service: ${(error as Error).message}`;
    note(message);
    return { ok: false, reason: message, findings: [{ id: 'service/start', status: 'fail', message }], components, log: `${transcript.join('\n')}\n` };
  }
  let exited: { exitCode: number | null; signal: string | null } | null = null;
  void service.exited.then((e) => (exited = e));
  let facts: RuntimeFacts | null = null;
  try {
    const ready = await waitReady(test, port, () => exited, note, signal, http);
    if (ready.ok) {
      findings.push({ id: 'service/ready', status: 'pass', message: ready.message });
      for (const check of test.checks) {
        try {
          const response = await httpGet(port, check.path, 10_000, signal, http);
          note(`GET ${check.path} → ${response.status} ${response.contentType ?? ''}\n${response.body.trimEnd()}`);
          const result = evaluateHttpCheck(check, response);
          findings.push(...result.findings);
          for (const c of result.health?.components ?? []) {
            components.push({ check: check.name, name: c.name, status: c.status, ...(c.output ? { output: c.output } : {}) });
          }
        } catch (error) {
          note(`GET ${check.path} failed: ${(error as Error).message}`);
          findings.push({ id: `http${check.path}/request`, status: 'fail', message: `GET ${check.path} failed: ${(error as Error).message}` });
        }
      }
      facts = await gatherRuntimeFacts(test, port, http, sink, note, signal, options);
    } else {
      findings.push({ id: 'service/ready', status: 'fail', message: ready.message });
    }
  } finally {
    note(`stopping (SIGTERM, SIGKILL after ${test.stopTimeoutMs} ms)`);
    await service.stop(test.stopTimeoutMs);
    findings.push(...(await leftovers(service.pid, port, note)));
    await sink?.close();
  }
  // Judged after the stop, so the shutdown lines are part of the log that is checked.
  if (facts) {
    const runtimeFindings = evaluateRuntime(runtime, { ...facts, streams: service.streams?.() ?? null });
    for (const f of runtimeFindings) if (f.status === 'fail') note(`${f.id}: ${f.message}`);
    findings.push(...runtimeFindings);
  }
  const failed = findings.filter((f) => f.status === 'fail');
  const healthy = components.length ? `, ${components.filter((c) => c.status !== 'fail').length}/${components.length} components healthy` : '';
  const log = `${service.output()}${service.output().endsWith('\n') || !service.output() ? '' : '\n'}${transcript.join('\n')}\n`;
  return {
    ok: failed.length === 0,
    reason: failed.length ? failed.map((f) => f.message).join('; ') : `ready and ${test.checks.length} check(s) passed on port ${port}${healthy}`,
    findings,
    components,
    log,
  };
}

/** The facts of the configured runtime checks, gathered while the service runs (its log is added after the stop). */
async function gatherRuntimeFacts(
  test: ServiceTest,
  port: number,
  http: HttpGetOptions,
  sink: UpstreamSink | null,
  note: (line: string) => void,
  signal: AbortSignal | undefined,
  options: ServiceTestOptions,
): Promise<RuntimeFacts | null> {
  const { trace, tls, reachability, logs } = test.runtime;
  if (!trace && !tls && !reachability && !logs) return null;
  const facts: RuntimeFacts = { streams: null, traced: [], upstreamCalls: sink?.calls ?? [], tls: null, reachability: [], now: Date.now() };
  if (trace) {
    const sent = await tracedGet(port, trace.path, 10_000, signal, http);
    facts.traced.push(sent);
    note(`GET ${trace.path} with traceparent 00-${sent.traceId}-${sent.parentId}-01 → ${sent.status ?? sent.error}`);
    // The upstream call may be made after the response (fire-and-forget): give it a moment.
    for (let i = 0; sink && i < 20 && !sink.calls.length; i++) await sleep(100);
    for (const c of sink?.calls ?? []) note(`upstream sink received ${c.method} ${c.path} traceparent ${c.traceparent ?? '(none)'}`);
  }
  if (tls) {
    const ca = tls.ca ? await readFile(resolve(options.baseDir ?? process.cwd(), tls.ca), 'utf8') : undefined;
    facts.tls = await probeTls(port, tls, ca);
    const h = facts.tls.handshake;
    note(h ? `TLS ${h.protocol} as ${tls.serverName}: ${h.subject}, ${h.validFrom} → ${h.validTo}, ${h.authorized ? 'chain trusted' : `chain not trusted (${h.authorizationError})`}` : `TLS handshake failed: ${facts.tls.error}`);
  }
  if (reachability) {
    const expand = (e: string): string => e.replaceAll('{addr}', `127.0.0.1:${port}`).replaceAll('{port}', String(port));
    facts.reachability = await Promise.all([
      ...reachability.mustAnswer.map((e) => probeEndpoint(expand(e), 'answer', reachability.timeoutMs)),
      ...reachability.mustNotAnswer.map((e) => probeEndpoint(expand(e), 'no-answer', reachability.timeoutMs)),
    ]);
    for (const p of facts.reachability) note(`reach ${p.endpoint}: ${p.answered ? 'answered' : 'no answer'} (${p.detail})`);
  }
  return facts;
}

async function waitReady(
  test: ServiceTest,
  port: number,
  exited: () => { exitCode: number | null; signal: string | null } | null,
  note: (line: string) => void,
  signal?: AbortSignal,
  http: HttpGetOptions = {},
): Promise<{ ok: boolean; message: string }> {
  const { path, status, timeoutMs, intervalMs } = test.readiness;
  const started = Date.now();
  let last = 'no response (connection refused)';
  // Until the port accepts a connection, a bare TCP connect asks (a quarter of the CPU of a refused
  // HTTP request); the connection it opens carries the first GET, so the service never sees a
  // connection without a request. TLS services are asked over HTTPS from the start.
  let listening = Boolean(http.tls);
  while (Date.now() - started < timeoutMs) {
    if (signal?.aborted) return { ok: false, message: 'cancelled before the service became ready' };
    const e = exited();
    if (e) return { ok: false, message: `exited ${e.signal ? `by ${e.signal}` : `with code ${e.exitCode}`} before becoming ready` };
    let wait = intervalMs;
    try {
      const requestTimeoutMs = Math.max(intervalMs, 2000);
      const socket = listening ? undefined : await connectOnce(port, requestTimeoutMs, path);
      listening = true;
      const r = await httpGet(port, path, requestTimeoutMs, signal, { ...http, ...(socket ? { socket } : {}) });
      last = `GET ${path} → ${r.status}${r.body ? ` ${JSON.stringify(lastLine(r.body))}` : ''}`;
      if (r.status === status) {
        note(`ready after ${Date.now() - started} ms (${last})`);
        return { ok: true, message: `ready after ${Date.now() - started} ms` };
      }
    } catch (error) {
      last = `GET ${path} failed: ${(error as Error).message}`;
      // Nothing listens yet: the kernel refused, the service never saw it, so asking again soon
      // costs it nothing. A service under QEMU binds after 0.1–0.4 s; waiting the full interval
      // after each refusal cost up to that interval (100 ms on average) per target.
      if ((error as NodeJS.ErrnoException).code === 'ECONNREFUSED') wait = Math.min(intervalMs, REFUSED_RETRY_MS);
    }
    await sleep(wait);
  }
  note(`not ready after ${timeoutMs} ms; last: ${last}`);
  return { ok: false, message: `not ready after ${timeoutMs} ms (last: ${last})` };
}

/** A TCP connection to the service's loopback port; fails as the GET for `path` would (`connect ECONNREFUSED 127.0.0.1:port`, a timeout). */
function connectOnce(port: number, timeoutMs: number, path: string): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = netConnect({ host: '127.0.0.1', port });
    const timer = setTimeout(() => socket.destroy(new Error(`GET ${path} timed out after ${timeoutMs} ms`)), timeoutMs);
    socket.once('connect', () => {
      clearTimeout(timer);
      resolve(socket);
    });
    socket.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
  });
}

/** After stop: the process tree must be gone and the port free (a few retries: the kernel may lag). */
async function leftovers(pid: number | undefined, port: number, note: (line: string) => void): Promise<Finding[]> {
  let alive = groupAlive(pid);
  let bound = await isPortBound(port);
  for (let i = 0; i < 20 && (alive || bound); i++) {
    await sleep(100);
    alive = groupAlive(pid);
    bound = await isPortBound(port);
  }
  note(`after stop: process group ${alive ? 'STILL ALIVE' : 'gone'}, port ${port} ${bound ? 'STILL BOUND' : 'free'}`);
  return [
    { id: 'service/process-tree', status: alive ? 'fail' : 'pass', message: alive ? `process group ${pid} still alive after stop` : 'process tree stopped' },
    { id: 'service/port', status: bound ? 'fail' : 'pass', message: bound ? `port ${port} still bound after stop` : `port ${port} released` },
  ];
}
