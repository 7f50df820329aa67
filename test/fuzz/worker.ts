/**
 * Fuzz worker: inspects its share of the mutants and reports any outcome other than a result or a
 * BinaryError. It publishes the input it is working on in shared memory, so the parent can see a
 * hang (even a synchronous infinite loop, which no timer in this thread could interrupt).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { BinaryError } from '../../src/binary/errors.ts';
import { inspectBytes } from '../../src/binary/inspect.ts';
import { mutant, type Seed } from './mutate.ts';

export interface WorkerInput {
  seeds: Seed[];
  runSeed: number;
  /** This worker takes indices start, start + stride, … below end. */
  start: number;
  end: number;
  stride: number;
  /** Int32Array view: [slot * 2] = index in progress (-1 idle), [slot * 2 + 1] = inputs done. */
  progress: SharedArrayBuffer;
  slot: number;
}

export type WorkerMessage =
  | { type: 'failure'; index: number; seed: string; ops: string[]; error: string }
  | { type: 'done'; outcomes: Record<string, number> };

const input = workerData as WorkerInput;
const progress = new Int32Array(input.progress);
const outcomes: Record<string, number> = {};
let failures = 0;

for (let index = input.start; index < input.end; index += input.stride) {
  Atomics.store(progress, input.slot * 2, index);
  const m = mutant(input.seeds, input.runSeed, index);
  let outcome: string;
  try {
    await inspectBytes(m.bytes);
    outcome = 'ok';
  } catch (error) {
    if (error instanceof BinaryError) outcome = error.code;
    else {
      outcome = 'crash';
      if (failures++ < 50) {
        const e = error as Error;
        parentPort?.postMessage({ type: 'failure', index, seed: m.seed, ops: m.ops, error: e?.stack ?? String(error) } satisfies WorkerMessage);
      }
    }
  }
  outcomes[outcome] = (outcomes[outcome] ?? 0) + 1;
  Atomics.add(progress, input.slot * 2 + 1, 1);
}
Atomics.store(progress, input.slot * 2, -1);
parentPort?.postMessage({ type: 'done', outcomes } satisfies WorkerMessage);
