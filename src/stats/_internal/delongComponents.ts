import { ShadowOptionError, describeValue } from '../../_internal/options.js';

/** Midranks (1-based, ties get the average of their ranks) of `x`. O(n log n). */
export function midranks(x: Float64Array): Float64Array {
  const n = x.length;
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  order.sort((a, b) => x[a] - x[b]);
  const r = new Float64Array(n);
  let i = 0;
  while (i < n) {
    let j = i;
    while (j + 1 < n && x[order[j + 1]] === x[order[i]]) j++;
    const rank = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) r[order[k]] = rank;
    i = j + 1;
  }
  return r;
}

/** AUC and DeLong structural components of one score vector. */
export interface DelongComponents {
  auc: number;
  /** V10_i for each positive: share of negatives scored below it (ties ½). */
  v10: Float64Array;
  /** V01_j for each negative: share of positives scored above it (ties ½). */
  v01: Float64Array;
}

/**
 * Fast DeLong (Sun & Xu 2014): with midranks T_Z over all examples, T_X within positives and T_Y
 * within negatives, AUC = (Σ T_Z(X) − m(m + 1)/2)/(mn), V10 = (T_Z(X) − T_X(X))/n,
 * V01 = 1 − (T_Z(Y) − T_Y(Y))/m. O(N log N).
 */
export function delongComponents(scores: Float64Array, positive: Uint8Array): DelongComponents {
  let m = 0;
  for (const p of positive) m += p;
  const n = positive.length - m;
  const xs = new Float64Array(m);
  const ys = new Float64Array(n);
  let a = 0;
  let b = 0;
  for (let i = 0; i < scores.length; i++) {
    if (positive[i]) xs[a++] = scores[i];
    else ys[b++] = scores[i];
  }
  const tz = midranks(scores);
  const tx = midranks(xs);
  const ty = midranks(ys);
  const v10 = new Float64Array(m);
  const v01 = new Float64Array(n);
  let sumX = 0;
  a = 0;
  b = 0;
  for (let i = 0; i < scores.length; i++) {
    if (positive[i]) {
      sumX += tz[i];
      v10[a] = (tz[i] - tx[a]) / n;
      a++;
    } else {
      v01[b] = 1 - (tz[i] - ty[b]) / m;
      b++;
    }
  }
  return { auc: (sumX - (m * (m + 1)) / 2) / (m * n), v10, v01 };
}

/** Sample covariance (n − 1) of two aligned vectors. */
export function covariance(a: Float64Array, b: Float64Array): number {
  const n = a.length;
  let ma = 0;
  let mb = 0;
  for (let i = 0; i < n; i++) {
    ma += a[i];
    mb += b[i];
  }
  ma /= n;
  mb /= n;
  let s = 0;
  for (let i = 0; i < n; i++) s += (a[i] - ma) * (b[i] - mb);
  return s / (n - 1);
}

/**
 * Validates labels (0/1 or booleans) aligned with `length` scores; returns 1 for positives.
 * Needs at least one positive and one negative.
 */
export function checkLabels(fn: string, labels: unknown, length: number): { positive: Uint8Array; m: number; n: number } {
  if (!(Array.isArray(labels) || ArrayBuffer.isView(labels))) {
    throw new ShadowOptionError(`${fn}: labels must be an array of 0/1 or booleans, got ${describeValue(labels)}`);
  }
  const arr = labels as ArrayLike<unknown>;
  if (arr.length !== length) {
    throw new ShadowOptionError(`${fn}: labels must have one entry per score, got ${arr.length} labels for ${length} scores`);
  }
  const positive = new Uint8Array(length);
  let m = 0;
  for (let i = 0; i < length; i++) {
    const v = arr[i];
    if (v === 1 || v === true) {
      positive[i] = 1;
      m++;
    } else if (v !== 0 && v !== false) {
      throw new ShadowOptionError(`${fn}: labels[${i}] must be 0, 1, false or true, got ${describeValue(v)}`);
    }
  }
  return { positive, m, n: length - m };
}
