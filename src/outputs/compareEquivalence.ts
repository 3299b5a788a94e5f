import { ShadowOptionError, describeValue } from '../_internal/options.js';
import { REPORT_VERSION, sortReasons, verdictOf, type Reason, type ReportBase } from '../report/types.js';
import { num } from '../report/format.js';
import { checkAlpha, checkMargin, checkOptions, mean, variance } from '../stats/checkSample.js';
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
  /** The equivalence margin δ > 0, in score units: mean differences inside (−δ, δ) are equivalent. Required. */
  margin: number;
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
  method: 'paired TOST' | 'Welch TOST';
  margin: number;
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
  /** The (1 − 2α) interval of the difference. */
  ci: [number, number] | null;
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
  const o = checkOptions(fn, options, ['margin', 'alpha', 'paired', 'family', 'label', 'key', 'value']);
  const margin = checkMargin(fn, o.margin);
  const alpha = checkAlpha(fn, o.alpha);
  const paired = o.paired ?? false;
  if (typeof paired !== 'boolean') throw new ShadowOptionError(`${fn}: paired must be a boolean, got ${describeValue(paired)}`);
  const family = o.family === undefined ? undefined : checkFamily(fn, o.family);
  if (o.label !== undefined && typeof o.label !== 'string') throw new ShadowOptionError(`${fn}: label must be a string, got ${describeValue(o.label)}`);

  const data = readValues(fn, legacy, shadow, { paired, key: o.key, value: o.value }, finiteScore(fn));
  const l = Float64Array.from(data.legacy);
  const s = Float64Array.from(data.shadow);
  const reasons: Reason[] = [];
  const method = paired ? 'paired TOST' : 'Welch TOST';
  const report: EquivalenceReport = {
    kind: 'equivalence',
    version: REPORT_VERSION,
    verdict: 'inconclusive',
    reasons,
    ...(o.label !== undefined ? { label: o.label } : {}),
    method,
    margin,
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
    zeroVariance = !(vd > 0);
  } else {
    zeroVariance = !(variance(l) > 0) && !(variance(s) > 0);
  }
  if (zeroVariance) {
    const d = report.difference!;
    const what = paired ? `every paired difference (shadow − legacy) is ${num(d)}` : `both samples are constant (legacy ${num(l[0])}, shadow ${num(s[0])})`;
    if (Math.abs(d) >= margin) {
      reasons.push(reason('CONSTANT_DIFFERENCE_BEYOND_MARGIN', 'fail', 'difference', `inside ±${margin}`, d, `${what}, outside the margin ±${num(margin)}`));
    } else {
      reasons.push(
        reason('ZERO_VARIANCE', 'inconclusive', 'difference', 'variation to estimate the standard error', 0,
          `${what}: with zero variance the t-based TOST is undefined; for identical outputs an exact comparison (toApproximatelyMatch) is the right check`),
      );
    }
    return finish(report);
  }

  const t = paired ? tostPaired(s, l, { margin, alpha }) : tostWelch(s, l, { margin, alpha });
  report.difference = t.estimate;
  report.ci = t.ci;
  report.pValue = t.pValue;
  report.pLower = t.pLower;
  report.pUpper = t.pUpper;
  report.df = t.df;
  report.supportedMargin = Math.max(Math.abs(t.ci[0]), Math.abs(t.ci[1]));
  report.requiredN = requiredN(paired, paired ? report.sd.difference! : Math.sqrt((variance(l) + variance(s)) / 2), margin, alpha);

  const level = `${num(100 * (1 - 2 * alpha))}%`;
  const ciText = `[${num(t.ci[0])}, ${num(t.ci[1])}]`;
  if (t.ci[0] >= margin || t.ci[1] <= -margin) {
    reasons.push(
      reason('DIFFERENCE_BEYOND_MARGIN', 'fail', 'difference', `inside ±${margin}`, t.estimate,
        `the mean difference (shadow − legacy) is shown to lie beyond the margin ±${num(margin)}: ${level} CI ${ciText}`),
    );
  } else if (!t.equivalent) {
    reasons.push(
      reason('EQUIVALENCE_NOT_SHOWN', 'inconclusive', 'ci', `inside ±${margin}`, `${ciText}`,
        `the ${level} CI of the mean difference ${ciText} reaches beyond the margin ±${num(margin)}; these data support equivalence only for a margin > ${num(report.supportedMargin)}`),
    );
  }
  if (family) {
    report.family = adjustInFamily(family, t.pValue);
    if (t.equivalent && !(report.family.adjustedPValue < alpha)) {
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
