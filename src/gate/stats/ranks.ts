/** Ranking with ties, as the rank-sum tests need it. */

export interface Ranking {
  /** 1-based ranks in input order; tied values share the mean of the ranks they span. */
  ranks: Float64Array;
  /** The size of every group of equal values (groups of one included). */
  tieGroups: number[];
}

/** Average ranks ("midranks") of `values`; NaN is not a rankable value and is rejected by callers. */
export function rankWithTies(values: ArrayLike<number>): Ranking {
  const n = values.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => values[a]! - values[b]!);
  const ranks = new Float64Array(n);
  const tieGroups: number[] = [];
  let start = 0;
  while (start < n) {
    let end = start + 1;
    while (end < n && values[order[end]!] === values[order[start]!]) end++;
    // Positions start..end-1 hold ranks start+1..end; their mean is (start + 1 + end) / 2.
    const midrank = (start + 1 + end) / 2;
    for (let i = start; i < end; i++) ranks[order[i]!] = midrank;
    tieGroups.push(end - start);
    start = end;
  }
  return { ranks, tieGroups };
}
