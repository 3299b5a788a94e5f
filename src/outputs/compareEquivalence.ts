import { ShadowOptionError, assertSeed, describeValue } from '../_internal/options.js';
import { REPORT_VERSION, sortReasons, verdictOf, type Reason, type ReportBase } from '../report/types.js';
import { num } from '../report/format.js';
import { checkAlpha, checkOptions, mean, variance } from '../stats/checkSample.js';
import { bootstrapTDifference, bootstrapTMean, estimateSkewness, modalShare } from '../stats/_internal/bootstrapT.js';
import { createRng } from '../stats/_internal/prng.js';
import { checkEquivalenceRegion, isZeroVariance, maxAbs, type EquivalenceBounds } from '../stats/tostCore.js';
import { normalPpf } from '../stats/distributions/normal.js';
import { minimumDetectableMargin } from '../stats/minimumDetectableMargin.js';
import { tostPaired } from '../stats/tostPaired.js';
import { tostWelch } from '../stats/tostWelch.js';
import { adjustInFamily, checkFamily, type FamilyOption, type FamilyRecord } from './family.js';
import { finiteScore, pairingProblems, readValues, type Pairing, type RowValueOptions, type ValuesInput } from './statsInputs.js';
import { compareByGroup, hasGroupBy } from '../groups/compareByGroup.js';
import type { GroupOptions, GroupedReport } from '../groups/types.js';
import type { Row } from '../dataset/toRows.js';

/** Options for {@link compareEquivalence}. */
export interface CompareEquivalenceOptions extends RowValueOptions {
  /** The equivalence margin δ > 0, in score units: mean differences inside (−δ, δ) are equivalent. Required unless `bounds` is given. */
  margin?: number;
  /**
   * Asymmetric region instead of `margin`: the mean difference (shadow − legacy) must be shown
   * inside (low, high). `{ low: -0.01, high: Infinity }`: "may be better, not worse by more than 0.01".
   */
  bounds?: EquivalenceBounds;
  /**
   * Unpaired only: Student's pooled-variance TOST instead of Welch's.
   * @defaultValue false
   */
  equalVariance?: boolean;
  /**
   * Seed of the bootstrap-t used for skewed or sparse differences; recorded in the report.
   * @defaultValue 0
   */
  seed?: number;
  /**
   * Level of each one-sided test; the interval has level 1 − 2α (90% for the default).
   * @defaultValue 0.05
   */
  alpha?: number;
  /**
   * Paired scores (the same inputs scored by both pipelines: position, Map key or row key) for the
   * paired TOST; otherwise two independent samples and Welch's TOST.
   * @defaultValue false
   */
  paired?: boolean;
  /** Adjust the TOST p-value within a family of assertions (Holm by default). */
  family?: FamilyOption;
  /** A label carried to the report (e.g. the model or event type). */
  label?: string;
}

