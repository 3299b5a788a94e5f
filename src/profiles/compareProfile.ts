import { ShadowOptionError, assertKnownKeys, assertNumber, assertPlainObject, assertRate, describeValue, nearest } from '../_internal/options.js';
import { toRows, type DatasetInput } from '../dataset/toRows.js';
import { REPORT_VERSION, sortReasons, verdictOf, type Reason, type ReportBase } from '../report/types.js';
import { normalIsf } from '../stats/distributions/normal.js';
import { dkwEpsilon } from '../stats/ksDistance.js';
import { jensenShannon } from '../stats/jensenShannon.js';
import { ProfileAccumulatorImpl, isProfile, resolveProfileOptions } from './profileAccumulator.js';
import { sketchCdf, sketchKs, sketchFrom } from './_internal/sketch.js';
import type { ColumnProfile, DatasetProfile, ProfileOptions, ValueType } from './types.js';
import type { DDSketch } from '@datadog/sketches-js';
import { compareByGroup, hasGroupBy } from '../groups/compareByGroup.js';
import type { GroupOptions, GroupedReport } from '../groups/types.js';
import type { Row } from '../dataset/toRows.js';

/**
 * Data to profile, or a stored profile standing in for it.
 *
 * @example
 * const input: ProfileInput = JSON.parse(storedProfileJson); // or rows
 */
export type ProfileInput = DatasetInput | DatasetProfile;

/**
 * Options of {@link compareProfile}. Every bound is a practical margin on a delta; the checks
 * marked noise-aware widen it by the sampling noise of the delta (an interval, not a point), with
 * the family-wise false-fail rate of all noise-aware checks held at `alpha` (Bonferroni).
 *
 * @example
 * const options: CompareProfileOptions = { maxNullRateDelta: 0.001, maxKs: 0.01, alpha: 0.01 };
 */
export interface CompareProfileOptions {
  /** Columns compared. @defaultValue every column found on either side */
  columns?: string[];
  /**
   * Family-wise false-fail rate of the noise-aware checks when both sides are samples of one
   * distribution: each of the m checks runs at α/m.
   * @defaultValue 0.05
   */
  alpha?: number;
  /**
   * Whether the row counts are themselves random (the data are samples): the row and column count
   * checks then allow Poisson noise, z·√(L + S).
   * @defaultValue false (counts are exact: 2 % row loss is 2 % row loss)
   */
  sampled?: boolean;
  /** Largest |S − L| / L of the row count. @defaultValue 0 */
  maxRowCountDelta?: number;
  /** Largest relative delta of a column's present count (rows holding it). @defaultValue 0 */
  maxCountDelta?: number;
  /** Largest |null rate delta| (noise-aware, two-proportion). @defaultValue 0 */
  maxNullRateDelta?: number;
  /**
   * Largest |delta| of a column's share over rows of each kind of non-finite number (NaN,
   * Infinity, -Infinity, each a check of its own; noise-aware, two-proportion, judged as the null
   * rate is). A kind is checked when either side has one.
   * @defaultValue 0
   */
  maxNonFiniteRateDelta?: number;
  /** Largest relative delta of the distinct count (noise-aware; HyperLogLog error included). @defaultValue 0 */
  maxDistinctDelta?: number;
  /** Largest |mean delta| in legacy standard deviations (noise-aware, Welch z). @defaultValue 0 */
  maxMeanDelta?: number;
  /** Largest relative delta of each profiled quantile (noise-aware by DKW ranks; sketch error included). @defaultValue 0 */
  maxQuantileDelta?: number;
  /** Largest Kolmogorov–Smirnov distance of a numeric column (noise-aware, DKW). @defaultValue 0 */
  maxKs?: number;
  /** Largest |share delta| of any category (noise-aware, two-proportion per category). @defaultValue 0 */
  maxCategoryShareDelta?: number;
  /** Largest |share delta| of a value type among non-null values, e.g. numbers turning into strings (noise-aware). @defaultValue 0 */
  maxTypeShareDelta?: number;
  /** Largest PSI on legacy decile bins (a point bound, not noise-aware). @defaultValue not checked (reported) */
  maxPsi?: number;
  /** Largest Jensen–Shannon distance, natural log (a point bound, not noise-aware). @defaultValue not checked (reported) */
  maxJensenShannon?: number;
  /** Whether a column only in shadow is allowed. @defaultValue false */
  allowAddedColumns?: boolean;
  /** Profile options used when a side is data rather than a stored profile. @defaultValue {} */
  profile?: ProfileOptions;
  /** A label carried into the report. */
  label?: string;
}

/**
 * The checks a column can fail.
 *
 * @example
 * const name: ProfileCheckName = 'quantile:0.99';
 */
