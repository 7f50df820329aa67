/**
 * The service stage: start the artifact (natively or under QEMU) on a free loopback port, wait
 * until it is ready, probe its HTTP checks, stop its whole process tree, and prove that nothing
 * is left behind (no process of its group, no listener on its port). The output is kept as the
 * stage log. How a process is started is injected (`launch`), so this file decides and the
 * emulation area runs.
 */
import type { ServiceTest } from './config.ts';
import { evaluateHttpCheck } from './http-check.ts';
import { httpGet } from './http-get.ts';
import type { Finding, ServiceComponent } from './model.ts';
import { isPortBound } from './ports.ts';

export interface LaunchedService {
  /** Process group leader: the whole tree is signalled through it. */
  pid: number | undefined;
  /** Everything the service printed so far (stdout and stderr, interleaved). */
  output(): string;
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

/** Replaces {port} and {addr} in the configured arguments. */
function serviceArgs(args: readonly string[], port: number): string[] {
  return args.map((a) => a.replaceAll('{addr}', `127.0.0.1:${port}`).replaceAll('{port}', String(port)));
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
): Promise<ServiceOutcome> {
  const transcript: string[] = [];
  const note = (line: string): void => void transcript.push(`[gocross] ${line}`);
  const findings: Finding[] = [];
  const components: ServiceComponent[] = [];
  const env = { ...baseEnv, ...test.env, ...(test.portEnv ? { [test.portEnv]: String(port) } : {}) };
  const args = serviceArgs(test.args, port);
  note(`starting on 127.0.0.1:${port}: args ${JSON.stringify(args)}${test.portEnv ? `, ${test.portEnv}=${port}` : ''}`);
  let service: LaunchedService;
  try {
    service = await launch(args, env);
  } catch (error) {
    const message = `cannot start the service: ${(error as Error).message}`;
    note(message);
    return { ok: false, reason: message, findings: [{ id: 'service/start', status: 'fail', message }], components, log: `${transcript.join('\n')}\n` };
  }
  let exited: { exitCode: number | null; signal: string | null } | null = null;
  void service.exited.then((e) => (exited = e));
  try {
    const ready = await waitReady(test, port, () => exited, note, signal);
    if (ready.ok) {
      findings.push({ id: 'service/ready', status: 'pass', message: ready.message });
      for (const check of test.checks) {
        try {
          const response = await httpGet(port, check.path, 10_000, signal);
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
    } else {
      findings.push({ id: 'service/ready', status: 'fail', message: ready.message });
    }
  } finally {
    note(`stopping (SIGTERM, SIGKILL after ${test.stopTimeoutMs} ms)`);
    await service.stop(test.stopTimeoutMs);
    findings.push(...(await leftovers(service.pid, port, note)));
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

async function waitReady(
  test: ServiceTest,
  port: number,
  exited: () => { exitCode: number | null; signal: string | null } | null,
  note: (line: string) => void,
  signal?: AbortSignal,
): Promise<{ ok: boolean; message: string }> {
  const { path, status, timeoutMs, intervalMs } = test.readiness;
  const started = Date.now();
  let last = 'no response (connection refused)';
  while (Date.now() - started < timeoutMs) {
    if (signal?.aborted) return { ok: false, message: 'cancelled before the service became ready' };
    const e = exited();
    if (e) return { ok: false, message: `exited ${e.signal ? `by ${e.signal}` : `with code ${e.exitCode}`} before becoming ready` };
    try {
      const r = await httpGet(port, path, Math.max(intervalMs, 2000), signal);
      last = `GET ${path} → ${r.status}${r.body ? ` ${JSON.stringify(lastLine(r.body))}` : ''}`;
      if (r.status === status) {
        note(`ready after ${Date.now() - started} ms (${last})`);
        return { ok: true, message: `ready after ${Date.now() - started} ms` };
      }
    } catch (error) {
      last = `GET ${path} failed: ${(error as Error).message}`;
    }
    await sleep(intervalMs);
  }
  note(`not ready after ${timeoutMs} ms; last: ${last}`);
  return { ok: false, message: `not ready after ${timeoutMs} ms (last: ${last})` };
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
