/**
 * Where the deploy state lives and how it is read and written: `<projectDir>/.gocross/deploy/<service>.json`,
 * published with atomicWrite so a crash mid-write leaves the previous state, never half of one.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describeIoError, GocrossError } from '../../core/errors.ts';
import { atomicWrite } from '../../util/atomic-write.ts';
import { readRegularFile } from '../../util/regular-file.ts';
import { STATE_SCHEMA_VERSION, type DeployState } from './state.ts';

export function statePathOf(projectDir: string, service: string): string {
  return join(projectDir, '.gocross', 'deploy', `${service}.json`);
}

/** The state in `path`, or null when there is none. A file that is not a deploy state is an error. */
export async function readState(path: string): Promise<DeployState | null> {
  if (!existsSync(path)) return null;
  let value: unknown;
  try {
    value = JSON.parse(await readRegularFile(path));
  } catch (error) {
    throw new GocrossError('input', `Cannot read the deploy state ${path}: ${(error as Error).message}`, { fix: 'delete it and deploy without --resume', cause: error });
  }
  const state = value as Partial<DeployState> | null;
  if (typeof state !== 'object' || state === null || state.schemaVersion !== STATE_SCHEMA_VERSION || typeof state.hosts !== 'object' || !Array.isArray(state.waves)) {
    throw new GocrossError('input', `Cannot read the deploy state ${path}: not a gocross deploy state (schemaVersion ${STATE_SCHEMA_VERSION})`, {
      fix: 'delete it and deploy without --resume',
    });
  }
  return state as DeployState;
}

/**
 * Writes states in order, one at a time; a state saved while a write is in progress replaces any
 * not yet written (only the newest matters). `flush` waits for the newest to be on disk and
 * throws the first write error.
 */
export class StateWriter {
  readonly path: string;
  #pending: DeployState | null = null;
  #writing: Promise<void> | null = null;
  #error: unknown = null;

  constructor(path: string) {
    this.path = path;
  }

  save(state: DeployState): void {
    this.#pending = state;
    this.#writing ??= this.#drain();
  }

  async flush(): Promise<void> {
    while (this.#writing) await this.#writing;
    if (this.#error) throw this.#error;
  }

  async #drain(): Promise<void> {
    try {
      while (this.#pending) {
        const state = this.#pending;
        this.#pending = null;
        try {
          await atomicWrite(this.path, `${JSON.stringify(state, null, 2)}\n`, { mkdir: true });
        } catch (error) {
          this.#error ??= describeIoError(error, this.path, 'write');
        }
      }
    } finally {
      this.#writing = null;
    }
  }
}
