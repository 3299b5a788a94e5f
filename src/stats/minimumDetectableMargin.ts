import { ShadowOptionError, assertNumber, describeValue } from '../_internal/options.js';
import { tPpf } from './distributions/studentT.js';
import { checkAlpha, checkOptions, checkSample, mean, variance, type NumericSample } from './checkSample.js';

/** Options for {@link minimumDetectableMargin}. */
export interface MinimumDetectableMarginOptions {
  /**
   * Level of each one-sided test of the TOST.
   * @defaultValue 0.05
   */
  alpha?: number;
  /**
   * Probability of declaring equivalence when the true difference is 0.
   * @defaultValue 0.8
   */
  power?: number;
  /**
   * Standard deviation: of the paired differences when `paired`, else the common SD of each
   * group. Required with a sample size; estimated from the data when samples are given.
   */
  sd?: number;
  /**
   * Paired design (differences of pairs) instead of two independent groups.
   * @defaultValue false
   */
  paired?: boolean;
}

/** What {@link minimumDetectableMargin} plans for: a size, two group sizes, or the samples at hand. */
export type MarginDesign = number | { n1: number; n2: number } | { x: NumericSample; y: NumericSample };

/** Result of {@link minimumDetectableMargin}. */
export interface MinimumDetectableMarginResult {
  /** The smallest margin δ that the TOST would show with probability `power` when the true difference is 0. */
  margin: number;
  /** Standard error of the difference used. */
  se: number;
  df: number;
  alpha: number;
  power: number;
  paired: boolean;
  /** Pairs (paired) or the two group sizes. */
  n: number | { x: number; y: number };
  method: 'TOST margin from t quantiles (true difference 0)';
}

/**
 * The smallest equivalence margin the sample at hand can support: the δ for which a TOST at
 * level α declares equivalence with probability `power` when the true difference is 0.
 *
 * Formula (Chow, Shao & Wang 2008, §3.2, solved for δ): δ = (t_{1−α, df} + t_{1−β/2, df})·se with
 * β = 1 − power. Paired: se = sd/√n, df = n − 1. Two groups: se = sd·√(1/n1 + 1/n2),
 * df = n1 + n2 − 2; with samples, Welch's se = √(s_x²/n_x + s_y²/n_y) and Welch–Satterthwaite df.
 * It is the usual planning approximation (the exact TOST power needs Owen's Q); its power at the
 * returned δ is within about a percentage point of `power` for df ≥ 10.
 *
 * @example
 * minimumDetectableMargin(100, { sd: 1, paired: true }).margin; // => 0.29506 (approximately)
 * minimumDetectableMargin({ x: shadowScores, y: legacyScores }).margin; // from the data's SDs
 */
export function minimumDetectableMargin(design: MarginDesign, options: MinimumDetectableMarginOptions = {}): MinimumDetectableMarginResult {
  const fn = 'minimumDetectableMargin';
  const o = checkOptions(fn, options, ['alpha', 'power', 'sd', 'paired']);
  const alpha = checkAlpha(fn, o.alpha);
  const power = o.power ?? 0.8;
  assertNumber(fn, 'power', power, { min: 0, max: 1 });
  if (power <= 0 || power >= 1) throw new ShadowOptionError(`${fn}: power must be in (0, 1), got ${power}`);
  const paired = o.paired ?? false;
  if (typeof paired !== 'boolean') throw new ShadowOptionError(`${fn}: paired must be a boolean, got ${describeValue(paired)}`);
  let se: number;
  let df: number;
  let n: number | { x: number; y: number };
  if (typeof design === 'object' && design !== null && 'x' in design) {
    if (o.sd !== undefined) throw new ShadowOptionError(`${fn}: sd is estimated from the samples; drop the sd option or pass a size`);
    const a = checkSample(fn, 'x', design.x, 2);
    const b = checkSample(fn, 'y', design.y, 2);
    if (paired) {
      if (a.length !== b.length) throw new ShadowOptionError(`${fn}: paired samples must have the same length, got ${a.length} and ${b.length}`);
      const d = a.map((v, i) => v - b[i]);
      se = Math.sqrt(variance(d, mean(d)) / d.length);
      df = d.length - 1;
      n = d.length;
    } else {
      const ex = variance(a) / a.length;
      const ey = variance(b) / b.length;
      se = Math.sqrt(ex + ey);
      df = ((ex + ey) * (ex + ey)) / ((ex * ex) / (a.length - 1) + (ey * ey) / (b.length - 1));
      n = { x: a.length, y: b.length };
    }
    if (!(se > 0)) throw new ShadowOptionError(`${fn}: the samples have no variation, so the margin is undefined`);
  } else {
    const sd = o.sd;
    if (sd === undefined) throw new ShadowOptionError(`${fn}: sd is required with a sample size (the SD of the ${paired ? 'paired differences' : 'scores in each group'})`);
    assertNumber(fn, 'sd', sd, { min: 0 });
    if (sd === 0) throw new ShadowOptionError(`${fn}: sd must be > 0, got 0`);
    if (typeof design === 'number') {
      assertNumber(fn, 'n', design, { min: 2, integer: true });
      if (paired) {
        se = sd / Math.sqrt(design);
        df = design - 1;
        n = design;
      } else {
        se = sd * Math.sqrt(2 / design);
        df = 2 * design - 2;
        n = { x: design, y: design };
      }
    } else if (typeof design === 'object' && design !== null && 'n1' in design) {
      if (paired) throw new ShadowOptionError(`${fn}: { n1, n2 } describes two groups; pass the number of pairs for a paired design`);
      assertNumber(fn, 'n1', design.n1, { min: 2, integer: true });
      assertNumber(fn, 'n2', design.n2, { min: 2, integer: true });
      se = sd * Math.sqrt(1 / design.n1 + 1 / design.n2);
      df = design.n1 + design.n2 - 2;
      n = { x: design.n1, y: design.n2 };
    } else {
      throw new ShadowOptionError(`${fn}: design must be a sample size, { n1, n2 } or { x, y } samples, got ${describeValue(design)}`);
    }
  }
  const margin = (tPpf(1 - alpha, df) + tPpf(1 - (1 - power) / 2, df)) * se;
  return { margin, se, df, alpha, power, paired, n, method: 'TOST margin from t quantiles (true difference 0)' };
}
