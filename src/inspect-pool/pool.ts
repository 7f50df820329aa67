/**
 * Inspects many files over every core: the main thread and `threads - 1` worker threads take work
 * from one queue (the workers in small chunks), and each outcome is handed to `onDone` as it
 * completes, in any order (the caller restores input order). Small batches stay in-process: a
 * worker costs a thread start and a module load, which pays only past `PARALLEL_THRESHOLD` files
 * (measured in bench/inspect-vs-go.ts).
 */
import { availableParallelism } from 'node:os';
import { extname } from 'node:path';
import { inspectOutcome, type InspectOutcome } from './outcome.ts';
import type { WorkerJob, WorkerReply } from './worker.ts';

/**
 * Below this many files the workers' start-up (a thread, the readers' module load and JIT warm-up)
 * costs more than they save. Measured on the shared 2-core machine (load average ~2, hyperfine,
 * GOCROSS_INSPECT_THREADS=1 vs 2, the bench corpus): 2 threads took 218 vs 161 ms at 78 files,
 * 607 vs 498 ms at 520 and 1.49 vs 1.44 s at 2,080 (repeated), for 30-60% more CPU time; a worker
 * pays only when a core is free, which a loaded machine does not have. (An earlier measurement
 * that put the threshold here, 2 threads 1.06-1.71x slower at 100 to 1,800 files, predates the
 * main thread's turn of the event loop after each file: a worker then got only its first 32 files.)
 */
export const PARALLEL_THRESHOLD = 2000;
/** Files per message to a worker: large enough to amortise the message, small enough to balance the end. */
const CHUNK = 16;

/**
 * The worker module beside this one: src/inspect-pool/worker.ts under type stripping,
 * dist/inspect-pool/worker.js in the build, and from the CLI's bundles (dist/cli/*.cjs, one
 * folder deep as well) the worker's own bundle, dist/inspect-pool/worker.js.
 */
const WORKER_URL = new URL(`../inspect-pool/worker${extname(new URL(import.meta.url).pathname) === '.ts' ? '.ts' : '.js'}`, import.meta.url);

export interface InspectPathsOptions {
  /** Threads in all, the main one included; defaults to the cores available (1 = in-process). */
  threads?: number;
  /** A worker that failed (its files are then inspected here): told once per worker. */
  onWorkerError?: (error: Error) => void;
}

export async function inspectPaths(
  paths: readonly string[],
  onDone: (outcome: InspectOutcome, index: number) => void,
  options: InspectPathsOptions = {},
): Promise<void> {
  const threads = Math.max(1, Math.floor(options.threads ?? (paths.length >= PARALLEL_THRESHOLD ? availableParallelism() : 1)));
  let next = 0;

  /**
   * One file at a time: the readers' reads are synchronous (byte-source.ts), so files in flight
   * together would only interleave, holding more in memory. For the same reason nothing here waits
   * on the event loop, so with workers the lane steps out to it after each file: else their replies,
   * and the chunks sent in answer, wait until this lane has taken and done every other file.
   */
  async function mainThreadLane(): Promise<void> {
    while (next < paths.length) {
      const index = next++;
      onDone(await inspectOutcome(paths[index] as string), index);
      if (Worker) await new Promise((resolve) => setImmediate(resolve));
    }
  }

  function takeChunk(): WorkerJob {
    const job: [number, string][] = [];
    while (job.length < CHUNK && next < paths.length) {
      const index = next++;
      job.push([index, paths[index] as string]);
    }
    return job;
  }

  // Loaded only for a batch that uses workers: a single-file inspect does not pay for it.
  const { Worker } = threads > 1 ? await import('node:worker_threads') : { Worker: null };

  /** One worker, kept two chunks ahead so it never waits for a round trip; what it fails to do is done here. */
  function workerLane(): Promise<void> {
    if (!Worker) return Promise.resolve();
    return new Promise((resolve) => {
      const worker = new Worker(WORKER_URL);
      const pending = new Map<number, string>();
      let finished = false;
      const send = (): void => {
        const job = takeChunk();
        if (job.length === 0) return;
        for (const [index, path] of job) pending.set(index, path);
        worker.postMessage(job);
      };
      const finish = (): void => {
        if (finished) return;
        finished = true;
        void worker.terminate();
        // A worker that died leaves its chunks: inspect them here, so every input gets an outcome.
        const leftover = [...pending];
        pending.clear();
        void Promise.all(leftover.map(async ([index, path]) => onDone(await inspectOutcome(path), index))).then(() => resolve());
      };
      worker.on('message', (reply: WorkerReply) => {
        if (finished) return;
        for (const [index, outcome] of reply) {
          pending.delete(index);
          onDone(outcome, index);
        }
        send();
        if (pending.size === 0) finish();
      });
      worker.on('error', (error) => {
        options.onWorkerError?.(error);
        finish();
      });
      worker.on('exit', finish);
      send();
      send();
      if (pending.size === 0) finish();
    });
  }

  await Promise.all([
    ...Array.from({ length: threads - 1 }, workerLane),
    mainThreadLane(),
  ]);
}
