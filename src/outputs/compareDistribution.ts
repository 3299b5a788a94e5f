import { ShadowOptionError, assertNumber, assertSeed, describeValue } from '../_internal/options.js';
import { REPORT_VERSION, sortReasons, verdictOf, type Reason, type ReportBase, type Verdict } from '../report/types.js';
import { num } from '../report/format.js';
import { checkAlpha, checkOptions, mean } from '../stats/checkSample.js';
import { jsDistanceNormalised } from '../stats/_internal/checkDistribution.js';
import { bootstrapTwoSampleDistributions, quantileSorted, subsampleTwoSampleDistributions } from '../stats/_internal/resample.js';
import { boundsFromBootstrap, bootstrapStatistics, type BootstrapDistance } from '../stats/distanceBootstrap.js';
import {
  binProportions,
  cdfDistancePower,
  ksStatistic as ksStatisticSorted,
  quantileType7,
  referenceEdges,
  sortedSample,
  type WeightedSample,
} from '../stats/_internal/weightedSample.js';
import { dkwEpsilon } from '../stats/ksDistance.js';
import { sortFloat64 } from '../stats/_internal/sortFloat64.js';
import { psiOf } from '../stats/psi.js';
import { finiteScore, readValues, type RowValueOptions, type ValuesInput } from './statsInputs.js';
import { compareByGroup, hasGroupBy } from '../groups/compareByGroup.js';
import type { GroupOptions, GroupedReport } from '../groups/types.js';
import type { Row } from '../dataset/toRows.js';

/** The distances compareDistribution can bound. */
export type DistributionMetric = 'ks' | 'wasserstein' | 'psi' | 'jensenShannon' | 'energy';

/** Options for {@link compareDistribution}. At least one `max…` bound is required. */
export interface CompareDistributionOptions extends Pick<RowValueOptions, 'value'> {
  /** Largest acceptable Kolmogorov–Smirnov D (in [0, 1]). */
  maxKs?: number;
  /** Largest acceptable Wasserstein-1 distance, in score units. */
  maxWasserstein?: number;
  /** Largest acceptable population stability index (legacy = reference; 0.1 is the customary "stable" line). */
  maxPsi?: number;
  /** Largest acceptable Jensen–Shannon distance (natural log, so in [0, 0.8326]) on the legacy quantile bins. */
  maxJensenShannon?: number;
  /** Largest acceptable energy distance √(2∫(F − G)²), in score units (`scipy.stats.energy_distance`). */
  maxEnergy?: number;
  /**
   * Each distance's upper confidence bound has level 1 − α.
   * @defaultValue 0.05
   */
  alpha?: number;
  /**
   * Seed of the bootstrap (Wasserstein, PSI, Jensen–Shannon); recorded in the report.
   * @defaultValue 0
   */
  seed?: number;
  /**
   * Bootstrap resamples (full bootstrap up to 200,000 values in all; m-out-of-n above).
   * @defaultValue 999
   */
  nResamples?: number;
  /**
   * Quantile bins of the legacy sample for PSI and Jensen–Shannon (10 = deciles).
   * @defaultValue 10
   */
  bins?: number;
  /** A label carried to the report. */
  label?: string;
}

/** One bounded distance in a {@link DistributionReport}. */
export interface DistributionMetricResult {
  metric: DistributionMetric;
  /** The distance between the two samples. */
  statistic: number;
  /** (1 − α) lower confidence bound. */
  lower: number;
  /** (1 − α) upper confidence bound: what must be within `bound`. */
  upper: number;
  /** The caller's maximum. */
  bound: number;
  /**
   * 'DKW bound' (KS, exact, no randomness); 'bootstrap' (upper bound T + (T*_{1−α} − T*_α)/2,
   * triangle-inequality lower bound); 'm-out-of-n bootstrap' (above 200,000 values: resamples of a
   * fraction f of each side, T ± √f·(T*_{1−α} − T*_α)/2).
   */
  method: 'DKW bound' | 'bootstrap' | 'm-out-of-n bootstrap';
  /**
   * KS only, known before running: the smallest equal per-side n at which identical samples
   * (D = 0) can pass the maximum, 2·ln(4/α)/max², and the n at which two samples of one
   * continuous distribution pass about 80% of the time, ((1.0727·√2 + √(2·ln(4/α)))/max)².
   */
  passableAt?: { identical: number; sameDistribution80: number };
  verdict: Verdict;
}

