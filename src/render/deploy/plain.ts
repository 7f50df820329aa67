/** Deploy progress as plain lines for CI logs and pipes: one per step end and per host done, no cursor movement. */
import type { DeployEvent } from '../../deploy/model.ts';
import type { Out } from '../style.ts';
import { eventLine, stepEndLine, type DeployCommand } from './lines.ts';
import type { DeployRenderer } from './renderer.ts';

export function plainDeployRenderer(out: Pick<Out, 'write' | 'color'>, command: DeployCommand = 'deploy'): DeployRenderer {
  return {
    onEvent(e: DeployEvent): void {
      const line = e.type === 'step' ? (e.phase === 'end' ? stepEndLine(e, out.color) : null) : eventLine(e, out.color, command);
      if (line !== null) out.write(`${line}\n`);
    },
    close(): void {},
  };
}
