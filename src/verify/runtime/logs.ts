/**
 * Runtime check `logs`: every line the service wrote is a structured record with an RFC 3339
 * time, an accepted level and the service name; no line carries a forbidden field or matches a
 * forbidden pattern; every request gocross sent with a traceparent is logged with its trace id.
 * Each failure names the stream, the line number and the field.
 */
import type { Check, Finding } from '../../core/check.ts';
import type { LogsCheckConfig } from '../config.ts';
import type { RuntimeFacts } from './facts.ts';
import { fieldsOf, isRfc3339, logLines, parseJsonLine, parseLogfmtLine, type LogLine } from './log-lines.ts';

/** Per kind of problem, the first few lines are named; the rest are counted. */
const SHOWN_PER_CODE = 5;

function clip(text: string, max = 120): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

export function logsCheck(config: LogsCheckConfig): Check<RuntimeFacts> {
  return {
    id: 'runtime/logs',
    severity: 'fail',
    title: `Log lines are structured ${config.format} with time, level and service`,
    evaluate(facts) {
      if (!facts.streams) return [{ status: 'fail', code: 'logs/unavailable', message: 'the launcher did not keep the service output, so its log cannot be checked' }];
      const lines = logLines(facts.streams, config.stream);
      const failures: Finding[] = [];
      const fail = (code: string, line: LogLine, message: string, fix?: string): void =>
        void failures.push({ status: 'fail', code, subject: `${line.stream}:${line.number}`, message: `${line.stream} line ${line.number}: ${message}`, ...(fix ? { fix } : {}) });
      const parse = config.format === 'json' ? parseJsonLine : parseLogfmtLine;
      const f = config.fields;
      const traceIdsLogged = new Set<string>();
      for (const line of lines) {
        const parsed = parse(line.text);
        if (!parsed.ok) {
          fail('logs/not-structured', line, `${parsed.error}: ${JSON.stringify(clip(line.text))}`, `write every line as one ${config.format} record (no plain-text log lines)`);
          continue;
        }
        const r = parsed.record;
        if (!(f.time in r)) fail('logs/time', line, `no ${f.time} field`);
        else if (!isRfc3339(r[f.time])) fail('logs/time', line, `${f.time} ${JSON.stringify(r[f.time])} is not an RFC 3339 timestamp`);
        const level = r[f.level];
        if (!(f.level in r)) fail('logs/level', line, `no ${f.level} field`);
        else if (typeof level !== 'string' || !config.levels.includes(level.toLowerCase())) fail('logs/level', line, `${f.level} ${JSON.stringify(level)} is not one of ${config.levels.join(', ')}`);
        const service = r[f.service];
        if (!(f.service in r) || service === '') fail('logs/service', line, `no ${f.service} field`);
        else if (config.service !== null && service !== config.service) fail('logs/service', line, `${f.service} is ${JSON.stringify(service)}, expected ${JSON.stringify(config.service)}`);
        if (f.traceId in r) {
          const id = r[f.traceId];
          if (typeof id !== 'string' || !/^[0-9a-f]{32}$/.test(id) || /^0+$/.test(id)) fail('logs/trace-id', line, `${f.traceId} ${JSON.stringify(id)} is not a W3C trace id (32 lower-case hex digits, not all zero)`);
          else traceIdsLogged.add(id);
        }
        for (const field of fieldsOf(r)) {
          if (config.forbidFields.includes(field.key)) fail('logs/forbidden-field', line, `field ${field.path} is forbidden`, `drop ${field.path} from the log, or log a pseudonymous id instead`);
          if (typeof field.value !== 'string') continue;
          for (const p of config.forbidPatterns) {
            if (p.pattern.test(field.value)) fail('logs/forbidden-pattern', line, `field ${field.path} matches the forbidden pattern ${p.name}`, `redact ${p.name} before logging`);
          }
        }
      }
      for (const t of facts.traced) {
        if (!traceIdsLogged.has(t.traceId)) {
          failures.push({
            status: 'fail',
            code: 'logs/trace-id',
            subject: `${t.method} ${t.path}`,
            message: `no log line carries ${f.traceId} ${t.traceId}, sent in the traceparent of ${t.method} ${t.path}`,
            fix: `log the incoming W3C traceparent's trace id as ${f.traceId} on every line about the request`,
          });
        }
      }
      const findings: Finding[] = [];
      const byCode = new Map<string, Finding[]>();
      for (const x of failures) byCode.set(x.code!, [...(byCode.get(x.code!) ?? []), x]);
      for (const [code, list] of byCode) {
        findings.push(...list.slice(0, SHOWN_PER_CODE));
        if (list.length > SHOWN_PER_CODE) findings.push({ status: 'fail', code, message: `${list.length - SHOWN_PER_CODE} more line(s) with the same problem (${code})` });
      }
      if (!lines.length) findings.push({ status: 'warn', code: 'logs/empty', message: 'the service wrote no log lines' });
      if (!failures.length && lines.length) {
        const traced = facts.traced.length ? `, ${facts.traced.length} traced request(s) logged with their trace id` : '';
        findings.push({ status: 'pass', code: 'logs/structured', message: `${lines.length} log line(s) are structured ${config.format} with ${f.time}, ${f.level} and ${f.service}${traced}` });
      }
      return findings;
    },
  };
}
