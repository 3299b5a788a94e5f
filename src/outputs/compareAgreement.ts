import { ShadowOptionError, assertNumber, describeValue } from '../_internal/options.js';
import { REPORT_VERSION, sortReasons, verdictOf, type Reason, type ReportBase, type Scalar } from '../report/types.js';
import { num, pct } from '../report/format.js';
import { checkAlpha, checkOptions } from '../stats/checkSample.js';
import { clopperPearson } from '../stats/_internal/clopperPearson.js';
import { mcnemar } from '../stats/mcnemar.js';
import { pairingProblems, readValues, type Pairing, type RowValueOptions, type ValuesInput } from './statsInputs.js';
import { compareByGroup, hasGroupBy } from '../groups/compareByGroup.js';
import type { GroupOptions, GroupedReport } from '../groups/types.js';
import type { Row } from '../dataset/toRows.js';

/** A class prediction: a string, a finite number or a boolean. */
export type Prediction = string | number | boolean;

/** Options for {@link compareAgreement}. */
export interface CompareAgreementOptions extends RowValueOptions {
  /** Smallest acceptable agreement rate, in (0, 1). Required. */
  minAgreement: number;
  /**
   * The agreement rate's Clopper-Pearson (exact) bounds are each one-sided at level 1 − α.
   * @defaultValue 0.05
   */
  alpha?: number;
  /**
   * True classes aligned with the predictions (array by position, Map by key); with them McNemar
   * compares correctness (legacy right/shadow wrong vs the reverse) instead of the predicted classes.
   */
  labels?: ArrayLike<Prediction> | ReadonlyMap<unknown, Prediction>;
  /** A label carried to the report. */
  label?: string;
}

/** McNemar's test as reported by {@link compareAgreement}. */
export interface AgreementMcnemar {
  /** 'correctness' with labels; 'classes' for two predicted classes. */
  table: 'correctness' | 'classes';
  /** What b and c count. */
  b: { count: number; meaning: string };
  c: { count: number; meaning: string };
  statistic: number;
  pValue: number;
  method: string;
}

/** The Report of {@link compareAgreement}. */
export interface AgreementReport extends ReportBase<'agreement'> {
  /** Paired predictions compared. */
  n: number;
  agree: number;
  agreement: number | null;
  /**
   * One-sided (1 − α) Clopper-Pearson bounds of the agreement rate: lower = B⁻¹(α; k, n − k + 1)
   * (0 when k = 0), upper = B⁻¹(1 − α; k + 1, n − k) (1 when k = n).
   */
  lower: number | null;
  upper: number | null;
  minAgreement: number;
  alpha: number;
  /** The most frequent disagreements (legacy class → shadow class), up to 5. */
  confusion: { legacy: string; shadow: string; count: number }[];
  /** Up to 5 disagreeing inputs, legacy vs shadow. */
  examples: { key: string; legacy: Scalar; shadow: Scalar }[];
  /** null when the predictions have more than two classes and no labels were given. */
  mcnemar: AgreementMcnemar | null;
  /** With labels: accuracy of each side. */
  accuracy?: { legacy: number; shadow: number };
  pairing?: Pairing;
}

const text = (v: Prediction) => (typeof v === 'string' ? JSON.stringify(v) : String(v));

function checkPrediction(fn: string): (v: unknown, where: string) => Prediction {
  return (v, where) => {
    if (typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v))) return v;
    throw new ShadowOptionError(`${fn}: ${where} must be a class (string, finite number or boolean), got ${describeValue(v)}`);
  };
}

const same = (a: Prediction, b: Prediction) => a === b;

/**
 * One-sided (1 − α) Clopper-Pearson bounds. Exact: at a true rate p, P(lower ≥ p) ≤ α and
 * P(upper < p) ≤ α for every n, so a false pass and a false fail are each at most α (the Wilson
 * bounds used before reached 7.2% and 19.8%).
 */
function exactBounds(k: number, n: number, alpha: number): [number, number] {
  return [clopperPearson(k, n, 1 - alpha, 'greater').lower, clopperPearson(k, n, 1 - alpha, 'less').upper];
}

function r(code: string, severity: Reason['severity'], subject: string, expected: Reason['expected'], received: Reason['received'], message: string): Reason {
  return { code, severity, subject, expected, received, message };
}