/** The Report of {@link compareEquivalence}. */
export interface EquivalenceReport extends ReportBase<'equivalence'> {
  method: 'paired TOST' | 'Welch TOST' | 'Student TOST';
  /** The symmetric margin, or null with asymmetric bounds. */
  margin: number | null;
  /** The equivalence region (low, high): (−margin, margin) for a margin. */
  bounds: { low: number; high: number };
  /**
   * How `ci` was formed: the t interval alone, or the hull of the t and the seeded bootstrap-t
   * intervals (used when the estimate's sampling distribution is skewed; see `skewness`).
   */
  interval: 't' | 't ∪ bootstrap-t';
  /**
   * Estimated skewness γ of the difference estimate's sampling distribution (g₁/√n for paired
   * differences). Above {@link MAX_ESTIMATE_SKEWNESS} no interval holds its level, so the verdict
   * cannot be pass.
   */
  skewness: number | null;
  /** Bootstrap-t resamples drawn (0 when not used). */
  resamples: number;
  alpha: number;
  /** 1 − 2α, the level of `ci`. */
  confidenceLevel: number;
  /** Values used per side (pairs on both sides when paired). */
  n: { legacy: number; shadow: number };
  mean: { legacy: number | null; shadow: number | null };
  /** Standard deviations: per side, and of the paired differences when paired. */
  sd: { legacy: number | null; shadow: number | null; difference: number | null };
  /** Mean difference shadow − legacy. */
  difference: number | null;
  /** The (1 − 2α) interval of the difference the verdict uses (`interval` says how it was formed). */
  ci: [number, number] | null;
  /** The (1 − 2α) t interval alone (SciPy's `ttest_rel`/`ttest_ind(...).confidence_interval(1 − 2α)`). */
  tCi: [number, number] | null;
  /** TOST p-value (max of the one-sided p-values), before any family adjustment. */
  pValue: number | null;
  pLower: number | null;
  pUpper: number | null;
  df: number | null;
  /** max(|ci|): the smallest margin these data would have shown equivalence for. */
  supportedMargin: number | null;
  /** About how many values (pairs, or per side) would show ±margin at 80% power if the true difference were 0. */
  requiredN: number | null;
  family?: FamilyRecord;
  pairing?: Pairing;
}

const reason = (
  code: string,
  severity: Reason['severity'],
  subject: string,
  expected: Reason['expected'],
  received: Reason['received'],
  message: string,
): Reason => ({ code, severity, subject, expected, received, message });

/**
 * Is the shadow model's mean output equivalent to the legacy one's within ±margin? The two
 * one-sided tests (TOST) decide: the verdict is `pass` only when the (1 − 2α) confidence interval
 * of the mean difference (shadow − legacy) lies inside (−margin, margin); `fail` when the interval
 * lies entirely outside it (the difference is shown to exceed the margin); `inconclusive`
 * otherwise — the sample cannot tell — with `supportedMargin` saying which margin the data could
 * support and `requiredN` roughly how much data ±margin needs.
 *
 * Paired (`paired: true`): paired TOST on shadow[i] − legacy[i] (arrays by position, Maps by key,
 * rows joined on `key` one-to-one — unpaired or duplicated keys make the verdict at best
 * inconclusive). Unpaired: Welch's TOST. With `family`, the TOST p-value is adjusted over the
 * family and must also be < α. Non-finite values and bad options throw a TypeError; empty input
 * fails; fewer than 2 values or zero variance give `inconclusive` (never a silent pass).
 *
 * @example
 * const report = compareEquivalence(legacyScores, shadowScores, { margin: 0.01, paired: true });
 * report.verdict; // 'pass' | 'fail' | 'inconclusive'
 * report.ci; // 90% interval of mean(shadow − legacy)
 */
