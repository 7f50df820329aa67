/**
 * Runtime check `trace`: the request gocross sent with a W3C traceparent was served; when the
 * service calls an upstream, the call that reached gocross's sink continues the same trace
 * (same trace id) from a new span (a parent id that is not gocross's); the logs name the trace id.
 */
import type { Check, Finding } from '../../core/check.ts';
import type { TraceCheckConfig } from '../config.ts';
import type { RuntimeFacts, TracedRequest, UpstreamCall } from './facts.ts';
import { parseTraceParent } from './traceparent.ts';

function judgeCall(call: UpstreamCall, sent: TracedRequest): { ok: boolean; message: string } {
  const where = `upstream call ${call.method} ${call.path}`;
  if (call.traceparent === null) return { ok: false, message: `${where} carried no traceparent header` };
  const tp = parseTraceParent(call.traceparent);
  if (!tp) return { ok: false, message: `${where} carried an invalid traceparent ${JSON.stringify(call.traceparent)}` };
  if (tp.traceId !== sent.traceId) return { ok: false, message: `${where} carried trace id ${tp.traceId}, expected ${sent.traceId} (the trace was restarted instead of continued)` };
  if (tp.parentId === sent.parentId) return { ok: false, message: `${where} kept gocross's span id ${sent.parentId} as its parent id (the service must start a new span)` };
  return { ok: true, message: `${where} continued trace ${tp.traceId} from a new span ${tp.parentId}` };
}

export function traceCheck(config: TraceCheckConfig): Check<RuntimeFacts> {
  return {
    id: 'runtime/trace',
    severity: 'fail',
    title: 'W3C trace context is propagated and logged',
    evaluate(facts) {
      const findings: Finding[] = [];
      const sent = facts.traced.find((t) => t.path === config.path);
      if (!sent) return [{ status: 'fail', code: 'trace/request', message: `gocross sent no traced request to ${config.path}` }];
      const fix = 'read the incoming traceparent, start a child span, and send traceparent 00-<same trace id>-<new span id>-<flags> on outgoing calls';
      if (sent.status === null) {
        findings.push({ status: 'fail', code: 'trace/request', message: `GET ${config.path} with a traceparent failed: ${sent.error ?? 'no response'}` });
      } else if (sent.status !== config.status) {
        findings.push({ status: 'fail', code: 'trace/request', message: `GET ${config.path} with a traceparent returned ${sent.status}, expected ${config.status}` });
      }
      if (config.expectUpstream) {
        if (!facts.upstreamCalls.length) {
          findings.push({ status: 'fail', code: 'trace/upstream', message: `the service made no call to the upstream sink while serving GET ${config.path}`, fix: 'call the configured upstream (the sink gocross runs) on this request' });
        } else {
          const verdicts = facts.upstreamCalls.map((c) => judgeCall(c, sent));
          const good = verdicts.find((v) => v.ok);
          if (good) findings.push({ status: 'pass', code: 'trace/upstream', message: good.message });
          else findings.push(...verdicts.map((v): Finding => ({ status: 'fail', code: 'trace/upstream', message: v.message, fix })));
        }
      }
      if (facts.streams) {
        const logged = `${facts.streams.stdout}\n${facts.streams.stderr}`.includes(sent.traceId);
        findings.push(
          logged
            ? { status: 'pass', code: 'trace/logged', message: `the log names trace id ${sent.traceId}` }
            : { status: 'fail', code: 'trace/logged', message: `no log line names trace id ${sent.traceId} of GET ${config.path}`, fix: 'log the trace id of the incoming traceparent with the request' },
        );
      }
      if (!findings.some((f) => f.status === 'fail') && !findings.some((f) => f.code === 'trace/upstream')) {
        findings.push({ status: 'pass', code: 'trace/request', message: `GET ${config.path} with traceparent → ${sent.status}` });
      }
      return findings;
    },
  };
}
