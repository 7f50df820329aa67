/** The smoke test's verdict from one run of the artifact (pure). */
import type { SmokeTest } from './config.ts';
import type { Finding } from './model.ts';

export interface RunOutcome {
  exitCode: number | null;
  signal: string | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
  durationMs: number;
}

function firstLine(text: string): string {
  return text.trim().split('\n')[0]?.slice(0, 160) ?? '';
}

export function evaluateSmoke(test: SmokeTest, outcome: RunOutcome): { ok: boolean; reason: string; findings: Finding[] } {
  const findings: Finding[] = [];
  const args = test.args.join(' ');
  if (outcome.timedOut) {
    findings.push({ id: 'smoke/timeout', status: 'fail', message: `\`${args}\` did not exit within ${test.timeoutMs} ms (killed)` });
  } else if (outcome.signal) {
    findings.push({ id: 'smoke/exit', status: 'fail', message: `\`${args}\` was killed by ${outcome.signal}${outcome.stderr ? `: ${firstLine(outcome.stderr)}` : ''}` });
  } else {
    const ok = outcome.exitCode === test.exitCode;
    findings.push({
      id: 'smoke/exit',
      status: ok ? 'pass' : 'fail',
      message: ok
        ? `\`${args}\` exited ${outcome.exitCode}`
        : `\`${args}\` exited ${outcome.exitCode}, expected ${test.exitCode}${outcome.stderr ? `: ${firstLine(outcome.stderr)}` : ''}`,
    });
  }
  for (const [stream, pattern] of [['stdout', test.stdout], ['stderr', test.stderr]] as const) {
    if (!pattern || outcome.timedOut) continue;
    const ok = pattern.test(outcome[stream]);
    findings.push({
      id: `smoke/${stream}`,
      status: ok ? 'pass' : 'fail',
      message: ok ? `${stream} matches /${pattern.source}/` : `${stream} does not match /${pattern.source}/ (got ${JSON.stringify(firstLine(outcome[stream]))})`,
    });
  }
  const failed = findings.filter((f) => f.status === 'fail');
  const out = firstLine(outcome.stdout);
  return {
    ok: failed.length === 0,
    reason: failed.length ? failed.map((f) => f.message).join('; ') : `${out ? `${out} ` : ''}(${outcome.durationMs} ms)`,
    findings,
  };
}
