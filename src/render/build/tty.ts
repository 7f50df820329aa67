/** Build progress on a terminal: one live line per target, redrawn in place. */
import type { BuildEvent } from '../../gobuild/events.ts';
import { paint, type Out } from '../style.ts';
import { formatBytes } from '../../report/reporter.ts';
import { formatDuration } from './summary.ts';
import type { BuildRenderer } from './renderer.ts';
import { printable } from '../../util/printable.ts';

type Row = { target: string; state: 'queued' | 'building' | 'done' | 'failed' | 'stopped'; started?: number; detail?: string };

export function ttyBuildRenderer(out: Out): BuildRenderer {
  const c = out.color;
  const rows: Row[] = [];
  const notes: string[] = [];
  let drawn = 0;
  let timer: ReturnType<typeof setInterval> | undefined;

  const line = (r: Row): string => {
    const name = r.target.padEnd(24);
    switch (r.state) {
      case 'queued':
        return `  ${paint(c, 'gray', '·')} ${name} ${paint(c, 'gray', 'queued')}`;
      case 'building':
        return `  ${paint(c, 'cyan', '›')} ${name} building ${paint(c, 'gray', formatDuration(Math.round(performance.now() - (r.started ?? 0))))}`;
      case 'done':
        return `  ${paint(c, 'green', '✓')} ${name} ${r.detail ?? ''}`;
      case 'failed':
        return `  ${paint(c, 'red', '✗')} ${name} ${paint(c, 'red', r.detail ?? 'failed')}`;
      case 'stopped':
        return `  ${paint(c, 'yellow', '-')} ${name} stopped`;
    }
  };
  const draw = (): void => {
    let text = drawn > 0 ? `\u001b[${drawn}F` : '';
    for (const n of notes.splice(0)) text += `\u001b[2K${n}\n`;
    for (const r of rows) text += `\u001b[2K${line(r)}\n`;
    drawn = rows.length;
    out.write(text);
  };
  const row = (target: string): Row => {
    let r = rows.find((x) => x.target === target);
    if (!r) rows.push((r = { target, state: 'queued' }));
    return r;
  };

  return {
    onEvent(e: BuildEvent): void {
      switch (e.type) {
        case 'start':
          for (const t of e.targets) row(t);
          timer = setInterval(draw, 250);
          timer.unref();
          break;
        case 'prepare':
          if (e.status !== 'start') notes.push(`go mod download ${e.status}`);
          break;
        case 'target-start':
          Object.assign(row(e.target), { state: 'building', started: performance.now() });
          break;
        case 'target-done':
          Object.assign(row(e.target), { state: 'done', detail: `${formatBytes(e.size).padStart(9)}  ${e.reused ? 'unchanged' : formatDuration(e.durationMs)}` });
          break;
        case 'target-failed':
          Object.assign(row(e.target), { state: 'failed', detail: printable(e.errorLines.find((l) => !l.startsWith('#')) ?? 'failed').slice(0, 70) });
          break;
        case 'target-cancelled':
          row(e.target).state = 'stopped';
          break;
        case 'warning':
          notes.push(`${paint(c, 'yellow', 'warning')}: ${printable(e.message)}`);
          break;
        case 'finish':
          break;
      }
      draw();
    },
    close(): void {
      if (timer) clearInterval(timer);
      timer = undefined;
    },
  };
}
