/**
 * Deploy progress on a terminal: finished hosts and wave boundaries scroll by as permanent lines,
 * and below them one live line per host in flight (name, wave, current step, elapsed), redrawn in
 * place and cut to the terminal's width so it never wraps. Erased on close, before the summary.
 */
import type { DeployEvent, StepName } from '../../deploy/model.ts';
import { paint, type Out } from '../style.ts';
import { printable } from '../../util/printable.ts';
import { eventLine, type DeployCommand } from './lines.ts';
import type { DeployRenderer } from './renderer.ts';
import { durationText } from './text.ts';

export interface TtyDeployOptions {
  /** Terminal width (process.stderr.columns); 0 or absent: 80. */
  columns?: number;
  /** Milliseconds between redraws of the elapsed times; 0: only on events (tests). */
  intervalMs?: number;
  now?: () => number;
  /** Whose events these are (the plan line's words). Default deploy. */
  command?: DeployCommand;
}

interface InFlight {
  wave: number;
  step: StepName | null;
  started: number;
}

/** Cuts an escaped, possibly coloured line to `width` visible characters. */
function fit(line: string, width: number): string {
  let visible = 0;
  let out = '';
  for (let i = 0; i < line.length; ) {
    const sgr = /^\u001b\[[0-9;]*m/.exec(line.slice(i));
    if (sgr) {
      out += sgr[0];
      i += sgr[0].length;
      continue;
    }
    const ch = String.fromCodePoint(line.codePointAt(i)!);
    if (visible === width - 1 && line.length - i > ch.length) return `${out}…\u001b[0m`;
    out += ch;
    visible++;
    i += ch.length;
  }
  return out;
}

export function ttyDeployRenderer(out: Pick<Out, 'write' | 'color'>, options: TtyDeployOptions = {}): DeployRenderer {
  const c = out.color;
  const now = options.now ?? (() => performance.now());
  const width = Math.max(20, (options.columns || 80) - 1);
  const waveOf = new Map<string, number>();
  const inFlight = new Map<string, InFlight>();
  let drawn = 0;
  let timer: ReturnType<typeof setInterval> | undefined;

  const liveLine = (host: string, f: InFlight): string =>
    `  ${paint(c, 'cyan', '›')} ${printable(host)}  ${paint(c, 'gray', `wave ${f.wave}`)}  ${f.step ?? 'waiting'}  ${paint(c, 'gray', durationText(now() - f.started))}`;

  const draw = (notes: readonly string[] = []): void => {
    let text = drawn > 0 ? `\u001b[${drawn}F` : '';
    for (const n of notes) text += `\u001b[2K${n}\n`;
    for (const [host, f] of inFlight) text += `\u001b[2K${fit(liveLine(host, f), width)}\n`;
    // The block may have shrunk: clear what is left of the old one below.
    text += '\u001b[0J';
    drawn = inFlight.size;
    out.write(text);
  };

  return {
    onEvent(e: DeployEvent): void {
      const notes: string[] = [];
      switch (e.type) {
        case 'wave-start':
          for (const h of e.hosts) waveOf.set(h, e.wave);
          break;
        case 'step':
          if (e.phase === 'start') {
            const f = inFlight.get(e.host) ?? { wave: waveOf.get(e.host) ?? 0, step: null, started: now() };
            f.step = e.step;
            inFlight.set(e.host, f);
          }
          break;
        case 'host-done':
          inFlight.delete(e.result.host);
          break;
        case 'plan':
          if (options.intervalMs !== 0 && timer === undefined) {
            timer = setInterval(() => draw(), options.intervalMs ?? 250);
            timer.unref();
          }
          break;
        default:
          break;
      }
      const line = eventLine(e, c, options.command);
      if (line !== null) notes.push(fit(line, width));
      draw(notes);
    },
    close(): void {
      if (timer) clearInterval(timer);
      timer = undefined;
      if (drawn > 0) out.write(`\u001b[${drawn}F\u001b[0J`);
      drawn = 0;
    },
  };
}
