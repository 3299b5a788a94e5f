import { ShadowOptionError, assertPlainObject, assertKnownKeys, describeValue } from '../_internal/options.js';
import { tCdf, tPpf, tSf } from './distributions/studentT.js';
import { checkMargin } from './checkSample.js';

/** Asymmetric equivalence bounds: the difference must be shown inside (low, high). */
export interface EquivalenceBounds {
  /** Lower bound (a difference at or below it is not equivalent); may be −Infinity for a one-sided check. */
  low: number;
  /** Upper bound; may be +Infinity ("may be better, not worse by more than |low|"). */
  high: number;
}

/** The fields shared by {@link TostResult} of tostPaired and tostWelch. */
export interface TostCore {
  /** The observed mean difference. */
  estimate: number;
  /** Standard error of the estimate. */
  se: number;
  /** Degrees of freedom of the t reference distribution. */
  df: number;
  /** The symmetric margin δ, or null when asymmetric `bounds` were given. */
  margin: number | null;
  /** The equivalence region (low, high): (−δ, δ) for a margin. */
  low: number;
  high: number;
  alpha: number;
  /** 1 − 2α: the level of `ci`. */
  confidenceLevel: number;
  /** The (1 − 2α) two-sided t interval for the difference. */
  ci: [number, number];
  /** t for H0: difference ≤ low, `(estimate − low) / se`. */
  tLower: number;
  /** t for H0: difference ≥ high, `(estimate − high) / se`. */
  tUpper: number;
  /** P(T ≥ tLower): the p-value of the lower one-sided test (0 when low = −∞). */
  pLower: number;
  /** P(T ≤ tUpper): the p-value of the upper one-sided test (0 when high = +∞). */
  pUpper: number;
  /** The TOST p-value, max(pLower, pUpper). */
  pValue: number;
  /** true iff the CI lies inside (low, high), equivalently pValue < alpha. */
  equivalent: boolean;
}

/**
 * Reads `margin` or `bounds` (exactly one) into an equivalence region (low, high) with low < high,
 * at least one end finite.
 */
export function checkEquivalenceRegion(fn: string, margin: unknown, bounds: unknown): { margin: number | null; low: number; high: number } {
  if (bounds === undefined) {
    const m = checkMargin(fn, margin);
    return { margin: m, low: -m, high: m };
  }
  if (margin !== undefined) {
    throw new ShadowOptionError(`${fn}: give either margin (symmetric) or bounds ({ low, high }), not both; got margin ${describeValue(margin)} and bounds ${describeValue(bounds)}`);
  }
  assertPlainObject(fn, 'bounds', bounds);
  assertKnownKeys(fn, 'bounds', bounds, ['low', 'high']);
  const { low, high } = bounds as { low?: unknown; high?: unknown };
  for (const [k, v] of [['low', low], ['high', high]] as const) {
    if (typeof v !== 'number' || Number.isNaN(v)) throw new ShadowOptionError(`${fn}: bounds.${k} must be a number (±Infinity for a one-sided check), got ${describeValue(v)}`);
  }
  const lo = low as number;
  const hi = high as number;
  if (!(lo < hi) || (lo === -Infinity && hi === Infinity) || lo === Infinity || hi === -Infinity) {
    throw new ShadowOptionError(`${fn}: bounds must satisfy low < high with at least one finite end, e.g. { low: -0.01, high: Infinity }, got { low: ${lo}, high: ${hi} }`);
  }
  return { margin: null, low: lo, high: hi };
}

/**
 * A variance that is zero up to floating-point rounding, relative to the magnitude of the values it
 * came from: sd ≤ 64·ε·scale (ε = 2⁻⁵²). A constant shift computed in floating point
 * (shadow = legacy + 0.0099) has an SD of ~1e-17, not 0; treating it as information would give an
 * interval 1e-17 wide.
 */
export function isZeroVariance(variance: number, scale: number): boolean {
  return !(variance > 0) || Math.sqrt(variance) <= 64 * Number.EPSILON * scale;
}

/** Largest |value| of a sample (the scale that rounding errors are relative to). */
export function maxAbs(x: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < x.length; i++) {
    const a = Math.abs(x[i]);
    if (a > m) m = a;
  }
  return m;
}

/** Both one-sided t tests and the (1 − 2α) interval from an estimate, its SE and df, for the region (low, high). */
export function tostCore(estimate: number, se: number, df: number, low: number, high: number, alpha: number, margin: number | null = null): TostCore {
  const tLower = (estimate - low) / se;
  const tUpper = (estimate - high) / se;
  const pLower = tSf(tLower, df);
  const pUpper = tCdf(tUpper, df);
  const q = tPpf(1 - alpha, df);
  const ci: [number, number] = [estimate - q * se, estimate + q * se];
  return {
    estimate,
    se,
    df,
    margin,
    low,
    high,
    alpha,
    confidenceLevel: 1 - 2 * alpha,
    ci,
    tLower,
    tUpper,
    pLower,
    pUpper,
    pValue: Math.max(pLower, pUpper),
    equivalent: ci[0] > low && ci[1] < high,
  };
}