export type ProfileCheckName = 'count' | 'nullRate' | 'nonFiniteRate' | 'nonFiniteRate:NaN' | 'nonFiniteRate:Infinity' | 'nonFiniteRate:-Infinity' | 'distinct' | 'mean' | `quantile:${string}` | 'ks' | 'psi' | 'jensenShannon' | `category:${string}` | `type:${ValueType}`;

/**
 * One check of one column: the delta, the interval of deltas it allows (bound widened by noise),
 * and the verdict.
 *
 * @example
 * report.columns[0].checks.filter((k) => !k.pass).map((k) => `${k.check}: ${k.delta} not in ${k.allowed}`);
 */
export interface ProfileCheck {
  column: string;
  check: ProfileCheckName;
  legacy: number;
  shadow: number;
  /** shadow − legacy in the check's unit (see docs/compareProfile.md). */
  delta: number;
  /** Allowed deltas [lo, hi] = ±bound widened by the noise half-width. */
  allowed: [number, number];
  /** The noise half-width (0 for point checks). */
  noise: number;
  bound: number;
  pass: boolean;
}

/**
 * Per column evidence of a {@link ProfileReport}.
 *
 * @example
 * report.columns.find((c) => c.column === 'price')?.distances.ks;
 */
export interface ProfileColumnComparison {
  column: string;
  type: { legacy: string; shadow: string };
  /** Distances between the two distributions (numeric: legacy decile bins; categorical: categories). */
  distances: { ks?: number; psi?: number; jensenShannon?: number };
  checks: ProfileCheck[];
  failed: number;
}

/**
 * The result of {@link compareProfile}.
 *
 * @example
 * const r = compareProfile(legacyRows, shadowRows);
 * r.columns.find((c) => c.failed > 0)?.checks.filter((k) => !k.pass);
 */
export interface ProfileReport extends ReportBase<'profile'> {
  rows: { legacy: number; shadow: number; relativeDelta: number };
  alpha: number;
  /** Number of noise-aware checks m; each ran at α/m. */
  tests: number;
  /** The two-sided critical value z at α/m. */
  z: number;
  schema: { added: string[]; removed: string[]; retyped: { column: string; legacy: string; shadow: string }[] };
  /** Compared columns, most failed checks first. */
  columns: ProfileColumnComparison[];
  hints: string[];
}

const FN = 'compareProfile';
const OPTION_KEYS = [
  'columns', 'alpha', 'sampled', 'maxRowCountDelta', 'maxCountDelta', 'maxNullRateDelta', 'maxNonFiniteRateDelta', 'maxDistinctDelta', 'maxMeanDelta',
  'maxQuantileDelta', 'maxKs', 'maxCategoryShareDelta', 'maxTypeShareDelta', 'maxPsi', 'maxJensenShannon', 'allowAddedColumns', 'profile', 'label',
] as const;

interface Resolved extends Required<Omit<CompareProfileOptions, 'columns' | 'maxPsi' | 'maxJensenShannon' | 'profile' | 'label'>> {
  columns?: string[];
  maxPsi?: number;
  maxJensenShannon?: number;
  profile: ProfileOptions;
  label?: string;
}

function resolve(options: unknown): Resolved {
  if (options === undefined) options = {};
  assertPlainObject(FN, 'options', options);
  assertKnownKeys(FN, '', options, OPTION_KEYS);
  const o = options as CompareProfileOptions;
  const r: Resolved = {
    columns: o.columns,
    alpha: o.alpha ?? 0.05,
    sampled: o.sampled ?? false,
    maxRowCountDelta: o.maxRowCountDelta ?? 0,
    maxCountDelta: o.maxCountDelta ?? 0,
    maxNullRateDelta: o.maxNullRateDelta ?? 0,
    maxNonFiniteRateDelta: o.maxNonFiniteRateDelta ?? 0,
    maxDistinctDelta: o.maxDistinctDelta ?? 0,
    maxMeanDelta: o.maxMeanDelta ?? 0,
    maxQuantileDelta: o.maxQuantileDelta ?? 0,
    maxKs: o.maxKs ?? 0,
    maxCategoryShareDelta: o.maxCategoryShareDelta ?? 0,
    maxTypeShareDelta: o.maxTypeShareDelta ?? 0,
    maxPsi: o.maxPsi,
    maxJensenShannon: o.maxJensenShannon,
    allowAddedColumns: o.allowAddedColumns ?? false,
    profile: o.profile ?? {},
    label: o.label,
  };
  assertNumber(FN, 'alpha', r.alpha, { min: 1e-12, max: 0.5 });
  for (const k of ['maxRowCountDelta', 'maxCountDelta', 'maxDistinctDelta', 'maxMeanDelta', 'maxQuantileDelta'] as const) assertNumber(FN, k, r[k], { min: 0 });
  for (const k of ['maxNullRateDelta', 'maxNonFiniteRateDelta', 'maxKs', 'maxCategoryShareDelta', 'maxTypeShareDelta'] as const) assertRate(FN, k, r[k]);
  if (r.maxPsi !== undefined) assertNumber(FN, 'maxPsi', r.maxPsi, { min: 0 });
  if (r.maxJensenShannon !== undefined) assertNumber(FN, 'maxJensenShannon', r.maxJensenShannon, { min: 0, max: 1 });
  for (const k of ['sampled', 'allowAddedColumns'] as const) if (typeof r[k] !== 'boolean') throw new ShadowOptionError(`${FN}: ${k} must be true or false, got ${describeValue(r[k])}`);
  if (r.columns !== undefined && (!Array.isArray(r.columns) || r.columns.length === 0 || r.columns.some((c) => typeof c !== 'string' || !c))) {
    throw new ShadowOptionError(`${FN}: columns must be a non-empty array of column names, got ${describeValue(r.columns)}`);
  }
  resolveProfileOptions(FN, r.profile, 'profile');
  if (r.label !== undefined && typeof r.label !== 'string') throw new ShadowOptionError(`${FN}: label must be a string, got ${describeValue(r.label)}`);
  return r;
}

