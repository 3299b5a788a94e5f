import { quickselect } from 'simple-statistics';

/**
 * The p-quantile of `x[0..n)` by linear interpolation between order statistics (type 7 in
 * R/NumPy, as simple-statistics' quantileSorted), found by selection in O(n) instead of a sort.
 * `zeros`: further values equal to 0 not held in `x`, whose values must then all be positive
 * (|deltas|: the equal pairs are counted, not stored). Reorders `x` in place.
 */
export function quantileInPlace(x: Float64Array, n: number, p: number, zeros = 0): number {
  const h = (n + zeros - 1) * p;
  const lo = Math.floor(h);
  // The k-th smallest of the zeros and x: a zero below `zeros`, else the (k − zeros)-th of x.
  let a = 0;
  if (lo >= zeros) {
    quickselect(x.subarray(0, n) as unknown as number[], lo - zeros);
    a = x[lo - zeros];
  }
  if (h === lo) return a;
  let b = lo + 1 < zeros ? 0 : Infinity;
  // After the selection every value right of lo − zeros is at least x[lo − zeros]; before any, all of x.
  if (b !== 0) for (let i = Math.max(0, lo - zeros + 1); i < n; i++) if (x[i] < b) b = x[i];
  return a + (h - lo) * (b - a);
}

/**
 * Above this many values, quantilesInPlace counts them by their leading bits before selecting.
 */
export const BUCKETED = 1 << 16;
/** The buckets: the 16 leading bits of a double (sign, exponent, 4 mantissa bits): 1/16 of a binade each. */
export const BUCKETS = 1 << 16;
export const LITTLE_ENDIAN = new Uint8Array(Uint32Array.of(1).buffer)[0] === 1;

/**
 * The p-quantiles of `x[0..n)` for each p of `ps`, each exactly as quantileInPlace gives it
 * (type 7; `zeros` further zeros not held in `x`). Past 65,536 values of `x`, none negative, -0
 * or NaN: one pass counts the values per bucket of their 16 leading bits (the bit patterns of
 * non-negative doubles order as their values), a second copies out the few buckets that hold
 * the order statistics wanted, and the selection runs on those alone: p50 and p99 of three
 * fields of 10M values each in 190-242 ms against 285-308 ms for two selections over all of
 * them (2-core VM, each in its own process, 4 rounds). May reorder `x`.
 */
export function quantilesInPlace(x: Float64Array, n: number, ps: readonly number[], zeros = 0): number[] {
  return quantilesOfParts([x.subarray(0, n)], ps, zeros);
}

/**
 * quantilesOfParts' count of the values of `x` per bucket of their 16 leading bits, added into
 * `count`. False, with the count left partial, at a value the bits do not order (negative, -0,
 * infinite or NaN): the caller then selects among all values instead.
 */
export function countBuckets(count: Uint32Array, x: Float64Array): boolean {
  const w = new Uint32Array(x.buffer, x.byteOffset, 2 * x.length);
  for (let i = 1; i < w.length; i += 2) {
    const hi = w[i];
    if (hi >= 0x7ff00000) return false;
    count[hi >>> 16]++;
  }
  return true;
}

/**
 * quantilesInPlace over the values of several arrays taken together (each whole), as a
 * collector holds them (see DeltaSink): the same values in one array give the same quantiles.
 * May reorder the parts. `counts`: the parts' values (then all positive and finite) counted per
 * bucket already (countBuckets over every part), as the collector counts them while they arrive.
 */
export function quantilesOfParts(parts: readonly Float64Array[], ps: readonly number[], zeros = 0, counts?: Uint32Array): number[] {
  let n = 0;
  for (const x of parts) n += x.length;
  const joined = () => {
    if (parts.length === 1) return parts[0];
    const all = new Float64Array(n);
    let at = 0;
    for (const x of parts) {
      all.set(x, at);
      at += x.length;
    }
    return all;
  };
  const bySelection = () => {
    const all = joined();
    return ps.map((p) => quantileInPlace(all, n, p, zeros));
  };
  if (n < BUCKETED || !LITTLE_ENDIAN) return bySelection();
  // Per p, its type-7 position h between the order statistics lo and lo + 1 of zeros and x.
  const spots = ps.map((p) => {
    const h = (n + zeros - 1) * p;
    return { h, lo: Math.floor(h) };
  });
  // The ranks in x wanted, ascending (a rank below `zeros` is a zero, not in x).
  const wanted = spots.flatMap(({ h, lo }) => (h === lo ? [lo] : [lo, lo + 1])).filter((k) => k >= zeros);
  const ranks = [...new Set(wanted.map((k) => k - zeros))].sort((a, b) => a - b);
  const words = parts.map((x) => new Uint32Array(x.buffer, x.byteOffset, 2 * x.length));
  const count = counts ?? new Uint32Array(BUCKETS);
  if (!counts) for (const x of parts) if (!countBuckets(count, x)) return bySelection();
  // Per wanted rank: the bucket that holds it and its rank there; each such bucket gets a slot.
  const slot = new Int32Array(BUCKETS).fill(-1);
  const values: Float64Array[] = [];
  const place = new Map<number, { bucket: number; within: number }>();
  let b = 0;
  for (let start = 0, w = 0; w < ranks.length; start += count[b++]) {
    // Counts given that hold fewer values than the parts (a caller's bug): no bucket holds the rank.
    if (b === BUCKETS) throw new Error(`quantilesOfParts: the bucket counts hold fewer values than the ${n} given (internal error, please report)`);
    for (; w < ranks.length && ranks[w] < start + count[b]; w++) {
      place.set(ranks[w], { bucket: b, within: ranks[w] - start });
      if (slot[b] < 0) {
        slot[b] = values.length;
        values.push(new Float64Array(count[b]));
      }
    }
  }
  const filled = new Array<number>(values.length).fill(0);
  parts.forEach((x, j) => {
    const w = words[j];
    for (let i = 0; i < x.length; i++) {
      const s = slot[w[2 * i + 1] >>> 16];
      if (s >= 0) values[s][filled[s]++] = x[i];
    }
  });
  const stat = (k: number): number => {
    if (k < zeros) return 0;
    const { bucket, within } = place.get(k - zeros)!;
    const v = values[slot[bucket]];
    quickselect(v as unknown as number[], within);
    return v[within];
  };
  return spots.map(({ h, lo }) => {
    const a = stat(lo);
    return h === lo ? a : a + (h - lo) * (stat(lo + 1) - a);
  });
}