/** Summary quantiles of one side. */
export interface SampleSummary {
  n: number;
  mean: number | null;
  p10: number | null;
  p50: number | null;
  p90: number | null;
}

/** The Report of {@link compareDistribution}. */
export interface DistributionReport extends ReportBase<'distribution'> {
  metrics: DistributionMetricResult[];
  alpha: number;
  nResamples: number;
  bins: number;
  summary: { legacy: SampleSummary; shadow: SampleSummary };
  /** Present when the m-out-of-n bootstrap was used: the fraction of each side drawn per resample. */
  subsample?: { fraction: number; perResample: { legacy: number; shadow: number } };
  /** Legacy quantile bins where the shares differ most (up to 5), for the message. */
  worstBins: { range: string; legacy: number; shadow: number }[];
}

const METRICS: { option: keyof CompareDistributionOptions; metric: DistributionMetric; name: string }[] = [
  { option: 'maxKs', metric: 'ks', name: 'KS D' },
  { option: 'maxWasserstein', metric: 'wasserstein', name: 'Wasserstein-1' },
  { option: 'maxPsi', metric: 'psi', name: 'PSI' },
  { option: 'maxJensenShannon', metric: 'jensenShannon', name: 'Jensen–Shannon distance' },
  { option: 'maxEnergy', metric: 'energy', name: 'energy distance' },
];

/** Above this many values in all, the bound resamples a fraction of each side (m-out-of-n). */
const SUBSAMPLE_ABOVE = 200_000;
/** Values per side drawn by each m-out-of-n resample (of the larger side). */
const SUBSAMPLE_SIZE = 5_000;
/** Most resamples the m-out-of-n path draws (each costs O(k log k)). */
const SUBSAMPLE_RESAMPLES = 299;

/** Sorted values with unit weights (an O(n) radix sort: no comparator, no rank map). */
function sortedValues(x: Float64Array): WeightedSample {
  return { values: sortFloat64(Float64Array.from(x)), weights: new Float64Array(x.length).fill(1), total: x.length };
}

/** A Float64Array copy of a typed array of scores, naming the first non-finite one. */
function finiteCopy(fn: string, side: string, x: ArrayLike<number>): Float64Array {
  const out = Float64Array.from(x);
  for (let i = 0; i < out.length; i++) {
    if (!Number.isFinite(out[i])) finiteScore(fn)(x[i], `${side}[${i}]`);
  }
  return out;
}

/**
 * The KS sizes known before running (equal per-side n): identical samples (D = 0) pass once the
 * DKW half-width 2·√(ln(4/α)/(2n)) is within `max`; samples of one continuous distribution pass
 * about 80% of the time once D's 80th percentile, about 1.0727·√(2/n), plus that half-width is.
 *
 * @example
 * ksPassableAt(0.05, 0.05); // => { identical: 3506, sameDistribution80: 6590 } (per side)
 */
export function ksPassableAt(max: number, alpha: number): { identical: number; sameDistribution80: number } {
  const l = Math.log(4 / alpha);
  return { identical: Math.ceil((2 * l) / (max * max)), sameDistribution80: Math.ceil(((1.0727 * Math.SQRT2 + Math.sqrt(2 * l)) / max) ** 2) };
}

/** Display name of a metric. */
export function metricName(m: DistributionMetric): string {
  return METRICS.find((x) => x.metric === m)!.name;
}

