import { ShadowOptionError, describeValue } from '../_internal/options.js';
import { REPORT_VERSION, sortReasons, verdictOf, type Reason, type ReportBase } from '../report/types.js';
import { num } from '../report/format.js';
import { checkAlpha, checkMargin, checkOptions } from '../stats/checkSample.js';
import { checkLabels } from '../stats/_internal/delongComponents.js';
import { normalPpf, normalSf } from '../stats/distributions/normal.js';
import { aucDeLong } from '../stats/aucDeLong.js';
import { delongTest } from '../stats/delongTest.js';
import { adjustInFamily, checkFamily, type FamilyOption, type FamilyRecord } from './family.js';
import { finiteScore, pairingProblems, readValues, type Pairing } from './statsInputs.js';

/** Labels for compareAuc: aligned with array scores, or keyed like Map scores. */
export type AucLabels = ArrayLike<number | boolean> | ReadonlyMap<unknown, number | boolean>;

/** Options for {@link compareAuc}. */
export interface CompareAucOptions {
  /** True classes: 1/true positive, 0/false negative; an array aligned with the scores, or a Map keyed like them. Required. */
  labels: AucLabels;
  /** Non-inferiority margin δ > 0 on the AUC scale: AUC_shadow − AUC_legacy > −δ is required. Required. */
  margin: number;
  /**
   * One-sided level; the interval of the difference has level 1 − 2α.
   * @defaultValue 0.05
   */
  alpha?: number;
  /** Adjust the non-inferiority p-value within a family of assertions. */
  family?: FamilyOption;
  /** A label carried to the report. */
  label?: string;
}

/** The Report of {@link compareAuc}. */
export interface AucReport extends ReportBase<'auc'> {
  method: 'DeLong non-inferiority';
  /**
   * How `ci` was formed: the hull of DeLong's Wald interval and the MOVER interval built from
   * logit-scale intervals of each AUC (Zou & Donner 2008), which stays inside [0, 1] and widens
   * on the side facing the bound when an AUC is near 1.
   */
  interval: 'Wald ∪ MOVER-logit';
  /** Fewest positives and negatives at which a pass is possible ({@link AUC_MIN_PER_CLASS}). */
  minPerClass: number;
  margin: number;
  alpha: number;
  confidenceLevel: number;
  auc: { legacy: number | null; shadow: number | null };
  /** AUC_shadow − AUC_legacy. */
  difference: number | null;
  /** DeLong SE of the difference. */
  se: number | null;
  /** (1 − 2α) interval of the difference the verdict uses (`interval`); its lower end is the one-sided (1 − α) bound. */
  ci: [number, number] | null;
  /** DeLong's Wald interval alone, difference ± z_{1−α}·se. */
  waldCi: [number, number] | null;
  /** One-sided p-value of H0: difference ≤ −margin, Φ̄((difference + margin)/se). */
  pValue: number | null;
  /** DeLong correlation of the two AUC estimates. */
  correlation: number | null;
  /** DeLong variances of each AUC and their covariance. */
  variance: { legacy: number; shadow: number; covariance: number } | null;
  n: { positive: number; negative: number };
  family?: FamilyRecord;
  pairing?: Pairing;
}

function r(code: string, severity: Reason['severity'], subject: string, expected: Reason['expected'], received: Reason['received'], message: string): Reason {
  return { code, severity, subject, expected, received, message };
}

/**
 * Is the shadow model's AUC non-inferior to the legacy model's on the same labelled examples?
 * DeLong's test for two correlated AUCs (delongTest, fast midrank algorithm) gives the difference
 * AUC_shadow − AUC_legacy and its SE; the verdict is `pass` only when the one-sided (1 − α) lower
 * bound, difference − z_{1−α}·se, is above −margin (and the family-adjusted p-value, if any, is
 * below α); `fail` when even the upper end of the (1 − 2α) interval is at or below −margin
 * (shown inferior); `inconclusive` otherwise. Fewer than 2 examples of a class and a zero
 * variance (e.g. identical rankings) are inconclusive; bad labels and non-finite scores throw.
 *
 * Scores and labels are arrays aligned by position, or Maps keyed by the example (labels a Map
 * too); keys missing on any side make the verdict at best inconclusive.
 *
 * @example
 * const report = compareAuc(legacyScores, shadowScores, { labels, margin: 0.01 });
 * report.ci; // 90% interval of AUC_shadow − AUC_legacy
 */
