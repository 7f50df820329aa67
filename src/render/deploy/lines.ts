/**
 * One line of text per deploy event worth a permanent line: the plain renderer prints all of them,
 * the live renderer prints those (not step ends) above its in-flight block. Escaped, one line each.
 */
import type { DeployEvent, DeployReport } from '../../deploy/model.ts';
import { paint } from '../style.ts';
import { printable } from '../../util/printable.ts';
import { OUTCOME_LOOK, STEP_LOOK } from './outcome.ts';
import { durationText, formatBytes, releaseText } from './text.ts';

/** Which command's run the events are of: the plan event does not say, and the words differ. */
export type DeployCommand = DeployReport['command'];

export function planLine(e: Extract<DeployEvent, { type: 'plan' }>, command: DeployCommand = 'deploy'): string {
  const hosts = e.waves.reduce((n, w) => n + w.length, 0);
  const where = `${hosts} host${hosts === 1 ? '' : 's'} in ${e.waves.length} wave${e.waves.length === 1 ? '' : 's'} (${e.waves.map((w) => w.length).join(', ')}), failure budget ${e.maxFailures}`;
  const doing = command === 'rollback' ? `rolling back ${printable(e.service)} to ${printable(e.release)} on` : `deploying ${printable(e.service)} ${printable(e.release)} to`;
  return `${e.dryRun ? 'dry run: ' : ''}${doing} ${where}`;
}

export function hostDoneLine(e: Extract<DeployEvent, { type: 'host-done' }>, color: boolean): string {
  const r = e.result;
  const look = OUTCOME_LOOK[r.outcome];
  const failed = r.steps.find((s) => s.status === 'fail');
  const why = failed ? `: ${failed.step}: ${printable(failed.message)}` : '';
  return `${paint(color, look.style, `${look.symbol} ${r.outcome}`)} ${printable(r.host)} ${releaseText(r.fromRelease, r.toRelease)} ${durationText(r.durationMs)}, ${formatBytes(r.bytesSent)} sent${why}`;
}

export function stepEndLine(e: Extract<DeployEvent, { type: 'step' }>, color: boolean): string {
  const status = e.status ?? 'ok';
  const look = STEP_LOOK[status];
  const took = e.durationMs === undefined ? '' : ` (${durationText(e.durationMs)})`;
  return `  ${printable(e.host)} ${e.step} ${paint(color, look.style, status)}${e.message ? `: ${printable(e.message)}` : ''}${took}`;
}

/** The permanent line of an event, or null when it has none (step starts, step ends live, done). */
export function eventLine(e: DeployEvent, color: boolean, command: DeployCommand = 'deploy'): string | null {
  switch (e.type) {
    case 'plan':
      return planLine(e, command);
    case 'wave-start':
      return paint(color, 'bold', `wave ${e.wave}: ${e.hosts.map(printable).join(', ')}`);
    case 'host-done':
      return hostDoneLine(e, color);
    case 'wave-end':
      return `wave ${e.wave} done, ${e.failures} failure${e.failures === 1 ? '' : 's'} so far`;
    case 'budget-exceeded':
      return paint(color, 'red', `failure budget exceeded in wave ${e.wave}: ${e.failures} failures, ${e.maxFailures} allowed; rolling back wave ${e.wave}, later waves stay untouched`);
    case 'interrupted':
      return paint(color, 'yellow', 'interrupted: finishing or switching back the hosts in flight (press Ctrl-C again to stop at once)');
    case 'step':
    case 'done':
      return null;
  }
}