function summary(w: WeightedSample): SampleSummary {
  const n = w.total;
  if (n === 0) return { n, mean: null, p10: null, p50: null, p90: null };
  return { n, mean: mean(w.values), p10: quantileType7(w, 0.1), p50: quantileType7(w, 0.5), p90: quantileType7(w, 0.9) };
}

/**
 * Is the distribution of shadow outputs within stated distances of the legacy distribution? For
 * each requested bound (`maxKs`, `maxWasserstein`, `maxPsi`, `maxJensenShannon`) the check
 * computes the distance and a (1 − α) upper confidence bound for the population distance; the
 * verdict is `pass` only when every upper bound is within its maximum, `fail` when a lower bound
 * already exceeds one, `inconclusive` otherwise.
 *
 * Bounds: KS uses the distribution-free DKW interval (see ksDistance; no randomness). The others
 * use a seeded bootstrap (both samples resampled independently, `nResamples` times, all metrics
 * on the same resamples; PSI and Jensen–Shannon re-bin each resample on the resampled legacy's
 * quantiles): the upper bound is the 1 − α percentile of the bootstrap distribution, which sits
 * above the sample value and so errs on the safe side; the lower bound uses the triangle
 * inequality with bootstrapped one-sample deviations (metrics only; PSI gets none), so resampling
 * noise never "shows" two samples of one distribution apart (see DistanceInterval). Legacy is the reference side (PSI bins are its
 * quantiles). Inputs: arrays, Maps (values) or rows with `value`. Non-finite values throw; an empty
 * side fails; fewer than 2 values per side is inconclusive.
 *
 * @example
 * const report = compareDistribution(legacyScores, shadowScores, { maxKs: 0.05, maxPsi: 0.1, seed: 1 });
 * report.metrics.map((m) => [m.metric, m.statistic, m.upper]);
 */