export function compareAuc(legacy: ArrayLike<number> | ReadonlyMap<unknown, number>, shadow: ArrayLike<number> | ReadonlyMap<unknown, number>, options: CompareAucOptions): AucReport {
  const fn = 'compareAuc';
  if (options === undefined) throw new ShadowOptionError(`${fn}: options with labels and a margin are required, e.g. { labels, margin: 0.01 }`);
  const o = checkOptions(fn, options, ['labels', 'margin', 'alpha', 'family', 'label']);
  const margin = checkMargin(fn, o.margin);
  const alpha = checkAlpha(fn, o.alpha);
  const family = o.family === undefined ? undefined : checkFamily(fn, o.family);
  if (o.label !== undefined && typeof o.label !== 'string') throw new ShadowOptionError(`${fn}: label must be a string, got ${describeValue(o.label)}`);
  if (o.labels === undefined) throw new ShadowOptionError(`${fn}: labels are required: the true class (1/true positive, 0/false negative) of each example`);

  const data = readValues(fn, legacy, shadow, { paired: true }, finiteScore(fn));
  let labels: ArrayLike<unknown>;
  let pairing = data.pairing;
  if (data.keys) {
    if (!(o.labels instanceof Map)) throw new ShadowOptionError(`${fn}: with Map scores, labels must be a Map with the same keys, got ${describeValue(o.labels)}`);
    const lm = o.labels as ReadonlyMap<unknown, unknown>;
    const keep: number[] = [];
    let unlabelled = 0;
    data.keys.forEach((k, i) => (lm.has(k) ? keep.push(i) : unlabelled++));
    data.legacy = keep.map((i) => data.legacy[i]);
    data.shadow = keep.map((i) => data.shadow[i]);
    labels = keep.map((i) => lm.get(data.keys![i]));
    if (unlabelled) pairing = { ...pairing!, missing: pairing!.missing + unlabelled };
  } else {
    if (o.labels instanceof Map) throw new ShadowOptionError(`${fn}: with array scores, labels must be an array aligned with them, got a Map`);
    labels = o.labels as ArrayLike<unknown>;
  }
  const { positive, m, n } = checkLabels(fn, labels, data.legacy.length);
  const reasons: Reason[] = [];
  const report: AucReport = {
    kind: 'auc',
    version: REPORT_VERSION,
    verdict: 'inconclusive',
    reasons,
    ...(o.label !== undefined ? { label: o.label } : {}),
    method: 'DeLong non-inferiority',
    interval: 'Wald ∪ MOVER-logit',
    minPerClass: AUC_MIN_PER_CLASS,
    margin,
    alpha,
    confidenceLevel: 1 - 2 * alpha,
    auc: { legacy: null, shadow: null },
    difference: null,
    se: null,
    ci: null,
    waldCi: null,
    pValue: null,
    correlation: null,
    variance: null,
    n: { positive: m, negative: n },
    ...(pairing ? { pairing } : {}),
  };
  const problems = pairingProblems(pairing);
  if (problems > 0) {
    reasons.push(r('PAIRING_INCOMPLETE', 'inconclusive', 'key', 'every example scored and labelled on both sides', problems,
      `${problems} example key(s) are missing from a side or from the labels, so the comparison does not cover every example`));
  }
  if (data.legacy.length === 0) {
    reasons.push(r('EMPTY_INPUT', 'fail', 'shadow', '>= 2 positives and 2 negatives', 0, 'there are no scored examples: an empty sample shows nothing'));
    return finish(report);
  }
  if (m < 2 || n < 2) {
    reasons.push(r('TOO_FEW_PER_CLASS', 'inconclusive', 'labels', '>= 2 positives and 2 negatives', `${m} positive, ${n} negative`,
      `there are ${m} positive and ${n} negative examples; the DeLong variance needs at least 2 of each`));
    return finish(report);
  }
  const s = Float64Array.from(data.shadow);
  const l = Float64Array.from(data.legacy);
  report.auc = { shadow: aucDeLong(s, positive).auc, legacy: aucDeLong(l, positive).auc };
  report.difference = report.auc.shadow! - report.auc.legacy!;
  let t;
  try {
    t = delongTest(s, l, positive, { alpha: 2 * alpha });
  } catch (e) {
    if (!(e instanceof ShadowOptionError) || !/variance of the AUC difference is 0/.test(e.message)) throw e;
    reasons.push(r('ZERO_VARIANCE', 'inconclusive', 'difference', 'a positive DeLong variance', 0,
      `the DeLong variance of the AUC difference is 0 (both models rank every positive–negative pair alike), so no interval can be formed`));
    return finish(report);
  }
  report.se = t.se;
  report.correlation = t.correlation;
  report.variance = { shadow: t.variance.a, legacy: t.variance.b, covariance: t.variance.covariance };
  const q = normalPpf(1 - alpha);
  const mover = moverLogit(t.auc.a, t.auc.b, t.variance.a, t.variance.b, t.correlation, q);
  report.waldCi = [t.difference - q * t.se, t.difference + q * t.se];
  report.ci = [Math.min(report.waldCi[0], mover[0]), Math.max(report.waldCi[1], mover[1])];
  report.pValue = normalSf((t.difference + margin) / t.se);
  const level = `${num(100 * (1 - 2 * alpha))}%`;
  const ciText = `[${num(report.ci[0])}, ${num(report.ci[1])}]`;
  if (report.ci[1] <= -margin) {
    reasons.push(r('AUC_SHOWN_INFERIOR', 'fail', 'difference', `> -${margin}`, t.difference,
      `AUC_shadow − AUC_legacy = ${num(t.difference)} is shown to be below −${num(margin)}: ${level} CI ${ciText}`));
  } else if (!(report.ci[0] > -margin)) {
    reasons.push(r('NON_INFERIORITY_NOT_SHOWN', 'inconclusive', 'ci', `lower bound > -${margin}`, report.ci[0],
      `the lower ${num(100 * (1 - alpha))}% bound of AUC_shadow − AUC_legacy is ${num(report.ci[0])}, not above −${num(margin)}`));
  } else if (m < AUC_MIN_PER_CLASS || n < AUC_MIN_PER_CLASS) {
    reasons.push(r('TOO_FEW_FOR_AUC_BOUND', 'inconclusive', 'labels', `>= ${AUC_MIN_PER_CLASS} positives and negatives`, `${m} positive, ${n} negative`,
      `there are ${m} positive and ${n} negative examples; below ${AUC_MIN_PER_CLASS} of each no AUC interval was shown to hold its level (seeded simulations in docs/compareAuc.md), so non-inferiority cannot be shown`));
  } else if (Math.min(m, n) * (1 - Math.max(report.auc.legacy!, report.auc.shadow!)) < AUC_MIN_ERRORS) {
    const top = Math.max(report.auc.legacy!, report.auc.shadow!);
    reasons.push(r('TOO_FEW_FOR_AUC_BOUND', 'inconclusive', 'labels', `min(positives, negatives)·(1 − AUC) >= ${AUC_MIN_ERRORS}`, Math.min(m, n) * (1 - top),
      `with AUC ${num(top)} and ${Math.min(m, n)} examples in the smaller class there are about ${num(Math.min(m, n) * (1 - top))} misranked examples of it; below ${AUC_MIN_ERRORS} the AUC's sampling law is too lopsided for any interval tried to hold its level (about ${Math.ceil(AUC_MIN_ERRORS / (1 - top))} of the smaller class are needed)`));
  }
  if (family) {
    report.family = adjustInFamily(family, report.pValue);
    if (report.ci[0] > -margin && !(report.family.adjustedPValue < alpha)) {
      reasons.push(r('FAMILY_ADJUSTED', 'inconclusive', 'family', `adjusted p < ${alpha}`, report.family.adjustedPValue,
        `the non-inferiority p-value ${num(report.pValue)} adjusted over family '${family.name}' (${family.method}, ${family.size} members) is ${num(report.family.adjustedPValue)}, not below α = ${alpha}`));
    }
  }
  return finish(report);
}

