/**
 * Ranking helpers for the rank tests (Mann-Whitney, Wilcoxon, Spearman, Cramér-von Mises), built
 * for large inputs: typed arrays, numeric Float64Array sorts, no per-element allocation.
 */

/** A sorted copy of `x` (Float64Array sort is numeric and allocation-free per element). */
export function sortedCopy(x: Float64Array): Float64Array {
  return Float64Array.from(x).sort();
}

/** Rank sum of `sx` in the pooled sample and the tie term, from two ascending arrays. */
export interface MergedRankSum {
  /** Sum of the midranks (1-based) of the values of `sx` in the pooled sample. */
  rankSumX: number;
  /** Σ (t³ − t) over groups of tied values in the pooled sample. */
  tieTerm: number;
  /** Whether any value occurs more than once in the pooled sample. */
  hasTies: boolean;
}

/**
 * Walks two ascending arrays as one pooled sample, group by group of equal values: each group of
 * size t starting at pooled position `start` (0-based) gets the midrank start + (t + 1)/2.
 * O(n1 + n2).
 */
export function mergedRankSum(sx: Float64Array, sy: Float64Array): MergedRankSum {
  const n1 = sx.length;
  const n2 = sy.length;
  let i = 0;
  let j = 0;
  let pos = 0;
  let rankSumX = 0;
  let tieTerm = 0;
  while (i < n1 || j < n2) {
    const v = j >= n2 || (i < n1 && sx[i] <= sy[j]) ? sx[i] : sy[j];
    let cx = 0;
    let cy = 0;
    while (i < n1 && sx[i] === v) {
      i++;
      cx++;
    }
    while (j < n2 && sy[j] === v) {
      j++;
      cy++;
    }
    const t = cx + cy;
    rankSumX += cx * (pos + (t + 1) / 2);
    if (t > 1) tieTerm += t * t * t - t;
    pos += t;
  }
  return { rankSumX, tieTerm, hasTies: tieTerm > 0 };
}

/** Midranks of `x` (1-based; ties get the average rank), plus the tie term Σ (t³ − t). */
export function midranksWithTies(x: Float64Array): { ranks: Float64Array; tieTerm: number; hasTies: boolean } {
  const n = x.length;
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  order.sort((a, b) => x[a] - x[b]);
  const ranks = new Float64Array(n);
  let tieTerm = 0;
  let i = 0;
  while (i < n) {
    let j = i;
    while (j + 1 < n && x[order[j + 1]] === x[order[i]]) j++;
    const rank = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) ranks[order[k]] = rank;
    const t = j - i + 1;
    if (t > 1) tieTerm += t * t * t - t;
    i = j + 1;
  }
  return { ranks, tieTerm, hasTies: tieTerm > 0 };
}
