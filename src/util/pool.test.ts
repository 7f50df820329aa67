import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { pool } from './pool.ts';

/** A promise the test settles by hand, so the order of events is the test's, not the clock's. */
function deferred<T>(): { promise: Promise<T>; resolve: (v: T) => void; reject: (e: unknown) => void } {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

const tick = (): Promise<void> => new Promise((r) => setImmediate(r));

describe('pool()', () => {
  it('never runs more than `limit` tasks at once', async () => {
    const gates = Array.from({ length: 7 }, () => deferred<void>());
    let running = 0;
    let most = 0;
    const started: number[] = [];
    const done = pool(gates, async (gate, index) => {
      started.push(index);
      most = Math.max(most, ++running);
      await gate.promise;
      running--;
      return index;
    }, { limit: 3 });
    await tick();
    assert.deepEqual(started, [0, 1, 2]);
    // Free one slot at a time; exactly one more task starts each time.
    for (let i = 0; i < gates.length; i++) {
      gates[i]!.resolve();
      await tick();
      assert.equal(started.length, Math.min(gates.length, 4 + i));
    }
    await done;
    assert.equal(most, 3);
  });

  it('returns results in input order whatever order the tasks finish in', async () => {
    const gates = Array.from({ length: 4 }, () => deferred<string>());
    const done = pool(gates, (gate) => gate.promise, { limit: 4 });
    for (const i of [3, 1, 0, 2]) gates[i]!.resolve(`item ${i}`);
    const results = await done;
    assert.deepEqual(results, [0, 1, 2, 3].map((index) => ({ status: 'fulfilled', value: `item ${index}`, index })));
  });

  it('collects failures instead of stopping at the first one', async () => {
    const boom = new Error('boom');
    const results = await pool([1, 2, 3, 4], async (n) => {
      if (n % 2 === 0) throw boom;
      return n * 10;
    }, { limit: 1 });
    assert.deepEqual(results, [
      { status: 'fulfilled', value: 10, index: 0 },
      { status: 'rejected', reason: boom, index: 1 },
      { status: 'fulfilled', value: 30, index: 2 },
      { status: 'rejected', reason: boom, index: 3 },
    ]);
  });

  it('an aborted signal cancels the tasks not yet started and reaches the running ones', async () => {
    const controller = new AbortController();
    const seen: (AbortSignal | undefined)[] = [];
    const first = deferred<string>();
    const done = pool(['a', 'b', 'c', 'd'], async (item, _index, signal) => {
      seen.push(signal);
      return item === 'a' ? first.promise : item;
    }, { limit: 1, signal: controller.signal });
    await tick();
    controller.abort();
    first.resolve('a');
    const results = await done;
    assert.deepEqual(results, [
      { status: 'fulfilled', value: 'a', index: 0 },
      { status: 'cancelled', index: 1 },
      { status: 'cancelled', index: 2 },
      { status: 'cancelled', index: 3 },
    ]);
    assert.deepEqual(seen, [controller.signal]);
  });

  it('handles an empty list and a limit larger than the list', async () => {
    assert.deepEqual(await pool([], async () => 1), []);
    assert.deepEqual(await pool(['x'], async (x) => x, { limit: 8 }), [{ status: 'fulfilled', value: 'x', index: 0 }]);
  });
});
