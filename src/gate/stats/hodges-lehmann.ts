/**
 * The Hodges–Lehmann estimate of the shift between two samples: the median of all n1·n2
 * differences x_i − y_j. It is the effect size that goes with the Mann-Whitney test (robust, in the
 * metric's unit). The differences are never materialised — 10,000 × 10,000 would be 10^8 of them —
 * instead the k-th smallest is selected over the implicit sorted matrix (Monahan's algorithm,
 * ACM TOMS 10(3), 1984): random pivots, each counted against every row in O(n1 + n2).
 */
import { prng } from '../../util/prng.ts';

/** The median of x_i − y_j over all pairs. */
export function hodgesLehmann(x: ArrayLike<number>, y: ArrayLike<number>): number {
  if (x.length === 0 || y.length === 0) return Number.NaN;
  const xs = Float64Array.from(x).sort();
  // y descending makes every row x_i − y_j increase along j.
  const yd = Float64Array.from(y).sort().reverse();
  const total = xs.length * yd.length;
  const half = Math.floor(total / 2);
  if (total % 2 === 1) return kthDifference(xs, yd, half);
  return (kthDifference(xs, yd, half - 1) + kthDifference(xs, yd, half)) / 2;
}

/**
 * The k-th smallest (0-based) of xs[i] − yd[j], xs ascending and yd descending. Row i keeps an
 * active column range [lo[i], hi[i]); the answer always lies in it, everything left of it is
 * smaller and everything right of it larger.
 */
export function kthDifference(xs: Float64Array, yd: Float64Array, k: number): number {
  const rows = xs.length;
  const cols = yd.length;
  const lo = new Int32Array(rows);
  const hi = new Int32Array(rows).fill(cols);
  const below = new Int32Array(rows);
  const atOrBelow = new Int32Array(rows);
  const random = prng(0x9e3779b9 ^ k);
  for (;;) {
    let active = 0;
    for (let i = 0; i < rows; i++) active += hi[i]! - lo[i]!;
    if (active <= rows + cols) return pickFromActive(xs, yd, lo, hi, k);
    // A pivot drawn uniformly from the active cells.
    let r = Math.floor(random() * active);
    let row = 0;
    while (r >= hi[row]! - lo[row]!) {
      r -= hi[row]! - lo[row]!;
      row++;
    }
    const pivot = xs[row]! - yd[lo[row]! + r]!;
    // Per row, how many columns are < pivot and ≤ pivot. Both counts only shrink as x grows.
    let lessCount = 0;
    let lessEqualCount = 0;
    let pLess = cols;
    let pLessEqual = cols;
    for (let i = 0; i < rows; i++) {
      while (pLess > 0 && !(xs[i]! - yd[pLess - 1]! < pivot)) pLess--;
      while (pLessEqual > 0 && !(xs[i]! - yd[pLessEqual - 1]! <= pivot)) pLessEqual--;
      below[i] = pLess;
      atOrBelow[i] = pLessEqual;
      lessCount += pLess;
      lessEqualCount += pLessEqual;
    }
    if (k < lessCount) {
      for (let i = 0; i < rows; i++) hi[i] = Math.min(hi[i]!, below[i]!);
    } else if (k >= lessEqualCount) {
      for (let i = 0; i < rows; i++) lo[i] = Math.max(lo[i]!, atOrBelow[i]!);
    } else {
      return pivot;
    }
  }
}

function pickFromActive(xs: Float64Array, yd: Float64Array, lo: Int32Array, hi: Int32Array, k: number): number {
  const values: number[] = [];
  let skipped = 0;
  for (let i = 0; i < xs.length; i++) {
    skipped += lo[i]!;
    for (let j = lo[i]!; j < hi[i]!; j++) values.push(xs[i]! - yd[j]!);
  }
  values.sort((a, b) => a - b);
  return values[k - skipped]!;
}
