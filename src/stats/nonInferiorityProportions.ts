import { ShadowOptionError, assertNumber, assertOneOf, assertPlainObject } from '../_internal/options.js';
import { normalPpf, normalSf } from './distributions/normal.js';
import { checkAlpha, checkMargin, checkOptions } from './checkSample.js';

/** Successes out of trials for one arm. */
export interface ProportionArm {
  successes: number;
  trials: number;
}

/** Options for {@link nonInferiorityProportions}. */
export interface NonInferiorityProportionsOptions {
  /** The non-inferiority margin δ > 0: p_new − p_ref > −δ counts as not worse. Required. */
  margin: number;
  /**
   * One-sided level; the interval reported has two-sided level 1 − 2α.
   * @defaultValue 0.05
   */
  alpha?: number;
  /**
   * `'newcombe'`: hybrid score interval from two Wilson intervals (Newcombe 1998, method 10);
   * `'wald'`: unpooled normal approximation.
   * @defaultValue 'newcombe'
   */
  method?: 'newcombe' | 'wald';
}

/** Result of {@link nonInferiorityProportions}. */
export interface NonInferiorityProportionsResult {
  method: 'newcombe' | 'wald';
  /** p̂_new − p̂_ref. */
  estimate: number;
  proportions: { new: number; reference: number };
  /** Two-sided (1 − 2α) interval for the difference; its lower end is the one-sided (1 − α) bound. */
  ci: [number, number];
  confidenceLevel: number;
  margin: number;
  alpha: number;
  /**
   * One-sided p-value of H0: p_new − p_ref ≤ −δ. Wald: Φ̄((estimate + δ)/se). Newcombe: the α at
   * which the interval's lower end equals −δ (interval inversion, found by bisection; ≥ 0.5 when
   * the estimate is at or below −δ).
   */
  pValue: number;
  /** true iff the lower end of the interval is > −margin (equivalently pValue < alpha). */
  nonInferior: boolean;
}

function wilson(x: number, n: number, z: number): [number, number] {
  const p = x / n;
  const z2 = z * z;
  const centre = (p + z2 / (2 * n)) / (1 + z2 / n);
  const half = (z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / (1 + z2 / n);
  return [Math.max(0, centre - half), Math.min(1, centre + half)];
}

function newcombe(a: ProportionArm, b: ProportionArm, z: number): [number, number] {
  const p1 = a.successes / a.trials;
  const p2 = b.successes / b.trials;
  const [l1, u1] = wilson(a.successes, a.trials, z);
  const [l2, u2] = wilson(b.successes, b.trials, z);
  const d = p1 - p2;
  return [d - Math.sqrt((p1 - l1) ** 2 + (u2 - p2) ** 2), d + Math.sqrt((u1 - p1) ** 2 + (p2 - l2) ** 2)];
}

function checkArm(fn: string, name: string, arm: unknown): ProportionArm {
  assertPlainObject(fn, name, arm);
  assertNumber(fn, `${name}.trials`, arm.trials, { min: 1, integer: true });
  assertNumber(fn, `${name}.successes`, arm.successes, { min: 0, max: arm.trials as number, integer: true });
  return arm as unknown as ProportionArm;
}

/**
 * Non-inferiority test for two independent proportions: is the new (shadow) success rate shown
 * to be no more than `margin` below the reference (legacy) rate? H0: p_new − p_ref ≤ −δ versus
 * H1: p_new − p_ref > −δ; higher is better (e.g. accuracy).
 *
 * Default `'newcombe'`: the hybrid score interval of Newcombe (1998, method 10) built from the
 * Wilson score intervals of each arm at z = z_{1−α}: L = d − √((p₁ − l₁)² + (u₂ − p₂)²),
 * U = d + √((u₁ − p₁)² + (p₂ − l₂)²); it keeps its coverage near 0 and 1 where Wald fails.
 * `'wald'`: se = √(p₁(1 − p₁)/n₁ + p₂(1 − p₂)/n₂), L = d − z_{1−α}·se, z = (d + δ)/se.
 * Non-inferiority is declared iff L > −δ. O(1).
 *
 * @example
 * const r = nonInferiorityProportions({ successes: 56, trials: 70 }, { successes: 48, trials: 80 }, { margin: 0.05, alpha: 0.025 });
 * r.ci; // => [0.0524, 0.3339] (approximately; Newcombe 1998, Table II)
 * r.nonInferior; // => true
 */
export function nonInferiorityProportions(
  newArm: ProportionArm,
  reference: ProportionArm,
  options: NonInferiorityProportionsOptions,
): NonInferiorityProportionsResult {
  const fn = 'nonInferiorityProportions';
  const o = checkOptions(fn, options, ['margin', 'alpha', 'method']);
  const margin = checkMargin(fn, o.margin);
  const alpha = checkAlpha(fn, o.alpha);
  const method = o.method ?? 'newcombe';
  assertOneOf(fn, 'method', method, ['newcombe', 'wald'] as const);
  const a = checkArm(fn, 'newArm', newArm);
  const b = checkArm(fn, 'reference', reference);
  const p1 = a.successes / a.trials;
  const p2 = b.successes / b.trials;
  const d = p1 - p2;
  const z = normalPpf(1 - alpha);
  let ci: [number, number];
  let pValue: number;
  if (method === 'wald') {
    const se = Math.sqrt((p1 * (1 - p1)) / a.trials + (p2 * (1 - p2)) / b.trials);
    if (!(se > 0)) {
      throw new ShadowOptionError(`${fn}: the Wald standard error is 0 (both proportions are 0 or 1); use method 'newcombe'`);
    }
    ci = [d - z * se, d + z * se];
    pValue = normalSf((d + margin) / se);
  } else {
    ci = newcombe(a, b, z);
    pValue = newcombePValue(a, b, margin);
  }
  return {
    method,
    estimate: d,
    proportions: { new: p1, reference: p2 },
    ci,
    confidenceLevel: 1 - 2 * alpha,
    margin,
    alpha,
    pValue,
    nonInferior: ci[0] > -margin,
  };
}

/**
 * The one-sided p-value by inverting Newcombe's interval: when d > −δ, the z* > 0 with L(z*) = −δ
 * gives p = Φ̄(z*) (< 0.5); when d < −δ, the w > 0 with U(w) = −δ gives p = Φ(w) (> 0.5).
 * L falls and U rises monotonically in z; bisection to 1e-13.
 */
function newcombePValue(a: ProportionArm, b: ProportionArm, margin: number): number {
  const d = a.successes / a.trials - b.successes / b.trials;
  if (d === -margin) return 0.5;
  const below = d > -margin;
  // distance from −δ that shrinks to 0 at the root, positive before it
  const gap = (z: number) => (below ? newcombe(a, b, z)[0] + margin : -margin - newcombe(a, b, z)[1]);
  let lo = 0;
  let hi = 1;
  while (gap(hi) > 0 && hi < 64) hi *= 2;
  if (gap(hi) > 0) return below ? 0 : 1;
  for (let it = 0; it < 200 && hi - lo > 1e-13 * Math.max(1, hi); it++) {
    const mid = (lo + hi) / 2;
    if (gap(mid) > 0) lo = mid;
    else hi = mid;
  }
  const z = (lo + hi) / 2;
  return below ? normalSf(z) : 1 - normalSf(z);
}