export function compareEquivalence(legacy: readonly Record<string, unknown>[], shadow: readonly Record<string, unknown>[], options: CompareEquivalenceOptions & GroupOptions<CompareEquivalenceOptions>): GroupedReport<EquivalenceReport>;
export function compareEquivalence(legacy: ValuesInput, shadow: ValuesInput, options: CompareEquivalenceOptions): EquivalenceReport;
export function compareEquivalence(
  legacy: ValuesInput,
  shadow: ValuesInput,
  options: CompareEquivalenceOptions,
): EquivalenceReport | GroupedReport<EquivalenceReport> {
  if (hasGroupBy(options)) return compareByGroup('compareEquivalence', compareEquivalence as (l: Row[], s: Row[], o: CompareEquivalenceOptions) => EquivalenceReport, legacy, shadow, options as CompareEquivalenceOptions & GroupOptions<CompareEquivalenceOptions>, { unit: 'values' });
  const fn = 'compareEquivalence';
  if (options === undefined) throw new ShadowOptionError(`${fn}: options with a margin are required, e.g. { margin: 0.01 }`);
  const o = checkOptions(fn, options, ['margin', 'bounds', 'alpha', 'paired', 'equalVariance', 'seed', 'family', 'label', 'key', 'value']);
  const region = checkEquivalenceRegion(fn, o.margin, o.bounds);
  const { margin, low, high } = region;
  const alpha = checkAlpha(fn, o.alpha);
  const paired = o.paired ?? false;
  if (typeof paired !== 'boolean') throw new ShadowOptionError(`${fn}: paired must be a boolean, got ${describeValue(paired)}`);
  const equalVariance = o.equalVariance ?? false;
  if (typeof equalVariance !== 'boolean') throw new ShadowOptionError(`${fn}: equalVariance must be a boolean, got ${describeValue(equalVariance)}`);
  if (equalVariance && paired) throw new ShadowOptionError(`${fn}: equalVariance applies to unpaired samples (Student's TOST); remove it or set paired: false`);
  const seed = o.seed ?? 0;
  assertSeed(fn, 'seed', seed);
  const family = o.family === undefined ? undefined : checkFamily(fn, o.family);
  if (o.label !== undefined && typeof o.label !== 'string') throw new ShadowOptionError(`${fn}: label must be a string, got ${describeValue(o.label)}`);

  const data = readValues(fn, legacy, shadow, { paired, key: o.key, value: o.value }, finiteScore(fn));
  const l = Float64Array.from(data.legacy);
  const s = Float64Array.from(data.shadow);
  const reasons: Reason[] = [];
  const method = paired ? 'paired TOST' : equalVariance ? 'Student TOST' : 'Welch TOST';
  const end = (v: number) => (v === Infinity ? '∞' : v === -Infinity ? '−∞' : num(v));
  const regionText = margin !== null ? `±${num(margin)}` : `(${end(low)}, ${end(high)})`;
  const report: EquivalenceReport = {
    kind: 'equivalence',
    version: REPORT_VERSION,
    verdict: 'inconclusive',
    reasons,
    ...(o.label !== undefined ? { label: o.label } : {}),
    method,
    margin,
    bounds: { low, high },
    interval: 't',
    skewness: null,
    resamples: 0,
    alpha,
    confidenceLevel: 1 - 2 * alpha,
    n: { legacy: l.length, shadow: s.length },
    mean: { legacy: l.length ? mean(l) : null, shadow: s.length ? mean(s) : null },
    sd: {
      legacy: l.length > 1 ? Math.sqrt(variance(l)) : null,
      shadow: s.length > 1 ? Math.sqrt(variance(s)) : null,
      difference: null,
    },
    difference: l.length && s.length ? mean(s) - mean(l) : null,
    ci: null,
    tCi: null,
    pValue: null,
    pLower: null,
    pUpper: null,
    df: null,
    supportedMargin: null,
    requiredN: null,
    ...(data.pairing ? { pairing: data.pairing } : {}),
  };

  const problems = pairingProblems(data.pairing);
  if (problems > 0) {
    const p = data.pairing!;
    reasons.push(
      reason('PAIRING_INCOMPLETE', 'inconclusive', 'key', 'every input scored once on each side', problems,
        `${problems} input key(s) could not be paired (${p.missing} missing in shadow, ${p.extra} extra in shadow, ${p.duplicates} duplicated, ${p.missingKey} without a key), so the sample does not cover every input`),
    );
  }

  for (const [side, arr] of [['shadow', s], ['legacy', l]] as const) {
    if (arr.length === 0) {
      reasons.push(reason('EMPTY_INPUT', 'fail', side, '>= 2 values', 0, `${side} has no ${paired ? 'paired ' : ''}scores: an empty sample shows nothing`));
    } else if (arr.length < 2) {
      reasons.push(reason('TOO_FEW_VALUES', 'inconclusive', side, '>= 2 values', arr.length, `${side} has ${arr.length} ${paired ? 'paired ' : ''}score; the t-based TOST needs at least 2`));
    }
  }
  if (l.length < 2 || s.length < 2) return finish(report);

  let diffs: Float64Array | undefined;
  let zeroVariance: boolean;
  if (paired) {
    diffs = s.map((v, i) => v - l[i]);
    const vd = variance(diffs);
    report.sd.difference = Math.sqrt(Math.max(0, vd));
    // zero up to rounding relative to the scores' magnitude: shadow = legacy + 0.0099 computed in
    // floating point has an SD of ~1e-17, and must not give an interval that narrow
    zeroVariance = isZeroVariance(vd, Math.max(maxAbs(l), maxAbs(s)));
  } else {
    zeroVariance = isZeroVariance(variance(l), maxAbs(l)) && isZeroVariance(variance(s), maxAbs(s));
  }
  if (zeroVariance) {
    const d = report.difference!;
    const what = paired ? `every paired difference (shadow − legacy) is ${num(d)}` : `both samples are constant (legacy ${num(l[0])}, shadow ${num(s[0])})`;
    if (!(d > low && d < high)) {
      reasons.push(reason('CONSTANT_DIFFERENCE_BEYOND_MARGIN', 'fail', 'difference', `inside ${regionText}`, d, `${what}, outside the margin ${regionText}`));
    } else {
      reasons.push(
        reason('ZERO_VARIANCE', 'inconclusive', 'difference', 'variation to estimate the standard error', 0,
          `${what}: with zero variance the t-based TOST is undefined; for identical outputs an exact comparison (toApproximatelyMatch) is the right check`),
      );
    }
    return finish(report);
  }

  const regionOpt = margin !== null ? { margin } : { bounds: { low, high } };
  const t = paired ? tostPaired(s, l, { ...regionOpt, alpha }) : tostWelch(s, l, { ...regionOpt, alpha, equalVariance });
  report.difference = t.estimate;
  report.pValue = t.pValue;
  report.pLower = t.pLower;
  report.pUpper = t.pUpper;
  report.df = t.df;
  // Skewed or sparse differences: the t interval's one-sided error is about 0.107·γ (Edgeworth),
  // so where γ is not negligible the interval is widened to the hull of the t and the seeded
  // bootstrap-t intervals; above MAX_ESTIMATE_SKEWNESS no interval is trusted to pass.
  const gamma = paired ? estimateSkewness(diffs!) : estimateSkewness(s, l);
  report.skewness = gamma;
  let ci: [number, number] = [t.ci[0], t.ci[1]];
  const total = s.length + (paired ? 0 : l.length);
  if ((Math.abs(gamma) >= BOOTSTRAP_MIN_SKEWNESS || modalShare(paired ? diffs! : s) >= 0.5) && total <= BOOTSTRAP_MAX_N) {
    const rng = createRng(seed);
    const b = paired ? bootstrapTMean(diffs!, alpha, BOOTSTRAP_RESAMPLES, rng) : bootstrapTDifference(s, l, alpha, BOOTSTRAP_RESAMPLES, rng, equalVariance);
    ci = [Math.min(ci[0], b[0]), Math.max(ci[1], b[1])];
    report.interval = 't ∪ bootstrap-t';
    report.resamples = BOOTSTRAP_RESAMPLES;
    report.seed = seed;
  }
  report.ci = ci;
  report.tCi = t.ci;
  report.supportedMargin = Math.max(Math.abs(ci[0]), Math.abs(ci[1]));
  const planMargin = margin ?? Math.min(high, -low);
  report.requiredN = planMargin > 0 ? requiredN(paired, paired ? report.sd.difference! : Math.sqrt((variance(l) + variance(s)) / 2), planMargin, alpha) : null;
  const inside = ci[0] > low && ci[1] < high;

  const level = `${num(100 * (1 - 2 * alpha))}%`;
  const ciText = `[${num(ci[0])}, ${num(ci[1])}]`;
  const expected = margin !== null ? `inside ±${margin}` : `inside (${low}, ${high})`;
  if (ci[0] >= high || ci[1] <= low) {
    reasons.push(
      reason('DIFFERENCE_BEYOND_MARGIN', 'fail', 'difference', expected, t.estimate,
        `the mean difference (shadow − legacy) is shown to lie beyond the margin ${regionText}: ${level} CI ${ciText}`),
    );
  } else if (!inside) {
    reasons.push(
      reason('EQUIVALENCE_NOT_SHOWN', 'inconclusive', 'ci', expected, `${ciText}`,
        margin !== null
          ? `the ${level} CI of the mean difference ${ciText} reaches beyond the margin ±${num(margin)}; these data support equivalence only for a margin > ${num(report.supportedMargin)}`
          : `the ${level} CI of the mean difference ${ciText} reaches beyond the bounds ${regionText}`),
    );
  } else if (Math.abs(gamma) > MAX_ESTIMATE_SKEWNESS) {
    reasons.push(
      reason('SKEWED_SMALL_SAMPLE', 'inconclusive', 'skewness', `|γ| <= ${MAX_ESTIMATE_SKEWNESS}`, gamma,
        `the ${paired ? 'paired differences are' : 'scores are'} too skewed or sparse for ${paired ? 'n = ' + s.length : 'these sample sizes'}: the estimate's sampling skewness γ = ${num(gamma)} exceeds ${MAX_ESTIMATE_SKEWNESS}, where no t or bootstrap interval keeps its level; about ${Math.ceil((paired ? s.length : Math.min(s.length, l.length)) * (gamma / MAX_ESTIMATE_SKEWNESS) ** 2)} ${paired ? 'pairs' : 'values per side'} would be needed`),
    );
  }
  if (family) {
    report.family = adjustInFamily(family, t.pValue);
    if (inside && !(report.family.adjustedPValue < alpha)) {
      reasons.push(
        reason('FAMILY_ADJUSTED', 'inconclusive', 'family', `adjusted p < ${alpha}`, report.family.adjustedPValue,
          `the TOST p-value ${num(t.pValue)} adjusted over family '${family.name}' (${family.method}, ${family.size} members) is ${num(report.family.adjustedPValue)}, not below α = ${alpha}`),
      );
    }
  }
  return finish(report);
}

