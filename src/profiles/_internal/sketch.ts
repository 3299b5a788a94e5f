/**
 * The quantile sketch of a numeric column: DDSketch from @datadog/sketches-js (Masson, Rim & Lee
 * 2019), logarithmic mapping with relative accuracy α: every quantile it returns is within a
 * relative error α of the exact lower quantile at rank q·(n − 1).
 *
 * Merge and serialisation are done here over the package's stores, because the package's own
 * `merge` (2.1.1) drops the negative store and its `toProto` loses min and max.
 */
import { DDSketch } from '@datadog/sketches-js';

/** Serialised sketch: dense counts from `pos[0]` (and `neg[0]`) upward, plus the zero count. */
export interface SketchState {
  relativeAccuracy: number;
  zeros: number;
  /** [first key, counts…] of positive values. */
  pos: number[];
  /** [first key, counts…] of the magnitudes of negative values. */
  neg: number[];
}

interface Store {
  bins: number[];
  count: number;
  minKey: number;
  maxKey: number;
  offset: number;
  add(key: number, weight?: number): void;
  merge(o: Store): void;
}

function storeOf(s: DDSketch, which: 'store' | 'negativeStore'): Store {
  return s[which] as unknown as Store;
}

export function newSketch(relativeAccuracy: number): DDSketch {
  return new DDSketch({ relativeAccuracy });
}

/** Merges b into a (both stores, zeros, count, sum, min, max). */
export function mergeSketch(a: DDSketch, b: DDSketch): void {
  if (a.mapping.gamma !== b.mapping.gamma) throw new TypeError('sketches with different relative accuracy cannot be merged');
  if (b.count === 0) return;
  storeOf(a, 'store').merge(storeOf(b, 'store'));
  storeOf(a, 'negativeStore').merge(storeOf(b, 'negativeStore'));
  a.zeroCount += b.zeroCount;
  a.count += b.count;
  a.sum += b.sum;
  if (b.min < a.min) a.min = b.min;
  if (b.max > a.max) a.max = b.max;
}

function storeState(st: Store): number[] {
  if (st.count === 0 || st.minKey > st.maxKey) return [];
  const out = [st.minKey];
  for (let k = st.minKey; k <= st.maxKey; k++) out.push(st.bins[k - st.offset] ?? 0);
  return out;
}

export function sketchState(s: DDSketch, relativeAccuracy: number): SketchState {
  return { relativeAccuracy, zeros: s.zeroCount, pos: storeState(storeOf(s, 'store')), neg: storeState(storeOf(s, 'negativeStore')) };
}

/** Rebuilds a sketch; min, max and sum are restored by the caller from the moments. */
export function sketchFrom(state: SketchState, min: number, max: number, sum: number): DDSketch {
  const s = newSketch(state.relativeAccuracy);
  for (const [arr, which] of [[state.pos, 'store'], [state.neg, 'negativeStore']] as const) {
    const st = storeOf(s, which);
    for (let i = 1; i < arr.length; i++) if (arr[i] > 0) st.add(arr[0] + i - 1, arr[i]);
  }
  s.zeroCount = state.zeros;
  s.count = storeOf(s, 'store').count + storeOf(s, 'negativeStore').count + state.zeros;
  s.min = min;
  s.max = max;
  s.sum = sum;
  return s;
}

/**
 * The sketch's buckets in value order as [ordinal, count] pairs (ordinals compare like values;
 * the same bucket has the same ordinal in every sketch of the same relative accuracy).
 */
export function bucketsInOrder(s: DDSketch): [number, number][] {
  const out: [number, number][] = [];
  const neg = storeOf(s, 'negativeStore');
  const B = 2 ** 40;
  if (neg.count > 0) for (let k = neg.maxKey; k >= neg.minKey; k--) {
    const c = neg.bins[k - neg.offset] ?? 0;
    if (c > 0) out.push([-B - k, c]);
  }
  if (s.zeroCount > 0) out.push([0, s.zeroCount]);
  const pos = storeOf(s, 'store');
  if (pos.count > 0) for (let k = pos.minKey; k <= pos.maxKey; k++) {
    const c = pos.bins[k - pos.offset] ?? 0;
    if (c > 0) out.push([B + k, c]);
  }
  return out;
}

/** Share of the sketch's values ≤ x (bucket resolution: within relative accuracy of x). */
export function sketchCdf(s: DDSketch, x: number): number {
  if (s.count === 0) return NaN;
  const B = 2 ** 40;
  const mp = s.mapping.minPossible;
  const ord = x > mp ? B + s.mapping.key(x) : x < -mp ? -B - s.mapping.key(-x) : 0;
  let below = 0;
  for (const [o, c] of bucketsInOrder(s)) {
    if (o > ord) break;
    below += c;
  }
  return below / s.count;
}

/**
 * Kolmogorov–Smirnov distance between two sketches of the same relative accuracy, on their
 * common buckets: sup over bucket boundaries of |F_a − F_b|.
 */
export function sketchKs(a: DDSketch, b: DDSketch): number {
  const A = bucketsInOrder(a);
  const Bk = bucketsInOrder(b);
  let i = 0;
  let j = 0;
  let fa = 0;
  let fb = 0;
  let d = 0;
  while (i < A.length || j < Bk.length) {
    const oa = i < A.length ? A[i][0] : Infinity;
    const ob = j < Bk.length ? Bk[j][0] : Infinity;
    const o = Math.min(oa, ob);
    if (oa === o) fa += A[i++][1];
    if (ob === o) fb += Bk[j++][1];
    const g = Math.abs(fa / a.count - fb / b.count);
    if (g > d) d = g;
  }
  return d;
}
