/**
 * Deterministic mutations of real executables for the inspect fuzz test. Input `index` of a run
 * with master seed `seed` is always the same bytes, so any failure is reproduced from (seed, index)
 * alone (see test/inspect-fuzz.test.ts).
 */
import { prng } from '../../src/util/prng.ts';

/** A seed executable and the byte ranges where its structures live (headers, tables, notes…). */
export interface Seed {
  name: string;
  bytes: Uint8Array;
  /** [start, end) ranges worth corrupting; mutations land there most of the time. */
  regions: Array<[number, number]>;
  /** Relative chance of being picked (large seeds are slow to inspect, so they get less). */
  weight: number;
}

export interface Mutant {
  seed: string;
  /** Human-readable list of what was done, enough to redo it by hand. */
  ops: string[];
  bytes: Uint8Array;
}

/** A per-input seed mixed from the run seed and the index (so inputs are independent). */
export function inputSeed(runSeed: number, index: number): number {
  let h = (runSeed ^ Math.imul(index + 1, 0x9e3779b1)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b) >>> 0;
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35) >>> 0;
  return (h ^ (h >>> 16)) >>> 0;
}

const BYTE_VALUES = [0x00, 0xff, 0x7f, 0x80, 0x01, 0xfe];

/** Values that break length/offset/count arithmetic; `size` is the input's length. */
function boundaryValues(size: number): bigint[] {
  const s = BigInt(size);
  return [0n, 1n, 2n, 0x7fn, 0x80n, 0xffn, 0x100n, 0xffffn, 0x10000n, 0x7fffffffn, 0x80000000n, 0xffffffffn, 0x100000000n,
    0x7fffffffffffffffn, 0xffffffffffffffffn, s, s - 1n, s + 1n, s / 2n, 0x1000000n, 0x40000000n];
}

function writeUint(bytes: Uint8Array, at: number, width: number, value: bigint, little: boolean): void {
  const masked = BigInt.asUintN(width * 8, value);
  for (let i = 0; i < width && at + i < bytes.length; i++) {
    const byte = Number((masked >> BigInt(8 * i)) & 0xffn);
    bytes[little ? at + i : at + width - 1 - i] = byte;
  }
}

const hex = (n: number | bigint): string => `0x${n.toString(16)}`;

/** Builds input `index` of a run: picks a seed by weight and applies 1–4 mutations. */
export function mutant(seeds: readonly Seed[], runSeed: number, index: number): Mutant {
  const rand = prng(inputSeed(runSeed, index));
  const int = (n: number): number => Math.floor(rand() * n);
  const pick = <T>(items: readonly T[]): T => items[int(items.length)] as T;

  const total = seeds.reduce((sum, s) => sum + s.weight, 0);
  let r = rand() * total;
  let seed = seeds[0] as Seed;
  for (const s of seeds) {
    r -= s.weight;
    if (r <= 0) {
      seed = s;
      break;
    }
  }
  const bytes = seed.bytes.slice();
  const ops: string[] = [];
  if (bytes.length === 0) return { seed: seed.name, ops, bytes };

  /** A position, inside a structural region 85% of the time. */
  const position = (align = 1): number => {
    let at: number;
    if (seed.regions.length && rand() < 0.85) {
      const [start, end] = pick(seed.regions);
      at = start + int(Math.max(1, end - start));
    } else at = int(bytes.length);
    at -= at % align;
    return Math.min(Math.max(0, at), bytes.length - 1);
  };

  let length = bytes.length;
  const count = 1 + int(4);
  for (let k = 0; k < count; k++) {
    const kind = int(100);
    if (kind < 30) {
      const at = position();
      const bit = int(8);
      bytes[at] = (bytes[at] as number) ^ (1 << bit);
      ops.push(`flip bit ${bit} of byte ${hex(at)}`);
    } else if (kind < 50) {
      const at = position();
      const value = pick(BYTE_VALUES);
      bytes[at] = value;
      ops.push(`set byte ${hex(at)} = ${hex(value)}`);
    } else if (kind < 80) {
      const width = pick([2, 4, 4, 8]);
      const at = position(width);
      const value = pick(boundaryValues(bytes.length));
      const little = rand() < 0.7;
      writeUint(bytes, at, width, value, little);
      ops.push(`write u${width * 8}${little ? 'le' : 'be'} ${hex(BigInt.asUintN(width * 8, value))} at ${hex(at)}`);
    } else if (kind < 88) {
      const from = position();
      const to = position();
      const n = 1 + int(64);
      bytes.copyWithin(to, from, Math.min(bytes.length, from + n));
      ops.push(`copy ${n} bytes ${hex(from)} -> ${hex(to)}`);
    } else {
      // Truncate near a structure boundary (or anywhere), keeping the rest of the mutations.
      const near = seed.regions.length && rand() < 0.7 ? (pick(seed.regions)[int(2)] ?? 0) + int(9) - 4 : int(length);
      length = Math.max(0, Math.min(length, near));
      ops.push(`truncate to ${hex(length)} bytes`);
    }
  }
  return { seed: seed.name, ops, bytes: length === bytes.length ? bytes : bytes.subarray(0, length) };
}
