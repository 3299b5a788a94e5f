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

/**
 * h(r) = (1 + r)·ln(1 + r) + (1 − r)·ln(1 − r), the per-bin Jensen–Shannon term for
 * r = (p − q)/(p + q): KL(p‖m) + KL(q‖m) = Σ m·h(r) with m = (p + q)/2. A series near 0 keeps
 * full relative precision for near-equal histograms, where the textbook Σ p·ln(p/m) cancels.
 */
function jsTerm(r: number): number {
  const a = Math.abs(r);
  if (a === 1) return 2 * Math.LN2;
  if (a < 0.01) {
    const r2 = r * r;
    return r2 * (1 + r2 * (1 / 6 + r2 * (1 / 15 + r2 * (1 / 28 + r2 / 45))));
  }
  return (1 + r) * Math.log1p(r) + (1 - r) * Math.log1p(-r);
}

/**
 * Jensen–Shannon distance of normalised vectors: √(Σ m·h(r) / 2 / ln(base)), the same quantity as
 * SciPy's √((Σ rel_entr(p, m) + Σ rel_entr(q, m)) / ln(base) / 2), computed without cancellation.
 */
export function jsDistanceNormalised(p: ArrayLike<number>, q: ArrayLike<number>, logBase: number): number {
  let s = 0;
  for (let i = 0; i < p.length; i++) {
    const sum = p[i] + q[i];
    if (sum > 0) s += (sum / 2) * jsTerm((p[i] - q[i]) / sum);
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