/** The profile of a side: a stored profile as is, data profiled with `options.profile`. */
function profileOf(input: ProfileInput, profileOptions: ProfileOptions, side: string, columns?: string[]): DatasetProfile {
  if (isProfile(input)) {
    ProfileAccumulatorImpl.fromProfile(input, FN); // validates the version and state
    return input;
  }
  const s = resolveProfileOptions(FN, profileOptions, 'profile');
  const acc = new ProfileAccumulatorImpl(s, s.columns ?? columns);
  acc.addRows(toRows(input, FN, side));
  return acc.value();
}

/**
 * Compares two datasets (or stored profiles) column by column: row and column counts, null rate,
 * distinct count, mean, quantiles, Kolmogorov–Smirnov distance, category shares and value-type
 * shares, each against an explicit bound widened by its sampling noise, so two samples of one
 * distribution fail at most `alpha` of the time (Bonferroni over the m noise-aware checks).
 * A column added, removed or retyped is a reason of its own; PSI and Jensen–Shannon are reported
 * and checked when bounded. Legacy is the reference. Empty profiles fail.
 *
 * @example
 * const report = compareProfile(legacyRows, shadowRows, { maxNullRateDelta: 0.001 });
 * // or, with last month's stored profile standing in for legacy data that is gone:
 * const report2 = compareProfile(JSON.parse(stored), shadowRows);
 * // or per event type, each with its own verdict:
 * const byType = compareProfile(legacyRows, shadowRows, { by: 'type' });
 * if (report.verdict === 'fail') console.log(renderReport(report));
 */
