/**
 * The one concurrency primitive: run tasks with a limit, collect every outcome (never stop at
 * the first failure), and stop starting new tasks when the signal aborts.
 */
import { availableParallelism } from 'node:os';

export type Settled<T> =
  | { status: 'fulfilled'; value: T; index: number }
  | { status: 'rejected'; reason: unknown; index: number }
  | { status: 'cancelled'; index: number };

export interface PoolOptions {
  limit?: number;
  signal?: AbortSignal;
}

export async function pool<I, T>(
  items: readonly I[],
  task: (item: I, index: number, signal: AbortSignal | undefined) => Promise<T>,
  options: PoolOptions = {},
): Promise<Settled<T>[]> {
  const limit = Math.max(1, Math.floor(options.limit ?? availableParallelism()));
  const results: Settled<T>[] = new Array(items.length);
  let next = 0;
  async function worker(): Promise<void> {
    while (next < items.length) {
      const index = next++;
      if (options.signal?.aborted) {
        results[index] = { status: 'cancelled', index };
        continue;
      }
      try {
        results[index] = { status: 'fulfilled', value: await task(items[index] as I, index, options.signal), index };
      } catch (reason) {
        results[index] = { status: 'rejected', reason, index };
      }
    }
  }
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
