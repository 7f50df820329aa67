/**
 * The exact null distribution of the Mann-Whitney U statistic for samples without ties: the number
 * of arrangements of m x's and n y's with U = u is the coefficient of q^u in the Gaussian binomial
 * [m+n choose m]_q = Π_{i=1..m} (1 − q^{n+i}) / (1 − q^i). Counts are BigInt: they reach
 * C(m+n, m), far past 2^53, and the product has intermediate negative coefficients that doubles
 * would cancel badly.
 */

/** Beyond this many (m·n) cells the exact distribution is not worth its cost; callers go asymptotic. */
export const EXACT_MAX_CELLS = 1_000_000;

/** Frequencies of U = 0..m·n under the null hypothesis. */
export function uFrequencies(m: number, n: number): bigint[] {
  const small = Math.min(m, n);
  const large = Math.max(m, n);
  const size = small * large + 1;
  const c: bigint[] = new Array<bigint>(size).fill(0n);
  c[0] = 1n;
  let degree = 0;
  for (let i = 1; i <= small; i++) {
    // Multiply by (1 − q^{large+i}).
    const shift = large + i;
    degree += shift;
    for (let u = Math.min(degree, size - 1); u >= shift; u--) c[u] = c[u]! - c[u - shift]!;
    // Divide by (1 − q^i): the series 1/(1 − q^i) = Σ q^{ki}, i.e. a running sum with stride i. It
    // runs over the whole product so the terms above the quotient's degree cancel to zero.
    for (let u = i; u <= Math.min(degree, size - 1); u++) c[u] = c[u]! + c[u - i]!;
    degree -= i;
  }
  return c;
}

/** P(U ≥ k) under the null hypothesis, for samples of sizes m and n without ties. */
export function exactSf(k: number, m: number, n: number): number {
  const freqs = uFrequencies(m, n);
  let total = 0n;
  let atLeast = 0n;
  for (let u = 0; u < freqs.length; u++) {
    total += freqs[u]!;
    if (u >= k) atLeast += freqs[u]!;
  }
  return ratio(atLeast, total);
}

/** a / b as a double without overflowing either to Infinity. */
function ratio(a: bigint, b: bigint): number {
  if (a === 0n) return 0;
  const shift = BigInt(Math.max(0, b.toString(2).length - 1000));
  return Number(a >> shift) / Number(b >> shift);
}
