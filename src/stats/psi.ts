import { ShadowOptionError, assertNumber, assertOneOf, describeValue } from '../_internal/options.js';
import { checkOptions, checkSample, type NumericSample } from './checkSample.js';
import { checkBootstrap, distanceInterval, type DistanceBootstrapOptions, type DistanceInterval } from './distanceBootstrap.js';
import { binProportions, referenceEdges, sortedSample, type WeightedSample } from './_internal/weightedSample.js';

/** Options for {@link psi}. */
export interface PsiOptions {
  /**
   * Number of quantile bins of the reference sample (10 = deciles); see binOnReference.
   * @defaultValue 10
   */
  bins?: number;
  /**
   * Share used in place of 0 for an empty bin (on either side), so ln(0) never occurs.
   * @defaultValue 1e-4
   */
  epsilon?: number;
  /**
   * Add a seeded bootstrap upper bound (see DistanceInterval; edges recomputed on every resampled reference; lower is 0, PSI not being a metric).
   * @defaultValue no interval
   */
  bootstrap?: boolean | DistanceBootstrapOptions;
  /**
   * How bins are made: 'quantile' (the reference's type-7 quantiles at k/bins, distinct edges),
   * 'equal-width' (bins equal slices of [min, max] of the reference: inner edges
   * min + k·(max − min)/bins), or an array of inner edges e1 < … < e_{k−1} (outer bins open).
   * @defaultValue 'quantile'
   */
  binning?: 'quantile' | 'equal-width' | readonly number[];
  /**
   * Which side of an edge a value equal to it falls on: 'right' — bins (e_{i−1}, e_i], the value
   * goes to the lower bin (`np.searchsorted(edges, x, side='left')`); 'left' — bins [e_{i−1}, e_i),
   * the value goes to the upper bin (`side='right'`, `np.digitize`'s default).
   * @defaultValue 'right'
   */
  edgeSide?: 'right' | 'left';
}

/** One bin of a PSI: counts, shares before and after the epsilon floor, and its term. */
export interface PsiBin {
  /** Reference share r_i before the floor (kept as `reference` for compatibility). */
  reference: number;
  /** Actual share a_i before the floor. */
  actual: number;
  /** (a′ − r′)·ln(a′/r′) with the floored shares. */
  contribution: number;
  /** Counts (weights) in the bin; for psiFromCounts the given numbers. */
  count: { reference: number; actual: number };
  /** Shares after the floor: a share of 0 becomes epsilon (no renormalisation). */
  floored: { reference: number; actual: number };
}

/** Result of {@link psi}. */
export interface PsiResult {
  method: 'population stability index';
  statistic: number;
  /** Inner bin edges from the reference (see binOnReference). */
  edges: number[];
  /** Per bin: counts, shares before and after the epsilon floor and the term (a − r)·ln(a/r). */
  table: PsiBin[];
  /** 'quantile', 'equal-width', 'given edges' or 'given counts'. */
  binning: 'quantile' | 'equal-width' | 'given edges' | 'given counts';
  edgeSide: 'right' | 'left';
  bins: number;
  epsilon: number;
  n: { reference: number; actual: number };
  ci?: DistanceInterval;
}

/** PSI of two samples on the reference's quantile bins. */
export function psiOf(ref: WeightedSample, act: WeightedSample, bins: number, epsilon: number): { edges: number[]; r: Float64Array; a: Float64Array; value: number } {
  const edges = referenceEdges(ref, bins);
  const r = binProportions(ref, edges);
  const a = binProportions(act, edges);
  let value = 0;
  for (let k = 0; k < r.length; k++) value += psiTerm(r[k], a[k], epsilon);
  return { edges, r, a, value };
}

function psiTerm(r: number, a: number, epsilon: number): number {
  const rr = r > 0 ? r : epsilon;
  const aa = a > 0 ? a : epsilon;
  return (aa - rr) * Math.log(aa / rr);
}

/**
 * Population stability index of an actual sample against a reference (expected) sample:
 * PSI = Σ_bins (a_i − r_i) · ln(a_i / r_i), where r_i and a_i are the shares of the reference and
 * the actual sample in bin i. Binning rule: quantile bins of the **reference** (deciles by
 * default: NumPy type-7 quantiles at k/bins, distinct edges only, right-closed bins, open outer
 * bins; see binOnReference). A share of 0 is replaced by `epsilon` (no renormalisation).
 * Not symmetric: pass the legacy output as `reference`. PSI ≥ 0; the customary reading is
 * < 0.1 stable, 0.1–0.25 moderate shift, > 0.25 major shift. O((n + m) log(n + m)).
 *
 * @example
 * psi([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]).statistic; // => 0
 */