export function compareDistribution(legacy: readonly Record<string, unknown>[], shadow: readonly Record<string, unknown>[], options: CompareDistributionOptions & GroupOptions<CompareDistributionOptions>): GroupedReport<DistributionReport>;
export function compareDistribution(legacy: ValuesInput, shadow: ValuesInput, options: CompareDistributionOptions): DistributionReport;
export function compareDistribution(
  legacy: ValuesInput,
  shadow: ValuesInput,
  options: CompareDistributionOptions,
): DistributionReport | GroupedReport<DistributionReport> {
  if (hasGroupBy(options)) return compareByGroup('compareDistribution', compareDistribution as (l: Row[], s: Row[], o: CompareDistributionOptions) => DistributionReport, legacy, shadow, options as CompareDistributionOptions & GroupOptions<CompareDistributionOptions>, { unit: 'values' });
  const fn = 'compareDistribution';
  const o = checkOptions(fn, options, ['maxKs', 'maxWasserstein', 'maxPsi', 'maxJensenShannon', 'maxEnergy', 'alpha', 'seed', 'nResamples', 'bins', 'label', 'value']);
  const requested = METRICS.filter((m) => o[m.option] !== undefined);
  if (requested.length === 0) {
    throw new ShadowOptionError(`${fn}: give at least one bound: maxKs, maxWasserstein, maxPsi, maxJensenShannon or maxEnergy (e.g. { maxKs: 0.05 })`);
  }
  for (const m of requested) assertNumber(fn, m.option, o[m.option], { min: 0, max: m.metric === 'ks' ? 1 : Infinity });
  const alpha = checkAlpha(fn, o.alpha);
  const seed = o.seed ?? 0;
  assertSeed(fn, 'seed', seed);
  const nResamples = o.nResamples ?? 999;
  assertNumber(fn, 'nResamples', nResamples, { min: 99, integer: true });
  const bins = o.bins ?? 10;
  assertNumber(fn, 'bins', bins, { min: 2, max: 1000, integer: true });
  if (o.label !== undefined && typeof o.label !== 'string') throw new ShadowOptionError(`${fn}: label must be a string, got ${describeValue(o.label)}`);

  // typed arrays of finite scores (nightly sizes) are copied once, without the generic reader
  const direct = o.value === undefined && ArrayBuffer.isView(legacy) && ArrayBuffer.isView(shadow);
  const data = direct ? undefined : readValues(fn, legacy, shadow, { paired: false, value: o.value }, finiteScore(fn));
  const l = data ? Float64Array.from(data.legacy) : finiteCopy(fn, 'legacy', legacy as unknown as ArrayLike<number>);
  const s = data ? Float64Array.from(data.shadow) : finiteCopy(fn, 'shadow', shadow as unknown as ArrayLike<number>);
  const ls = sortedValues(l);
  const ss = sortedValues(s);
  const reasons: Reason[] = [];
  const report: DistributionReport = {
    kind: 'distribution',
    version: REPORT_VERSION,
    verdict: 'inconclusive',
    reasons,
    ...(o.label !== undefined ? { label: o.label } : {}),
    metrics: [],
    alpha,
    nResamples,
    bins,
    summary: { legacy: summary(ls), shadow: summary(ss) },
    worstBins: [],
  };
  if (requested.some((m) => m.metric !== 'ks')) report.seed = seed;

  for (const [side, arr] of [['shadow', s], ['legacy', l]] as const) {
    if (arr.length === 0) reasons.push(r('EMPTY_INPUT', 'fail', side, '>= 2 values', 0, `${side} has no scores: an empty sample shows nothing`));
    else if (arr.length < 2) reasons.push(r('TOO_FEW_VALUES', 'inconclusive', side, '>= 2 values', arr.length, `${side} has 1 score; a distance bound needs at least 2`));
  }
  if (l.length < 2 || s.length < 2) return finish(report);

  const w1 = (a: WeightedSample, b: WeightedSample) => cdfDistancePower(a, b, 1);
  const fixedEdges = referenceEdges(ls, bins);
  const energy = (a: WeightedSample, b: WeightedSample) => Math.sqrt(2 * cdfDistancePower(a, b, 2));
  const distances: Record<Exclude<DistributionMetric, 'ks'>, BootstrapDistance> = {
    energy: { statistic: energy, deviation: energy },
    // The half-spread bound let W1 pass 6.7 % ± 0.8 at the boundary (n = 200 and 2,000, α = 0.05,
    // scripts/simulate.ts); its percentile bound holds α and still passes identical samples.
    wasserstein: { statistic: w1, deviation: w1, upper: 'percentile' },
    // PSI is not a metric: no triangle-inequality lower bound (lower = 0).
    psi: { statistic: (a, b) => psiOf(a, b, bins, 1e-4).value },
    // Jensen–Shannon distance is a metric on histograms; the one-sample deviations use the
    // original legacy's bins.
    jensenShannon: {
      statistic: (a, b) => {
        const edges = referenceEdges(a, bins);
        return jsDistanceNormalised(binProportions(a, edges), binProportions(b, edges), 1);
      },
      deviation: (r, o) => jsDistanceNormalised(binProportions(r, fixedEdges), binProportions(o, fixedEdges), 1),
    },
  };
  const boot = requested.filter((m) => m.metric !== 'ks').map((m) => distances[m.metric as Exclude<DistributionMetric, 'ks'>]);
  const observed = boot.map((d) => d.statistic(ls, ss));
  const large = l.length + s.length > SUBSAMPLE_ABOVE;
  let bounds: { lower: number; upper: number }[] = [];
  if (boot.length && !large) {
    bounds = boundsFromBootstrap(boot, observed, bootstrapTwoSampleDistributions(l, s, bootstrapStatistics(boot), { nResamples, seed }), alpha, 'spread');
  } else if (boot.length) {
    // m-out-of-n: the spread of T*_k scaled by √f approximates that of T_n; T ± the half-spread
    const fraction = SUBSAMPLE_SIZE / Math.max(l.length, s.length);
    const sorted = subsampleTwoSampleDistributions(ls, ss, boot.map((d) => d.statistic), { nResamples: Math.min(nResamples, SUBSAMPLE_RESAMPLES), seed, fraction });
    const scale = Math.sqrt(fraction);
    bounds = boot.map((_, k) => {
      const half = ((quantileSorted(sorted[k], 1 - alpha) - quantileSorted(sorted[k], alpha)) / 2) * scale;
      return { lower: Math.max(0, observed[k] - half), upper: observed[k] + half };
    });
    report.nResamples = Math.min(nResamples, SUBSAMPLE_RESAMPLES);
    report.subsample = { fraction, perResample: { legacy: Math.ceil(fraction * l.length), shadow: Math.ceil(fraction * s.length) } };
  }

  for (const m of requested) {
    const bound = o[m.option] as number;
    let statistic: number;
    let lower: number;
    let upper: number;
    if (m.metric === 'ks') {
      statistic = ksStatisticSorted(ss, ls);
      const eps = dkwEpsilon(l.length, alpha) + dkwEpsilon(s.length, alpha);
      [lower, upper] = [Math.max(0, statistic - eps), Math.min(1, statistic + eps)];
    } else {
      const k = boot.indexOf(distances[m.metric]);
      statistic = observed[k];
      ({ lower, upper } = bounds[k]);
    }
    const verdict: Verdict = upper <= bound ? 'pass' : lower > bound ? 'fail' : 'inconclusive';
    report.metrics.push({
      metric: m.metric,
      statistic,
      lower,
      upper,
      bound,
      method: m.metric === 'ks' ? 'DKW bound' : large ? 'm-out-of-n bootstrap' : 'bootstrap',
      verdict,
      ...(m.metric === 'ks' ? { passableAt: ksPassableAt(bound, alpha) } : {}),
    });
    const level = `${num(100 * (1 - alpha))}%`;
    if (verdict === 'fail') {
      reasons.push(r('DISTANCE_ABOVE_MAX', 'fail', m.option, `<= ${bound}`, statistic,
        `${m.name} ${num(statistic)} is shown to exceed ${num(bound)}: its ${level} lower bound is ${num(lower)}`));
    } else if (verdict === 'inconclusive') {
      const small = m.metric === 'ks' ? ksPassableAt(bound, alpha) : undefined;
      reasons.push(r('DISTANCE_NOT_SHOWN_WITHIN_MAX', 'inconclusive', m.option, `<= ${bound}`, upper,
        `${m.name} ${num(statistic)} has a ${level} upper bound of ${num(upper)}, above the maximum ${num(bound)}` +
          (small && Math.min(l.length, s.length) < small.identical
            ? ` (with ${Math.min(l.length, s.length)} values per side not even identical samples can pass ${num(bound)}: that needs ${small.identical} per side, and about ${small.sameDistribution80} for samples of one distribution to pass 80% of the time)`
            : '')));
    }
  }

  const edges = referenceEdges(ls, bins);
  const pl = binProportions(ls, edges);
  const ps = binProportions(ss, edges);
  const idx = Array.from(pl, (_, k) => k).sort((a, b) => Math.abs(ps[b] - pl[b]) - Math.abs(ps[a] - pl[a]) || a - b);
  report.worstBins = idx
    .filter((k) => ps[k] !== pl[k])
    .slice(0, 5)
    .map((k) => ({
      range: `${k === 0 ? '(−∞' : `(${num(edges[k - 1])}`}, ${k === edges.length ? '∞)' : `${num(edges[k])}]`}`,
      legacy: pl[k],
      shadow: ps[k],
    }));
  return finish(report);
}

function r(code: string, severity: Reason['severity'], subject: string, expected: Reason['expected'], received: Reason['received'], message: string): Reason {
  return { code, severity, subject, expected, received, message };
}

function finish(report: DistributionReport): DistributionReport {
  report.reasons = sortReasons(report.reasons);
  report.verdict = verdictOf(report.reasons);
  return report;
}
