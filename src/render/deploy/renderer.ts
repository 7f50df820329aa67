/** The one interface deploy progress renderers share (live TTY, plain lines, NDJSON). */
import type { DeployEvent } from '../../deploy/model.ts';

export interface DeployRenderer {
  onEvent(event: DeployEvent): void;
  /** Stops timers and erases any live lines, leaving the terminal clean for the summary. */
  close(): void;
}
