/**
 * The inspect worker thread: each message is a chunk of `[index, path]` pairs; the reply is the
 * chunk's outcomes, `[index, outcome]`, in the same order. Files within a chunk are read
 * concurrently, as the main thread reads its own share.
 */
import { parentPort } from 'node:worker_threads';
import { pool } from '../util/pool.ts';
import { inspectOutcome, type InspectOutcome } from './outcome.ts';

export type WorkerJob = readonly (readonly [index: number, path: string])[];
export type WorkerReply = [index: number, outcome: InspectOutcome][];

parentPort?.on('message', (job: WorkerJob) => {
  void pool(job, ([, path]) => inspectOutcome(path), { limit: 16 }).then((settled) => {
    const reply: WorkerReply = settled.map((s, k) => [job[k]![0], (s as { value: InspectOutcome }).value]);
    parentPort!.postMessage(reply);
  });
});