export function compareProfile(legacy: DatasetInput, shadow: DatasetInput, options: CompareProfileOptions & GroupOptions<CompareProfileOptions>): GroupedReport<ProfileReport>;
export function compareProfile(legacy: ProfileInput, shadow: ProfileInput, options?: CompareProfileOptions): ProfileReport;
export function compareProfile(legacy: ProfileInput, shadow: ProfileInput, options: CompareProfileOptions = {}): ProfileReport | GroupedReport<ProfileReport> {
  if (hasGroupBy(options)) {
    if (isProfile(legacy) || isProfile(shadow)) throw new ShadowOptionError(`${FN}: by needs data on both sides, but ${isProfile(legacy) ? 'legacy' : 'shadow'} is a stored profile; store one profile per group and compare them one by one`);
    return compareByGroup(FN, compareProfile as (l: Row[], s: Row[], o: CompareProfileOptions) => ProfileReport, legacy, shadow, options as CompareProfileOptions & GroupOptions<CompareProfileOptions>, { unit: 'rows' });
  }
  const o = resolve(options);
  const L = profileOf(legacy, o.profile, 'legacy', o.columns);
  const S = profileOf(shadow, o.profile, 'shadow', o.columns);
  for (const k of ['relativeAccuracy'] as const) {
    if (L.settings[k] !== S.settings[k]) throw new ShadowOptionError(`${FN}: the profiles were built with different ${k} (${L.settings[k]} vs ${S.settings[k]}); profile both sides with the same options`);
  }
  const reasons: Reason[] = [];
  const hints: string[] = [];
  const rows = { legacy: L.rows, shadow: S.rows, relativeDelta: L.rows ? (S.rows - L.rows) / L.rows : S.rows ? Infinity : 0 };
  const base = (): ProfileReport => {
    const sorted = sortReasons(reasons);
    const r: ProfileReport = {
      kind: 'profile', version: REPORT_VERSION, verdict: verdictOf(sorted), reasons: sorted, rows, alpha: o.alpha, tests: 0, z: 0,
      schema: { added: [], removed: [], retyped: [] }, columns: [], hints,
    };
    if (o.label !== undefined) r.label = o.label;
    return r;
  };
  if (L.rows === 0 || S.rows === 0) {
    const side = L.rows === 0 && S.rows === 0 ? 'both profiles are' : L.rows === 0 ? 'the legacy profile is' : 'the shadow profile is';
    reasons.push({ code: 'PROFILE_EMPTY', severity: 'fail', subject: L.rows === 0 ? 'legacy' : 'shadow', expected: '> 0 rows', received: 0, message: `${side} empty (0 rows): an empty profile proves nothing, so it never passes` });
    return base();
  }

  // ── Schema ──
  // A side has a column when some row holds it: a column profiled on request (`columns`) that no
  // row holds is in the profile with present 0, and is absent all the same.
  const has = (p: DatasetProfile, c: string) => p.columns[c] !== undefined && p.columns[c].present > 0;
  const lcols = Object.keys(L.columns);
  const scols = Object.keys(S.columns);
  const requested = o.columns !== undefined;
  const wanted = (o.columns ?? [...new Set([...lcols, ...scols])].sort()).filter((c) => requested || has(L, c) || has(S, c));
  const removed = wanted.filter((c) => has(L, c) && !has(S, c));
  const added = wanted.filter((c) => !has(L, c) && has(S, c));
  const absent = wanted.filter((c) => !has(L, c) && !has(S, c));
  for (const c of absent) {
    const known = [...new Set([...lcols, ...scols])].filter((k) => has(L, k) || has(S, k));
    const guess = nearest(c, known);
    reasons.push({ code: 'COLUMN_ABSENT', severity: 'fail', subject: c, expected: 'present on at least one side', received: 'absent on both sides', message: `columns names '${c}' but neither profile has it${guess ? `; did you mean '${guess}'?` : ''}` });
  }
  for (const c of removed) reasons.push({ code: 'COLUMN_REMOVED', severity: 'fail', subject: c, expected: 'present in shadow', received: 'absent', message: `column '${c}' is in legacy but not in shadow` });
  for (const c of added) {
    reasons.push({ code: 'COLUMN_ADDED', severity: o.allowAddedColumns ? 'info' : 'fail', subject: c, expected: o.allowAddedColumns ? 'allowed' : 'absent', received: 'present', message: `column '${c}' is in shadow but not in legacy` });
  }
  if (added.length && !o.allowAddedColumns) hints.push('if the added columns are intended, set allowAddedColumns: true');
  const both = wanted.filter((c) => has(L, c) && has(S, c));
  const retyped: ProfileReport['schema']['retyped'] = [];
  for (const c of both) {
    const lt = L.columns[c].type;
    const st = S.columns[c].type;
    if (lt !== st && lt !== 'empty' && st !== 'empty') {
      retyped.push({ column: c, legacy: lt, shadow: st });
      reasons.push({ code: 'COLUMN_RETYPED', severity: 'fail', subject: c, expected: lt, received: st, message: `column '${c}' holds mostly ${lt}s in legacy but ${st}s in shadow` });
    }
  }
  if (both.length === 0) reasons.push({ code: 'NO_COMMON_COLUMNS', severity: 'fail', subject: 'columns', expected: '>= 1 column on both sides', received: 0, message: 'no column is present in both profiles, so nothing was compared' });

  // ── Checks: collected first, decided once m (the number of noise-aware checks) is known ──
  type Pending = { c: ProfileCheck; se: number; dkw?: { q: number; nl: number; ns: number; sk: DDSketch; rel: number; lq: number } };
  const pending: Pending[] = [];
  const comparisons: ProfileColumnComparison[] = [];
  let m = 0;
  const zRow = (se: number) => se; // placeholder for clarity: se is multiplied by z below
  for (const c of both) {
    const lc = L.columns[c];
    const sc = S.columns[c];
    const cmp: ProfileColumnComparison = { column: c, type: { legacy: lc.type, shadow: sc.type }, distances: {}, checks: [], failed: 0 };
    comparisons.push(cmp);
    const add = (check: ProfileCheckName, legacyV: number, shadowV: number, delta: number, bound: number, se: number, noiseAware: boolean) => {
      if (noiseAware) m++;
      pending.push({ c: { column: c, check, legacy: legacyV, shadow: shadowV, delta, allowed: [0 - bound, bound], noise: 0, bound, pass: true }, se: noiseAware ? zRow(se) : 0 });
      cmp.checks.push(pending[pending.length - 1].c);
    };
    // Object values (nested records, arrays) are only counted: say so, naming where to look.
    if (lc.types.object > 0 || sc.types.object > 0) {
      reasons.push({ code: 'COLUMN_ONLY_COUNTED', severity: 'info', subject: c, expected: 'scalar values', received: `${lc.types.object} legacy / ${sc.types.object} shadow objects`, message: `column '${c}' holds objects or arrays (${lc.types.object} in legacy, ${sc.types.object} in shadow): only their counts, null rate and type share were compared, not their contents; list nested fields in columns (e.g. '${c}.<field>') to compare them` });
    }
    // Present count (relative), Poisson noise when sampled.
    add('count', lc.present, sc.present, lc.present ? (sc.present - lc.present) / lc.present : sc.present ? Infinity : 0, o.maxCountDelta, lc.present ? Math.sqrt(lc.present + sc.present) / lc.present : 0, o.sampled);
    // Null rate: two proportions over rows, pooled standard error, continuity correction.
    {
      const p = (lc.nulls + sc.nulls) / (L.rows + S.rows);
      const se = Math.sqrt(p * (1 - p) * (1 / L.rows + 1 / S.rows));
      add('nullRate', lc.nullRate, sc.nullRate, sc.nullRate - lc.nullRate, o.maxNullRateDelta, se, true);
      pending[pending.length - 1].c.noise = 0.5 * (1 / L.rows + 1 / S.rows); // continuity, widened by z·se below
    }
    // Non-finite numbers over rows, judged as the null rate, per kind (NaN, Infinity, -Infinity) so
    // that NaN turned into Infinity in the same rows fails; each only when either side has one (a
    // check that cannot fail is not counted in m). A stored profile without the kinds: the total.
    {
      const rate = (check: ProfileCheckName, a: number, b: number) => {
        if (a === 0 && b === 0) return;
        const p = (a + b) / (L.rows + S.rows);
        const se = Math.sqrt(p * (1 - p) * (1 / L.rows + 1 / S.rows));
        add(check, a / L.rows, b / S.rows, b / S.rows - a / L.rows, o.maxNonFiniteRateDelta, se, true);
        pending[pending.length - 1].c.noise = 0.5 * (1 / L.rows + 1 / S.rows);
      };
      const a = lc.state.nonFinite ?? 0;
      const b = sc.state.nonFinite ?? 0;
      const ka = lc.state.nonFiniteKinds;
      const kb = sc.state.nonFiniteKinds;
      if (ka && kb) {
        rate('nonFiniteRate:NaN', ka.nan, kb.nan);
        rate('nonFiniteRate:Infinity', ka.infinity, kb.infinity);
        rate('nonFiniteRate:-Infinity', ka.negativeInfinity, kb.negativeInfinity);
      } else {
        rate('nonFiniteRate', a, b);
        if (a > 0 || b > 0) {
          const which = !ka && !kb ? 'legacy and shadow' : !ka ? 'legacy' : 'shadow';
          reasons.push({ code: 'NON_FINITE_KINDS_UNKNOWN', severity: 'info', subject: c, expected: 'NaN, Infinity and -Infinity counted apart', received: `${which} without nonFiniteKinds`, message: `column '${c}': the ${which} profile was stored without the kinds of its non-finite numbers, so only their total share was compared (NaN turned into Infinity in the same rows would not show); profile the data again to compare NaN, Infinity and -Infinity apart` });
        }
      }
    }
    // Distinct count: Var(D) ≤ E[D] for occupancy counts, plus the HyperLogLog error.
    {
      const dl = lc.distinct.estimate;
      const ds = sc.distinct.estimate;
      const se = Math.sqrt(dl + ds + (lc.distinct.relativeError * dl) ** 2 + (sc.distinct.relativeError * ds) ** 2);
      add('distinct', dl, ds, dl ? (ds - dl) / dl : ds ? Infinity : 0, o.maxDistinctDelta, dl ? se / dl : 0, true);
    }
    // Value-type shares among non-null values.
    const nnl = lc.present - lc.nulls;
    const nns = sc.present - sc.nulls;
    if (nnl > 0 && nns > 0) {
      for (const t of ['number', 'string', 'boolean', 'object'] as const) {
        const a = lc.types[t];
        const b = sc.types[t];
        if (a === 0 && b === 0) continue;
        if (a === nnl && b === nns) continue; // one type on both sides: nothing to test
        const pl = a / nnl;
        const ps = b / nns;
        const p = (a + b) / (nnl + nns);
        add(`type:${t}`, pl, ps, ps - pl, o.maxTypeShareDelta, Math.sqrt(p * (1 - p) * (1 / nnl + 1 / nns)), true);
        pending[pending.length - 1].c.noise = 0.5 * (1 / nnl + 1 / nns);
      }
    }
    // Numeric: mean (in legacy SDs), quantiles and KS (one DKW event), PSI/JS.
    if (lc.numeric && sc.numeric) {
      const ln = lc.numeric;
      const sn = sc.numeric;
      // A variance past the double range (values spread beyond ~1e154: Infinity, or null once stored
      // as JSON) gives the mean no scale: the check is left out, said so (the quantiles and KS
      // still judge the distributions). A shadow's such variance takes the legacy's, its value under H0.
      const finite = (v: number | null) => typeof v === 'number' && Number.isFinite(v);
      if (ln.n > 1 && !finite(ln.variance)) {
        reasons.push({ code: 'MEAN_UNSCALED', severity: 'info', subject: c, expected: 'a finite legacy variance', received: String(ln.variance), message: `column '${c}': its legacy values spread past the double range (variance ${ln.variance}), so the mean has no scale in standard deviations and was not tested; the quantiles and KS were` });
      } else {
        const sd = Math.sqrt(ln.n > 1 ? ln.variance : 0);
        const vl = ln.n > 1 ? ln.variance : 0;
        const vs = sn.n > 1 ? (finite(sn.variance) ? sn.variance : vl) : 0;
        const d = sn.mean - ln.mean;
        const delta = sd > 0 ? d / sd : d === 0 ? 0 : Math.sign(d) * Infinity;
        add('mean', ln.mean, sn.mean, delta, o.maxMeanDelta, sd > 0 ? Math.sqrt(vl / ln.n + vs / sn.n) / sd : 0, true);
      }
      const lsk = sketchOf(lc);
      const ssk = sketchOf(sc);
      const rel = L.settings.relativeAccuracy;
      m++; // the quantile checks and KS share one DKW event
      for (const qs of L.settings.quantiles) {
        const q = Number(qs);
        const lq = ln.quantiles[String(q)] ?? lsk.getValueAtQuantile(q);
        const sq = ssk.getValueAtQuantile(q);
        const sqc = Math.min(sn.max, Math.max(sn.min, sq));
        const scale = Math.abs(lq) > 0 ? Math.abs(lq) : 1;
        pending.push({ c: { column: c, check: `quantile:${q}`, legacy: lq, shadow: sqc, delta: (sqc - lq) / scale, allowed: [0 - o.maxQuantileDelta, o.maxQuantileDelta], noise: 0, bound: o.maxQuantileDelta, pass: true }, se: 0, dkw: { q, nl: ln.n, ns: sn.n, sk: lsk, rel, lq } });
        cmp.checks.push(pending[pending.length - 1].c);
      }
      const ks = sketchKs(lsk, ssk);
      cmp.distances.ks = ks;
      pending.push({ c: { column: c, check: 'ks', legacy: 0, shadow: ks, delta: ks, allowed: [0, o.maxKs], noise: 0, bound: o.maxKs, pass: true }, se: 0, dkw: { q: NaN, nl: ln.n, ns: sn.n, sk: lsk, rel, lq: NaN } });
      cmp.checks.push(pending[pending.length - 1].c);
      const { psi, js } = binnedDistances(lsk, ssk);
      cmp.distances.psi = psi;
      cmp.distances.jensenShannon = js;
      if (o.maxPsi !== undefined) add('psi', 0, psi, psi, o.maxPsi, 0, false);
      if (o.maxJensenShannon !== undefined) add('jensenShannon', 0, js, js, o.maxJensenShannon, 0, false);
    }
    // Categories: shares among non-null values, when both sides' counts are exact.
    if (lc.categories && sc.categories && nnl > 0 && nns > 0) {
      if (lc.categories.exact && sc.categories.exact) {
        const lm = new Map(lc.state.categories.counts);
        const sm = new Map(sc.state.categories.counts);
        const cats = [...new Set([...lm.keys(), ...sm.keys()])].sort();
        const pv: number[] = [];
        const qv: number[] = [];
        for (const k of cats) {
          const a = lm.get(k) ?? 0;
          const b = sm.get(k) ?? 0;
          pv.push(a);
          qv.push(b);
          if (a === nnl && b === nns) continue;
          const p = (a + b) / (nnl + nns);
          add(`category:${k}`, a / nnl, b / nns, b / nns - a / nnl, o.maxCategoryShareDelta, Math.sqrt(p * (1 - p) * (1 / nnl + 1 / nns)), true);
          pending[pending.length - 1].c.noise = 0.5 * (1 / nnl + 1 / nns);
        }
        const rest = (n: number, arr: number[]) => n - arr.reduce((x, y) => x + y, 0);
        pv.push(rest(nnl, pv));
        qv.push(rest(nns, qv));
        if (cmp.distances.jensenShannon === undefined && pv.some((x) => x > 0) && qv.some((x) => x > 0)) {
          cmp.distances.jensenShannon = jensenShannon(pv, qv);
          if (o.maxJensenShannon !== undefined) add('jensenShannon', 0, cmp.distances.jensenShannon, cmp.distances.jensenShannon, o.maxJensenShannon, 0, false);
        }
      } else {
        reasons.push({ code: 'CATEGORIES_APPROXIMATE', severity: 'info', subject: c, expected: 'exact category counts', received: 'Misra-Gries summary', message: `column '${c}' has more than 2 × maxCategories categories, so category shares were not tested (raise profile.maxCategories to test them)` });
      }
    }
  }

  // ── Decide: each noise-aware check at α/m ──
  const tests = Math.max(1, m);
  const z = normalIsf(o.alpha / tests / 2);
  for (const p of pending) {
    const k = p.c;
    if (p.dkw) {
      const eps = dkwEpsilon(p.dkw.nl, o.alpha / tests) + dkwEpsilon(p.dkw.ns, o.alpha / tests);
      if (k.check === 'ks') {
        k.noise = eps;
        k.allowed = [0, k.bound + eps];
        k.pass = k.delta <= k.allowed[1];
      } else {
        // Under H0 the shadow's q-quantile lies between legacy's (q − ε)- and (q + ε)-quantiles
        // (ε from DKW on both sides, plus one rank step per side for the discrete quantile
        // convention); past 0 or 1 that end is unbounded (a sample's minimum can fall below the
        // other's). Each end is widened by the sketches' relative accuracy (2α) and the bound.
        const sk = p.dkw.sk;
        const slack = eps + 1 / p.dkw.nl + 1 / p.dkw.ns;
        const lo0 = p.dkw.q - slack <= 0 ? -Infinity : sk.getValueAtQuantile(p.dkw.q - slack);
        const hi0 = p.dkw.q + slack >= 1 ? Infinity : sk.getValueAtQuantile(p.dkw.q + slack);
        const scale = Math.abs(p.dkw.lq) > 0 ? Math.abs(p.dkw.lq) : 1;
        const lo = (lo0 - 2 * p.dkw.rel * Math.abs(lo0) - p.dkw.lq) / scale - k.bound;
        const hi = (hi0 + 2 * p.dkw.rel * Math.abs(hi0) - p.dkw.lq) / scale + k.bound;
        k.allowed = [lo, hi];
        k.noise = (hi - lo) / 2 - k.bound;
        k.pass = k.delta >= lo && k.delta <= hi;
      }
    } else {
      k.noise += z * p.se;
      k.allowed = [0 - k.bound - k.noise, k.bound + k.noise];
      if (k.check === 'psi' || k.check === 'jensenShannon') k.allowed = [0, k.bound];
      k.pass = Number.isFinite(k.delta) ? k.delta >= k.allowed[0] && k.delta <= k.allowed[1] : false;
    }
  }

  // ── Reasons: one per column and check kind, naming the worst ──
  const REASON: Record<string, [string, string]> = {
    count: ['COLUMN_COUNT_DELTA', 'present count'],
    nullRate: ['NULL_RATE_DELTA', 'null rate'],
    nonFiniteRate: ['NON_FINITE_RATE_DELTA', 'share of non-finite numbers'],
    distinct: ['DISTINCT_DELTA', 'distinct count'],
    mean: ['MEAN_DELTA', 'mean'],
    quantile: ['QUANTILE_DELTA', 'quantile'],
    ks: ['KS_DISTANCE', 'KS distance'],
    psi: ['PSI_ABOVE_MAX', 'PSI'],
    jensenShannon: ['JENSEN_SHANNON_ABOVE_MAX', 'Jensen-Shannon distance'],
    category: ['CATEGORY_SHARE_DELTA', 'category share'],
    type: ['TYPE_SHARE_DELTA', 'value-type share'],
  };
  for (const cmp of comparisons) {
    const worst = new Map<string, ProfileCheck>();
    for (const k of cmp.checks) {
      if (k.pass) continue;
      cmp.failed++;
      const kind = k.check.split(':')[0];
      const w = worst.get(kind);
      if (!w || excess(k) > excess(w)) worst.set(kind, k);
    }
    for (const [kind, k] of worst) {
      // A column whose present count moves exactly with the row count is told by ROW_COUNT_DELTA.
      if (kind === 'count' && Math.abs(k.delta - rows.relativeDelta) < 1e-12 && rows.legacy !== rows.shadow) continue;
      const [code, what] = REASON[kind];
      const sub = k.check.includes(':') ? ` ${k.check.slice(k.check.indexOf(':') + 1)}` : '';
      const subject = `${cmp.column}.${k.check}`;
      reasons.push({
        code,
        severity: 'fail',
        subject,
        expected: `within [${fmt(k.allowed[0])}, ${fmt(k.allowed[1])}]`,
        received: k.delta,
        message: `${cmp.column}: ${what}${kind === 'category' ? ` '${sub.trim()}'` : kind === 'nonFiniteRate' ? ` (${sub ? sub.trim() : 'NaN, ±Infinity together'})` : sub} ${describeDelta(kind, k)}, outside the allowed [${fmt(k.allowed[0])}, ${fmt(k.allowed[1])}] (bound ${fmt(k.bound)}${k.noise > 0 ? ` + noise ${fmt(k.noise)}` : ''})`,
      });
    }
  }
  comparisons.sort((a, b) => b.failed - a.failed || (a.column < b.column ? -1 : 1));

  // Row count.
  {
    const se = o.sampled ? Math.sqrt(L.rows + S.rows) / L.rows : 0;
    const noise = z * se;
    if (Math.abs(rows.relativeDelta) > o.maxRowCountDelta + noise) {
      reasons.push({ code: 'ROW_COUNT_DELTA', severity: 'fail', subject: 'rows', expected: `|relative delta| <= ${fmt(o.maxRowCountDelta + noise)}`, received: rows.relativeDelta, message: `shadow has ${S.rows} rows, legacy ${L.rows} (${pct(rows.relativeDelta)}), more than the allowed ${pct(o.maxRowCountDelta + noise)}; the present count of every column that moves with it is not listed again` });
      if (!o.sampled && Math.abs(rows.relativeDelta) < 0.01) hints.push('if both sides are samples whose sizes vary, set sampled: true to allow Poisson noise on the counts');
    }
  }
  const r = base();
  r.tests = tests;
  r.z = z;
  r.schema = { added, removed, retyped };
  r.columns = comparisons;
  return r;
}

