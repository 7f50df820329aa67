/** The one interface build progress renderers share. */
import type { BuildEvent } from '../../gobuild/events.ts';

export interface BuildRenderer {
  onEvent(event: BuildEvent): void;
  /** Stops timers and leaves the terminal clean. */
  close(): void;
}
