/** `--json` build progress: one JSON object per line, each with schemaVersion. */
import type { BuildEvent } from '../../gobuild/events.ts';
import type { BuildRenderer } from './renderer.ts';

export function jsonBuildRenderer(write: (line: string) => void): BuildRenderer {
  return {
    onEvent(e: BuildEvent): void {
      write(`${JSON.stringify({ schemaVersion: 1, time: new Date().toISOString(), ...e })}\n`);
    },
    close(): void {},
  };
}