/**
 * Do the shadow model's class predictions agree with the legacy model's on the same inputs?
 * The agreement rate k/n is bounded with exact Clopper-Pearson bounds at one-sided level 1 − α; the verdict
 * is `pass` only when the lower bound is ≥ minAgreement, `fail` when the upper bound is below it,
 * `inconclusive` otherwise (so 3 agreeing predictions out of 3 do not show 99% agreement).
 * McNemar's test (exact binomial, statsmodels' convention) is reported for information: with
 * `labels`, on correctness (b = legacy right and shadow wrong, c = the reverse); without, when
 * there are exactly two classes, on the classes (b = legacy first class → shadow second, c = the reverse,
 * classes in sorted order).
 *
 * Inputs are paired: arrays by position, Maps by key, rows joined on `key` with `value` reading
 * the prediction. Predictions are compared with ===. Non-class values throw; an empty input fails.
 *
 * @example
 * const report = compareAgreement(legacyLabels, shadowLabels, { minAgreement: 0.98 });
 * report.agreement; // e.g. 0.993
 */
export function compareAgreement(legacy: readonly Record<string, unknown>[], shadow: readonly Record<string, unknown>[], options: CompareAgreementOptions & GroupOptions<CompareAgreementOptions>): GroupedReport<AgreementReport>;
export function compareAgreement(legacy: ValuesInput<Prediction>, shadow: ValuesInput<Prediction>, options: CompareAgreementOptions): AgreementReport;
export function compareAgreement(
  legacy: ValuesInput<Prediction>,
  shadow: ValuesInput<Prediction>,
  options: CompareAgreementOptions,
): AgreementReport | GroupedReport<AgreementReport> {
  if (hasGroupBy(options)) return compareByGroup('compareAgreement', compareAgreement as (l: Row[], s: Row[], o: CompareAgreementOptions) => AgreementReport, legacy, shadow, options as CompareAgreementOptions & GroupOptions<CompareAgreementOptions>, { unit: 'values' });
  const fn = 'compareAgreement';
  if (options === undefined) throw new ShadowOptionError(`${fn}: options with minAgreement are required, e.g. { minAgreement: 0.98 }`);
  const o = checkOptions(fn, options, ['minAgreement', 'alpha', 'labels', 'label', 'key', 'value']);
  if (o.minAgreement === undefined) throw new ShadowOptionError(`${fn}: minAgreement is required: the smallest acceptable agreement rate, e.g. { minAgreement: 0.98 }`);
  assertNumber(fn, 'minAgreement', o.minAgreement, { min: 0, max: 1 });
  const minAgreement = o.minAgreement;
  if (minAgreement === 0 || minAgreement === 1) {
    throw new ShadowOptionError(
      `${fn}: minAgreement must be in (0, 1), got ${minAgreement}` +
        (minAgreement === 1 ? '; no sample shows 100% agreement with confidence — for exact agreement use toApproximatelyMatch' : ''),
    );
  }
  const alpha = checkAlpha(fn, o.alpha);
  if (o.label !== undefined && typeof o.label !== 'string') throw new ShadowOptionError(`${fn}: label must be a string, got ${describeValue(o.label)}`);

  const data = readValues(fn, legacy, shadow, { paired: true, key: o.key, value: o.value }, checkPrediction(fn));
  let truth: Prediction[] | undefined;
  if (o.labels !== undefined) {
    const check = checkPrediction(fn);
    if (o.labels instanceof Map) {
      if (!data.keys) throw new ShadowOptionError(`${fn}: labels is a Map but the predictions are not keyed; pass labels as an array aligned with them`);
      const lm = o.labels as ReadonlyMap<unknown, unknown>;
      truth = data.keys.map((k) => {
        if (!lm.has(k)) throw new ShadowOptionError(`${fn}: labels has no entry for key ${describeValue(k)}`);
        return check(lm.get(k), `labels value for key ${describeValue(k)}`);
      });
    } else {
      if (data.keys) throw new ShadowOptionError(`${fn}: the predictions are keyed, so labels must be a Map keyed like them`);
      const arr = o.labels as ArrayLike<unknown>;
      if (typeof arr.length !== 'number' || arr.length !== data.legacy.length) {
        throw new ShadowOptionError(`${fn}: labels must have one entry per prediction, got ${describeValue(o.labels)} for ${data.legacy.length} predictions`);
      }
      truth = Array.from(arr, (v, i) => check(v, `labels[${i}]`));
    }
  }

  const n = data.legacy.length;
  const reasons: Reason[] = [];
  const report: AgreementReport = {
    kind: 'agreement',
    version: REPORT_VERSION,
    verdict: 'inconclusive',
    reasons,
    ...(o.label !== undefined ? { label: o.label } : {}),
    n,
    agree: 0,
    agreement: null,
    lower: null,
    upper: null,
    minAgreement,
    alpha,
    confusion: [],
    examples: [],
    mcnemar: null,
    ...(data.pairing ? { pairing: data.pairing } : {}),
  };
  const problems = pairingProblems(data.pairing);
  if (problems > 0) {
    reasons.push(r('PAIRING_INCOMPLETE', 'inconclusive', 'key', 'every input predicted once on each side', problems,
      `${problems} input key(s) could not be paired, so the agreement does not cover every input`));
  }
  if (n === 0) {
    reasons.push(r('EMPTY_INPUT', 'fail', 'shadow', '>= 1 paired prediction', 0, 'there are no paired predictions: an empty sample shows nothing'));
    return finish(report);
  }

  const confusion = new Map<string, { legacy: string; shadow: string; count: number }>();
  let agree = 0;
  for (let i = 0; i < n; i++) {
    const a = data.legacy[i];
    const b = data.shadow[i];
    if (same(a, b)) {
      agree++;
      continue;
    }
    const id = `${text(a)}\u0000${text(b)}`;
    const e = confusion.get(id) ?? { legacy: text(a), shadow: text(b), count: 0 };
    e.count++;
    confusion.set(id, e);
    if (report.examples.length < 5) report.examples.push({ key: data.keys ? String(keyText(data.keys[i])) : `#${i}`, legacy: a, shadow: b });
  }
  report.agree = agree;
  report.agreement = agree / n;
  [report.lower, report.upper] = exactBounds(agree, n, alpha);
  report.confusion = [...confusion.values()].sort((x, y) => y.count - x.count || (x.legacy + x.shadow < y.legacy + y.shadow ? -1 : 1)).slice(0, 5);

  if (truth) {
    let b = 0;
    let c = 0;
    let okL = 0;
    let okS = 0;
    for (let i = 0; i < n; i++) {
      const l = same(data.legacy[i], truth[i]);
      const s = same(data.shadow[i], truth[i]);
      okL += +l;
      okS += +s;
      if (l && !s) b++;
      if (!l && s) c++;
    }
    const t = mcnemar([[okL - b, b], [c, n - okL - c]]);
    report.accuracy = { legacy: okL / n, shadow: okS / n };
    report.mcnemar = {
      table: 'correctness',
      b: { count: b, meaning: 'legacy right, shadow wrong' },
      c: { count: c, meaning: 'legacy wrong, shadow right' },
      statistic: t.statistic,
      pValue: t.pValue,
      method: t.method,
    };
  } else {
    const classes = [...new Set([...data.legacy, ...data.shadow].map(text))].sort();
    if (classes.length === 2) {
      const [first, second] = classes;
      let b = 0;
      let c = 0;
      let a = 0;
      for (let i = 0; i < n; i++) {
        const l = text(data.legacy[i]);
        const s = text(data.shadow[i]);
        if (l === first && s === second) b++;
        if (l === second && s === first) c++;
        if (l === first && s === first) a++;
      }
      const t = mcnemar([[a, b], [c, n - a - b - c]]);
      report.mcnemar = {
        table: 'classes',
        b: { count: b, meaning: `legacy ${first}, shadow ${second}` },
        c: { count: c, meaning: `legacy ${second}, shadow ${first}` },
        statistic: t.statistic,
        pValue: t.pValue,
        method: t.method,
      };
    } else if (classes.length > 2) {
      reasons.push(r('MCNEMAR_NOT_APPLICABLE', 'info', 'mcnemar', '2 classes or labels', classes.length,
        `McNemar's test needs two classes or true labels; the predictions have ${classes.length} classes`));
    }
  }

  const level = `${num(100 * (1 - alpha))}%`;
  if (report.upper! < minAgreement) {
    reasons.push(r('AGREEMENT_BELOW_MIN', 'fail', 'minAgreement', `>= ${minAgreement}`, report.agreement,
      `${pct(report.agreement)} of predictions agree; even the ${level} upper bound ${pct(report.upper!)} is below the required ${pct(minAgreement)}`));
  } else if (report.lower! < minAgreement) {
    reasons.push(r('AGREEMENT_NOT_SHOWN', 'inconclusive', 'minAgreement', `>= ${minAgreement}`, report.lower,
      `${pct(report.agreement)} of predictions agree, but the ${level} lower bound ${pct(report.lower!)} is below the required ${pct(minAgreement)}`));
  }
  return finish(report);
}

function keyText(k: unknown): string {
  return typeof k === 'string' ? JSON.stringify(k) : Array.isArray(k) ? `[${k.map(keyText).join(', ')}]` : String(k);
}

function finish(report: AgreementReport): AgreementReport {
  report.reasons = sortReasons(report.reasons);
  report.verdict = verdictOf(report.reasons);
  return report;
}