export function psi(reference: NumericSample, actual: NumericSample, options: PsiOptions = {}): PsiResult {
  const fn = 'psi';
  const o = checkOptions(fn, options, ['bins', 'epsilon', 'bootstrap', 'binning', 'edgeSide']);
  const edgeSide = o.edgeSide ?? 'right';
  assertOneOf(fn, 'edgeSide', edgeSide, ['right', 'left'] as const);
  const binning = o.binning ?? 'quantile';
  if (Array.isArray(binning)) {
    binning.forEach((e, i) => {
      if (typeof e !== 'number' || !Number.isFinite(e) || (i > 0 && !(e > binning[i - 1]))) {
        throw new ShadowOptionError(`${fn}: binning edges must be finite and strictly increasing, got ${describeValue(e)} at [${i}]`);
      }
    });
    if (binning.length === 0) throw new ShadowOptionError(`${fn}: binning edges need at least one inner edge, got []`);
  } else assertOneOf(fn, 'binning', binning, ['quantile', 'equal-width'] as const);
  if (binning !== 'quantile' && o.bootstrap !== undefined && o.bootstrap !== false) {
    throw new ShadowOptionError(`${fn}: bootstrap re-bins on the resampled reference's quantiles; it needs binning 'quantile'`);
  }
  const bins = o.bins ?? 10;
  assertNumber(fn, 'bins', bins, { min: 2, max: 1000, integer: true });
  const epsilon = o.epsilon ?? 1e-4;
  assertNumber(fn, 'epsilon', epsilon, { min: 1e-12, max: 0.1 });
  const r = checkSample(fn, 'reference', reference);
  const x = checkSample(fn, 'actual', actual);
  const rs = sortedSample(r).sample;
  const xs = sortedSample(x).sample;
  let edges: number[];
  if (Array.isArray(binning)) edges = [...binning];
  else if (binning === 'equal-width') {
    const lo = rs.values[0];
    const hi = rs.values[rs.values.length - 1];
    edges = [];
    for (let k = 1; k < bins; k++) {
      const e = k * ((hi - lo) / bins) + lo; // as np.linspace(min, max, bins + 1)[1:-1]
      if (edges.length === 0 || e > edges[edges.length - 1]) edges.push(e);
    }
  } else edges = referenceEdges(rs, bins);
  const rc = binCounts(rs, edges, edgeSide);
  const xc = binCounts(xs, edges, edgeSide);
  const table = binsTable(rc, xc, epsilon);
  const result: PsiResult = {
    method: 'population stability index',
    statistic: table.reduce((acc, b) => acc + b.contribution, 0),
    edges,
    table,
    binning: Array.isArray(binning) ? 'given edges' : (binning as 'quantile' | 'equal-width'),
    edgeSide,
    bins: edges.length + 1,
    epsilon,
    n: { reference: r.length, actual: x.length },
  };
  if (o.bootstrap !== undefined && o.bootstrap !== false) {
    result.ci = distanceInterval(r, x, result.statistic, { statistic: (wr, wx) => psiOf(wr, wx, bins, epsilon).value }, checkBootstrap(fn, o.bootstrap));
  }
  return result;
}

/** Counts of a sorted weighted sample in the bins of `edges`, right- or left-closed. */
function binCounts(a: WeightedSample, edges: readonly number[], side: 'right' | 'left'): Float64Array {
  const c = new Float64Array(edges.length + 1);
  let bin = 0;
  for (let k = 0; k < a.values.length; k++) {
    const x = a.values[k];
    while (bin < edges.length && (side === 'right' ? x > edges[bin] : x >= edges[bin])) bin++;
    c[bin] += a.weights[k];
  }
  return c;
}

function binsTable(rc: ArrayLike<number>, ac: ArrayLike<number>, epsilon: number): PsiBin[] {
  let tr = 0;
  let ta = 0;
  for (let k = 0; k < rc.length; k++) {
    tr += rc[k];
    ta += ac[k];
  }
  return Array.from({ length: rc.length }, (_, k) => {
    const r = rc[k] / tr;
    const a = ac[k] / ta;
    return {
      reference: r,
      actual: a,
      contribution: psiTerm(r, a, epsilon),
      count: { reference: rc[k], actual: ac[k] },
      floored: { reference: r > 0 ? r : epsilon, actual: a > 0 ? a : epsilon },
    };
  });
}

/**
 * PSI from binned data already counted (or given as proportions): `reference[i]` and `actual[i]`
 * are the counts or shares of bin i on each side; each side is normalised to shares, a share of 0
 * is floored to `epsilon`, and PSI = Σ (a′ − r′)·ln(a′/r′). The monitoring-tool form of PSI.
 *
 * @example
 * psiFromCounts([25, 25, 25, 25], [20, 30, 25, 25]).statistic; // => 0.02027325540540821
 */
export function psiFromCounts(reference: ArrayLike<number>, actual: ArrayLike<number>, options: { epsilon?: number } = {}): PsiResult {
  const fn = 'psiFromCounts';
  const o = checkOptions(fn, options, ['epsilon']);
  const epsilon = o.epsilon ?? 1e-4;
  assertNumber(fn, 'epsilon', epsilon, { min: 1e-12, max: 0.1 });
  const rc = checkSample(fn, 'reference', reference, 2);
  const ac = checkSample(fn, 'actual', actual, 2);
  if (rc.length !== ac.length) throw new ShadowOptionError(`${fn}: reference and actual must have one entry per bin, got ${rc.length} and ${ac.length}`);
  for (const [name, c] of [['reference', rc], ['actual', ac]] as const) {
    c.forEach((v, i) => {
      if (v < 0) throw new ShadowOptionError(`${fn}: ${name}[${i}] must be a count or share >= 0, got ${v}`);
    });
    if (!(c.reduce((x, y) => x + y, 0) > 0)) throw new ShadowOptionError(`${fn}: ${name} must have a positive total`);
  }
  const table = binsTable(rc, ac, epsilon);
  return {
    method: 'population stability index',
    statistic: table.reduce((acc, b) => acc + b.contribution, 0),
    edges: [],
    table,
    binning: 'given counts',
    edgeSide: 'right',
    bins: rc.length,
    epsilon,
    n: { reference: rc.reduce((x, y) => x + y, 0), actual: ac.reduce((x, y) => x + y, 0) },
  };
}
