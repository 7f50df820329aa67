/**
 * The HTTP gate: verify's checks (status, JSON assertions, application/health+json components,
 * Kubernetes ?verbose) against the device until every one passes or the deadline passes. Probed
 * from the controller (`host.address:port`); under `probeFrom: auto`, when the controller gets no
 * HTTP answer at all but the device does (a port bound to loopback or firewalled), the rest of
 * the gate runs on the device.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { Finding } from '../../core/check.ts';
import type { HealthGate, Remote } from '../model.ts';
import { evaluateHttpCheck, type HttpResponse } from '../../verify/http-check.ts';
import { httpGet } from '../../verify/http-get.ts';
import { printable } from '../../util/printable.ts';
import { probeOnDevice } from './device-probe.ts';
import { ConnectionLostError } from '../ssh/errors.ts';

export interface HttpGateResult {
  ok: boolean;
  message: string;
  findings: Finding[];
  probedFrom: 'controller' | 'device';
  attempts: number;
}

type Where = 'controller' | 'device';

export async function httpGate(
  remote: Remote,
  gate: HealthGate,
  deviceTools: readonly string[],
  options: { signal?: AbortSignal },
): Promise<HttpGateResult> {
  const port = gate.port as number;
  const deviceTool = deviceTools.includes('curl') ? 'curl' : deviceTools.includes('wget') ? 'wget' : null;
  let where: Where = gate.probeFrom === 'device' ? 'device' : 'controller';
  const started = Date.now();
  const deadline = started + gate.deadlineSeconds * 1000;
  const probe = async (from: Where, path: string): Promise<HttpResponse | null> => {
    const timeoutMs = Math.max(1000, Math.min(5000, deadline - Date.now()));
    try {
      if (from === 'controller') return await httpGet(port, path, timeoutMs, options.signal, { host: remote.host.address });
      if (!deviceTool) return null;
      return await probeOnDevice(remote, deviceTool, `http://127.0.0.1:${port}${path}`, { timeoutMs: timeoutMs + 2000, signal: options.signal });
    } catch (error) {
      // A dead SSH link is not an unhealthy service: let the pipeline say the device was lost.
      if (options.signal?.aborted || error instanceof ConnectionLostError) throw error;
      return null;
    }
  };
  let attempts = 0;
  let findings: Finding[] = [];
  for (;;) {
    attempts++;
    let responses = await Promise.all(gate.checks.map((c) => probe(where, c.path)));
    if (gate.probeFrom === 'auto' && where === 'controller' && responses.every((r) => r === null) && deviceTool) {
      const onDevice = await Promise.all(gate.checks.map((c) => probe('device', c.path)));
      if (onDevice.some((r) => r !== null)) {
        where = 'device';
        responses = onDevice;
      }
    }
    findings = [];
    let ok = true;
    gate.checks.forEach((check, i) => {
      const response = responses[i];
      if (!response) {
        ok = false;
        findings.push({ status: 'fail', message: `${check.path}: no HTTP answer on port ${port} from the ${where}`, subject: check.name });
        return;
      }
      const result = evaluateHttpCheck(check, response);
      ok &&= result.ok;
      for (const f of result.findings) findings.push({ status: f.status, message: printable(f.message), subject: check.name, code: f.code ?? f.id });
    });
    const elapsed = ((Date.now() - started) / 1000).toFixed(1);
    if (ok) return { ok, probedFrom: where, attempts, findings, message: `${gate.checks.length} check(s) passed from the ${where} in ${elapsed} s` };
    if (Date.now() + gate.intervalMs >= deadline) {
      const failed = findings.filter((f) => f.status === 'fail').map((f) => f.message);
      return { ok, probedFrom: where, attempts, findings, message: `not healthy within ${gate.deadlineSeconds} s: ${failed.join('; ')}` };
    }
    await sleep(gate.intervalMs, undefined, { signal: options.signal });
  }
}
