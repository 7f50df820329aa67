/**
 * `--json` deploy output: one DeployEvent per line (NDJSON) on stdout, each with schemaVersion and
 * time, as `gocross build --json` does; the last, `done`, carries the whole DeployReport. Strings
 * stay exact (no terminal escaping): JSON.stringify escapes every control character.
 */
import type { DeployEvent } from '../../deploy/model.ts';
import type { DeployRenderer } from './renderer.ts';

export function jsonDeployRenderer(write: (line: string) => void, now: () => Date = () => new Date()): DeployRenderer {
  return {
    onEvent(e: DeployEvent): void {
      write(`${JSON.stringify({ schemaVersion: 1, time: now().toISOString(), ...e })}\n`);
    },
    close(): void {},
  };
}
