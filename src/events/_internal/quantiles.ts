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
const BUCKETED = 1 << 16;
/** The buckets: the 16 leading bits of a double (sign, exponent, 4 mantissa bits): 1/16 of a binade each. */
const BUCKETS = 1 << 16;
const LITTLE_ENDIAN = new Uint8Array(Uint32Array.of(1).buffer)[0] === 1;

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
  if (n < BUCKETED || !LITTLE_ENDIAN) return ps.map((p) => quantileInPlace(x, n, p, zeros));
  // The ranks in x of the order statistics wanted (a rank below `zeros` is a zero, not in x).
  const total = n + zeros;
  const wanted = new Set<number>();
  for (const p of ps) {
    const h = (total - 1) * p;
    const lo = Math.floor(h);
    for (const k of h === lo ? [lo] : [lo, lo + 1]) if (k >= zeros) wanted.add(k - zeros);
  }
  const words = new Uint32Array(x.buffer, x.byteOffset, 2 * n);
  const count = new Uint32Array(BUCKETS);
  for (let i = 1; i < 2 * n; i += 2) {
    const hi = words[i];
    // Negative, -0, infinite or NaN: not ordered by the bits as read here.
    if (hi >= 0x7ff00000) return ps.map((p) => quantileInPlace(x, n, p, zeros));
    count[hi >>> 16]++;
  }
  // Per bucket holding a wanted rank: its first rank; then its values copied out.
  const first = new Map<number, number>();
  const of = new Map<number, number>();
  const sorted = [...wanted].sort((a, b) => a - b);
  let start = 0;
  let w = 0;
  for (let b = 0; b < BUCKETS && w < sorted.length; b++) {
    const end = start + count[b];
    while (w < sorted.length && sorted[w] < end) {
      first.set(b, start);
      of.set(sorted[w++], b);
    }
    start = end;
  }
  const slot = new Int32Array(BUCKETS).fill(-1);
  const values: Float64Array[] = [];
  const filled: number[] = [];
  for (const b of first.keys()) {
    slot[b] = values.length;
    values.push(new Float64Array(count[b]));
    filled.push(0);
  }
  for (let i = 0; i < n; i++) {
    const s = slot[words[2 * i + 1] >>> 16];
    if (s >= 0) values[s][filled[s]++] = x[i];
  }
  const stat = (k: number): number => {
    if (k < zeros) return 0;
    const b = of.get(k - zeros)!;
    const v = values[slot[b]];
    quickselect(v as unknown as number[], k - zeros - first.get(b)!);
    return v[k - zeros - first.get(b)!];
  };
  return ps.map((p) => {
    const h = (total - 1) * p;
    const lo = Math.floor(h);
    const a = stat(lo);
    return h === lo ? a : a + (h - lo) * (stat(lo + 1) - a);
  });
}