/**
 * Fewest positives and of negatives at which compareAuc can pass: below it the seeded simulations
 * (docs/compareAuc.md) found the false-pass rate above α for every interval tried.
 */
export const AUC_MIN_PER_CLASS = 20;

/**
 * Near AUC 1 the count that matters is the expected number of misranked examples of the smaller
 * class, min(m, n)·(1 − AUC): below this a pass is not allowed (30 positives at AUC 0.97 gave a
 * 6.6% false-pass rate in the simulations; 100 gave 4.8%).
 */
export const AUC_MIN_ERRORS = 2;

const logit = (p: number) => Math.log(p / (1 - p));
const expit = (x: number) => 1 / (1 + Math.exp(-x));

/** One-sided (1 − α) bounds of one AUC on the logit scale (delta method), mapped back; Wald when the AUC is 0 or 1. */
function logitBounds(auc: number, v: number, q: number): [number, number] {
  const se = Math.sqrt(Math.max(0, v));
  if (!(auc > 0 && auc < 1)) return [Math.max(0, auc - q * se), Math.min(1, auc + q * se)];
  const h = (q * se) / (auc * (1 - auc));
  return [expit(logit(auc) - h), expit(logit(auc) + h)];
}

/**
 * MOVER interval of AUC_a − AUC_b (Zou & Donner 2008): from each AUC's bounds [lᵢ, uᵢ] and the
 * DeLong correlation ρ, L = d − √((a − l_a)² + (u_b − b)² − 2ρ(a − l_a)(u_b − b)) and
 * U = d + √((u_a − a)² + (b − l_b)² − 2ρ(u_a − a)(b − l_b)).
 */
function moverLogit(a: number, b: number, va: number, vb: number, rho: number, q: number): [number, number] {
  const [la, ua] = logitBounds(a, va, q);
  const [lb, ub] = logitBounds(b, vb, q);
  const r = Number.isFinite(rho) ? rho : 0;
  const d = a - b;
  const lo = d - Math.sqrt(Math.max(0, (a - la) ** 2 + (ub - b) ** 2 - 2 * r * (a - la) * (ub - b)));
  const hi = d + Math.sqrt(Math.max(0, (ua - a) ** 2 + (b - lb) ** 2 - 2 * r * (ua - a) * (b - lb)));
  return [lo, hi];
}

function finish(report: AucReport): AucReport {
  report.reasons = sortReasons(report.reasons);
  report.verdict = verdictOf(report.reasons);
  return report;
}