function finish(report: EquivalenceReport): EquivalenceReport {
  report.reasons = sortReasons(report.reasons);
  report.verdict = verdictOf(report.reasons);
  return report;
}

/** |γ| (skewness of the estimate's sampling distribution) from which the bootstrap-t widens the interval. */
const BOOTSTRAP_MIN_SKEWNESS = 0.01;
/** Bootstrap-t resamples (B + 1 = 2000 keeps the 5% order statistic exact). */
const BOOTSTRAP_RESAMPLES = 1999;
/** Above this many values the bootstrap-t is skipped (its cost is B·n); the t interval's skewness error 0.107·γ is then small. */
const BOOTSTRAP_MAX_N = 200_000;
/**
 * Largest |γ| at which a pass is allowed: the first-order Edgeworth error of a one-sided t bound is
 * about 0.107·γ, so γ ≤ 0.1 keeps it near 1 point even before the bootstrap-t correction; beyond it
 * the seeded simulations (docs/compareEquivalence.md) showed no interval holding α.
 */
export const MAX_ESTIMATE_SKEWNESS = 0.1;

/** Smallest n (pairs, or per side) whose planned margin at 80% power is ≤ margin (fixed-point on the t formula). */
function requiredN(paired: boolean, sd: number, margin: number, alpha: number): number | null {
  if (!(sd > 0)) return null;
  const z = (normalPpf(1 - alpha) + normalPpf(0.9)) * (sd / margin);
  let n = Math.max(2, Math.ceil((paired ? 1 : 2) * z * z));
  for (let it = 0; it < 8; it++) {
    const m = minimumDetectableMargin(n, { sd, paired, alpha }).margin;
    const next = Math.max(2, Math.ceil(n * (m / margin) ** 2));
    if (next === n) break;
    n = next;
    if (n > 1e12) return null;
  }
  return n;
}
