/**
 * The inspect worker thread: each message is a chunk of `[index, path]` pairs; the reply is the
 * chunk's outcomes, `[index, outcome]`, in the same order. Files are read one after another, as
 * the main thread reads its own share (the reads are synchronous: see pool.ts).
 */
import { parentPort } from 'node:worker_threads';
import { inspectOutcome, type InspectOutcome } from './outcome.ts';

export type WorkerJob = readonly (readonly [index: number, path: string])[];
export type WorkerReply = [index: number, outcome: InspectOutcome][];

parentPort?.on('message', (job: WorkerJob) => {
  void (async () => {
    const reply: WorkerReply = [];
    for (const [index, path] of job) reply.push([index, await inspectOutcome(path)]);
    parentPort!.postMessage(reply);
  })();
});
