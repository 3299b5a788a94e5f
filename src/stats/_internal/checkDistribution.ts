import { ShadowOptionError, describeValue } from '../../_internal/options.js';

/**
 * Validates two discrete distributions (non-negative finite weights of equal length, each with a
 * positive sum) and returns them normalised to sum 1.
 */
export function checkDistributions(fn: string, p: unknown, q: unknown): [Float64Array, Float64Array] {
  const out: Float64Array[] = [];
  for (const [name, v] of [['p', p], ['q', q]] as const) {
    if (!(Array.isArray(v) || ArrayBuffer.isView(v)) || typeof (v as ArrayLike<unknown>).length !== 'number') {
      throw new ShadowOptionError(`${fn}: ${name} must be an array of non-negative weights (a histogram), got ${describeValue(v)}`);
    }
    const arr = v as ArrayLike<unknown>;
    const w = new Float64Array(arr.length);
    let sum = 0;
    for (let i = 0; i < arr.length; i++) {
      const x = arr[i];
      if (typeof x !== 'number' || !Number.isFinite(x) || x < 0) {
        throw new ShadowOptionError(`${fn}: ${name}[${i}] must be a finite number >= 0, got ${describeValue(x)}`);
      }
      w[i] = x;
      sum += x;
    }
    if (!(sum > 0)) throw new ShadowOptionError(`${fn}: ${name} must have a positive sum (an empty histogram has no distribution)`);
    for (let i = 0; i < w.length; i++) w[i] /= sum;
    out.push(w);
  }
  if (out[0].length !== out[1].length) {
    throw new ShadowOptionError(`${fn}: p and q must have the same length (the same bins), got ${out[0].length} and ${out[1].length}`);
  }
  return [out[0], out[1]];
}

/** Jensen–Shannon distance of normalised vectors, natural log (SciPy's computation). */
export function jsDistanceNormalised(p: ArrayLike<number>, q: ArrayLike<number>, logBase: number): number {
  let s = 0;
  for (let i = 0; i < p.length; i++) {
    const m = (p[i] + q[i]) / 2;
    if (p[i] > 0) s += p[i] * Math.log(p[i] / m);
    if (q[i] > 0) s += q[i] * Math.log(q[i] / m);
  }
  return Math.sqrt(Math.max(0, s / logBase) / 2);
}

/** Hellinger distance of normalised vectors, H = ‖√p − √q‖₂ / √2. */
export function hellingerNormalised(p: ArrayLike<number>, q: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < p.length; i++) {
    const d = Math.sqrt(p[i]) - Math.sqrt(q[i]);
    s += d * d;
  }
  return Math.sqrt(s / 2);
}
