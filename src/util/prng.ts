/**
 * A small seeded pseudo-random generator (mulberry32): the same seed always gives the same
 * sequence, so randomised algorithms take the same path on every run and randomised tests can be
 * replayed from the seed they print. Not for anything secret.
 */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