function excess(k: ProfileCheck): number {
  return Math.max(k.allowed[0] - k.delta, k.delta - k.allowed[1]);
}

function fmt(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  if (x === 0) return '0';
  const a = Math.abs(x);
  return a >= 1e5 || a < 1e-4 ? x.toExponential(2) : String(Number(x.toPrecision(3)));
}

function pct(x: number): string {
  return `${x >= 0 ? '+' : ''}${(x * 100).toFixed(2)}%`;
}

function describeDelta(kind: string, k: ProfileCheck): string {
  switch (kind) {
    case 'nullRate':
    case 'nonFiniteRate':
    case 'category':
    case 'type':
      return `moved from ${pct(k.legacy).replace('+', '')} to ${pct(k.shadow).replace('+', '')} (delta ${fmt(k.delta)})`;
    case 'count':
    case 'distinct':
      return `moved from ${k.legacy} to ${k.shadow} (relative delta ${fmt(k.delta)})`;
    case 'mean':
      return `moved from ${fmt(k.legacy)} to ${fmt(k.shadow)} (${fmt(k.delta)} legacy SDs)`;
    case 'quantile':
      return `moved from ${fmt(k.legacy)} to ${fmt(k.shadow)} (relative delta ${fmt(k.delta)})`;
    default:
      return `is ${fmt(k.delta)}`;
  }
}

