/** Build progress as plain lines, for CI logs and pipes. */
import type { BuildEvent } from '../../gobuild/events.ts';
import { paint, type Out } from '../style.ts';
import { formatBytes } from '../../report/reporter.ts';
import { formatDuration } from './summary.ts';
import type { BuildRenderer } from './renderer.ts';
import { printable } from '../../util/printable.ts';

export function plainBuildRenderer(out: Out): BuildRenderer {
  const c = out.color;
  return {
    onEvent(e: BuildEvent): void {
      switch (e.type) {
        case 'start':
          out.write(`building ${e.targets.length} target(s) with ${e.toolchain}, ${e.jobs} at a time: ${e.targets.join(' ')}\n`);
          break;
        case 'prepare':
          if (e.status === 'start') out.write('go mod download\n');
          else if (e.status === 'failed') out.write(`${paint(c, 'red', 'go mod download failed')}\n`);
          break;
        case 'target-start':
          out.write(`building ${e.target}\n`);
          break;
        case 'target-done':
          out.write(`${paint(c, 'green', 'done')}     ${e.target} ${formatBytes(e.size)} ${e.reused ? 'unchanged, kept' : `in ${formatDuration(e.durationMs)}`}\n`);
          break;
        case 'target-failed':
          out.write(`${paint(c, 'red', 'failed')}   ${e.target}: ${printable(e.errorLines.find((l) => !l.startsWith('#')) ?? '')}\n`);
          break;
        case 'target-cancelled':
          out.write(`${paint(c, 'yellow', 'stopped')}  ${e.target}\n`);
          break;
        case 'warning':
          out.write(`${paint(c, 'yellow', 'warning')}: ${printable(e.message)}\n`);
          break;
        case 'finish':
          break;
      }
    },
    close(): void {},
  };
}
