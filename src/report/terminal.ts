/**
 * Terminal reporter: a live matrix (targets × stages) redrawn in place on a TTY, plain lines in
 * CI or a pipe, then a summary with each failure's one-line reason and where its full log is.
 */
import { paint, type Out, type Style } from '../render/style.ts';
import { printable } from '../util/printable.ts';
import type { VerifyEvent } from '../verify/events.ts';
import { STAGES, type StageName, type StageStatus, type VerifyReport } from '../verify/model.ts';
import { formatMs, STATUS_SYMBOL, type Reporter } from './reporter.ts';

const STYLE: Record<StageStatus, Style> = { pending: 'gray', running: 'cyan', passed: 'green', failed: 'red', skipped: 'yellow' };

export interface TerminalOptions {
  /** Where progress goes (stderr). */
  progress: Out;
  /** Where the summary goes (stdout, or stderr when stdout carries JSON). */
  summary: Out;
  /** Plain lines instead of a live matrix (CI, pipes). */
  plain: boolean;
}

/** The matrix as text lines (pure), used live and in the summary. */
function renderMatrix(
  targets: readonly string[],
  cells: ReadonlyMap<string, StageStatus>,
  color: boolean,
  stages: readonly StageName[] = STAGES,
): string[] {
  const names = new Map(targets.map((t) => [t, printable(t)]));
  const width = Math.max(6, ...[...names.values()].map((t) => t.length));
  const header = `${'target'.padEnd(width)}  ${stages.map((s) => s.padEnd(10)).join('')}`;
  const rows = targets.map((t) => {
    const cellText = stages.map((s) => {
      const status = cells.get(`${t}\u0000${s}`) ?? 'pending';
      return paint(color, STYLE[status], `${STATUS_SYMBOL[status]} ${status === 'pending' ? '' : status}`.padEnd(10));
    });
    return `${(names.get(t) ?? t).padEnd(width)}  ${cellText.join('')}`;
  });
  return [paint(color, 'bold', header), ...rows];
}

/**
 * Reasons come from programs' output and binaries: their colour and cursor sequences are dropped, and
 * what else is not printable (control characters, line breaks, a lone ESC) is shown escaped.
 */
function clean(text: string): string {
  return printable(text.replace(/\u001b\[[0-9;?]*[A-Za-z]/g, ''));
}

export function renderSummary(report: VerifyReport, color: boolean): string {
  const cells = new Map<string, StageStatus>();
  for (const t of report.targets) for (const s of t.stages) cells.set(`${t.target}\u0000${s.stage}`, s.status);
  const lines = renderMatrix(report.targets.map((t) => t.target), cells, color);
  const { summary } = report;
  const failures = report.targets.flatMap((t) => t.stages.filter((s) => s.status === 'failed').map((s) => ({ t, s })));
  const skips = report.targets.flatMap((t) => t.stages.filter((s) => s.status === 'skipped').map((s) => ({ t, s })));
  lines.push('');
  if (failures.length) {
    lines.push(paint(color, 'bold', 'Failures:'));
    for (const { t, s } of failures) {
      lines.push(`  ${paint(color, 'red', '✗')} ${printable(t.target)} ${s.stage}: ${clean(s.reason)}`);
      if (s.logPath) lines.push(`      log: ${printable(s.logPath)}`);
    }
    lines.push('');
  }
  if (skips.length) {
    lines.push(paint(color, 'bold', report.failOnSkip ? 'Skipped (counted as failures, --fail-on-skip):' : 'Skipped:'));
    for (const { t, s } of skips) lines.push(`  ${paint(color, 'yellow', '–')} ${printable(t.target)} ${s.stage}: ${clean(s.reason)}`);
    lines.push('');
  }
  const verdict = report.ok ? paint(color, 'green', 'PASS') : paint(color, 'red', 'FAIL');
  lines.push(
    `${verdict} ${summary.passedTargets}/${summary.targets} targets passed ` +
      `(stages: ${summary.stages.passed} passed, ${summary.stages.failed} failed, ${summary.stages.skipped} skipped) in ${formatMs(report.durationMs)}`,
  );
  return `${lines.join('\n')}\n`;
}

export function createTerminalReporter(options: TerminalOptions): Reporter {
  const { progress, summary, plain } = options;
  const cells = new Map<string, StageStatus>();
  let targets: string[] = [];
  let drawn = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const draw = (): void => {
    timer = undefined;
    const lines = renderMatrix(targets, cells, progress.color);
    const up = drawn ? `\u001b[${drawn}A` : '';
    progress.write(`${up}${lines.map((l) => `\u001b[2K${l}`).join('\n')}\n`);
    drawn = lines.length;
  };
  const schedule = (): void => {
    timer ??= setTimeout(draw, 80);
  };
  return {
    onEvent(event: VerifyEvent) {
      switch (event.type) {
        case 'start':
          targets = event.targets;
          if (plain) progress.write(`verify: ${targets.length} targets × ${event.stages.length} stages\n`);
          else draw();
          return;
        case 'stage-start':
          cells.set(`${event.target}\u0000${event.stage}`, 'running');
          if (!plain) schedule();
          return;
        case 'stage-end': {
          const r = event.result;
          cells.set(`${event.target}\u0000${r.stage}`, r.status);
          if (plain) {
            progress.write(`${printable(event.target)} ${r.stage} ${paint(progress.color, STYLE[r.status], r.status)}: ${clean(r.reason)}\n`);
          } else schedule();
          return;
        }
        case 'target-end':
        case 'end':
          return;
      }
    },
    async finish(report) {
      if (timer) clearTimeout(timer);
      // The summary starts with the final matrix: erase the live one rather than print it twice.
      // (Only when the summary goes to the same kind of terminal; otherwise leave the final state.)
      if (!plain && drawn) {
        if (summary.isTTY) progress.write(`\u001b[${drawn}A\u001b[0J`);
        else draw();
      }
      summary.write(renderSummary(report, summary.color));
    },
  };
}