function sketchOf(c: ColumnProfile): DDSketch {
  const m = c.state.moments;
  return sketchFrom(c.state.sketch!, m.min, m.max, m.mean * m.n);
}

/** PSI and Jensen–Shannon distance on the legacy sketch's decile bins (shares from each sketch's CDF). */
function binnedDistances(l: DDSketch, s: DDSketch): { psi: number; js: number } {
  const edges: number[] = [];
  for (let k = 1; k < 10; k++) {
    const e = l.getValueAtQuantile(k / 10);
    if (edges.length === 0 || e > edges[edges.length - 1]) edges.push(e);
  }
  const shares = (sk: DDSketch) => {
    const out: number[] = [];
    let prev = 0;
    for (const e of edges) {
      const f = sketchCdf(sk, e);
      out.push(f - prev);
      prev = f;
    }
    out.push(1 - prev);
    return out;
  };
  const r = shares(l);
  const a = shares(s);
  const eps = 1e-4;
  let psi = 0;
  for (let i = 0; i < r.length; i++) {
    const rr = r[i] > 0 ? r[i] : eps;
    const aa = a[i] > 0 ? a[i] : eps;
    psi += (aa - rr) * Math.log(aa / rr);
  }
  return { psi, js: jensenShannon(r.map((x) => Math.max(0, x)), a.map((x) => Math.max(0, x))) };
}
