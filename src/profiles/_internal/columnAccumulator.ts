/** The accumulator of one column: counts, moments, sketch, distinct values and categories. */
import type { DDSketch } from '@datadog/sketches-js';
import { CategoryAccumulator } from './categories.js';
import { DistinctAccumulator } from './distinct.js';
import { addMoment, emptyMoments, mergeMoments, sampleVariance, type MomentsState } from './moments.js';
import { mergeSketch, newSketch, sketchFrom, sketchState, bucketsInOrder } from './sketch.js';
import type { ColumnProfile, ColumnState, NonFiniteKinds, NumericSummary, ValueType } from '../types.js';
import { dateEpochMs } from '../../dataset/preciseDate.js';

export interface Settings {
  relativeAccuracy: number;
  distinctLimit: number;
  maxCategories: number;
  quantiles: number[];
  histogramBins: number;
}

export class ColumnAccumulator {
  present = 0;
  nulls = 0;
  nNumber = 0;
  nString = 0;
  nBoolean = 0;
  nObject = 0;
  nonFinite = 0;
  /** By kind; null once merged with (or restored from) a state that did not count them. */
  kinds: NonFiniteKinds | null = { nan: 0, infinity: 0, negativeInfinity: 0 };
  moments: MomentsState = emptyMoments();
  sketch: DDSketch | null = null;
  distinct: DistinctAccumulator;
  categories: CategoryAccumulator;
  constructor(readonly settings: Settings) {
    this.distinct = new DistinctAccumulator(settings.distinctLimit);
    this.categories = new CategoryAccumulator(settings.maxCategories);
  }

  /** Adds one value read from a row (undefined = missing: not counted as present). */
  add(v: unknown): void {
    if (v === undefined) return;
    this.present++;
    if (v === null) {
      this.nulls++;
      return;
    }
    // A Date (a timestamp of Parquet, a PreciseDate to the µs) is a number: its epoch ms.
    if (typeof v === 'object' && v instanceof Date) v = dateEpochMs(v);
    switch (typeof v) {
      case 'number':
        this.nNumber++;
        this.distinct.add(v);
        if (v - v === 0) {
          addMoment(this.moments, v);
          (this.sketch ??= newSketch(this.settings.relativeAccuracy)).accept(v);
        } else this.addNonFinite(v, 1);
        return;
      case 'string':
        this.nString++;
        this.distinct.add(v);
        this.categories.add(v);
        return;
      case 'boolean':
        this.nBoolean++;
        this.distinct.add(v);
        this.categories.add(v ? 'true' : 'false');
        return;
      case 'bigint': {
        // Counted as a number; in the moments and sketch as the nearest double (relative error
        // ≤ 2⁻⁵³, far below the sketch's accuracy) when it fits in one, else only counted.
        this.nNumber++;
        this.distinct.add(String(v));
        const x = Number(v);
        if (x - x === 0) {
          addMoment(this.moments, x);
          (this.sketch ??= newSketch(this.settings.relativeAccuracy)).accept(x);
        }
        return;
      }
      default:
        this.nObject++;
    }
  }

  /**
   * Adds one distinct value seen `w` times (the SQL path: a value histogram per column). Equal to
   * `w` calls of add(v) for counts, distinct values, categories and the sketch; the moments merge
   * the group {n: w, mean: v, M2: 0} by Chan et al. (equal within rounding).
   */
  addWeighted(v: unknown, w: number): void {
    if (v === undefined || w <= 0) return;
    this.present += w;
    if (v === null) {
      this.nulls += w;
      return;
    }
    if (typeof v === 'object' && v instanceof Date) v = dateEpochMs(v);
    switch (typeof v) {
      case 'number':
        this.nNumber += w;
        this.distinct.add(v);
        if (v - v === 0) {
          mergeMoments(this.moments, { n: w, mean: v, m2: 0, min: v, max: v });
          (this.sketch ??= newSketch(this.settings.relativeAccuracy)).accept(v, w);
        } else this.addNonFinite(v, w);
        return;
      case 'string':
        this.nString += w;
        this.distinct.add(v);
        this.categories.add(v, w);
        return;
      case 'boolean':
        this.nBoolean += w;
        this.distinct.add(v);
        this.categories.add(v ? 'true' : 'false', w);
        return;
      case 'bigint': {
        this.nNumber += w;
        this.distinct.add(String(v));
        const x = Number(v);
        if (x - x === 0) {
          mergeMoments(this.moments, { n: w, mean: x, m2: 0, min: x, max: x });
          (this.sketch ??= newSketch(this.settings.relativeAccuracy)).accept(x, w);
        }
        return;
      }
      default:
        this.nObject += w;
    }
  }

  private addNonFinite(v: number, w: number): void {
    this.nonFinite += w;
    if (this.kinds) {
      if (v !== v) this.kinds.nan += w;
      else if (v > 0) this.kinds.infinity += w;
      else this.kinds.negativeInfinity += w;
    }
  }

  merge(o: ColumnAccumulator): void {
    this.present += o.present;
    this.nulls += o.nulls;
    this.nNumber += o.nNumber;
    this.nString += o.nString;
    this.nBoolean += o.nBoolean;
    this.nObject += o.nObject;
    this.nonFinite += o.nonFinite;
    if (this.kinds && o.kinds) {
      this.kinds.nan += o.kinds.nan;
      this.kinds.infinity += o.kinds.infinity;
      this.kinds.negativeInfinity += o.kinds.negativeInfinity;
    } else this.kinds = null;
    mergeMoments(this.moments, o.moments);
    if (o.sketch) {
      if (!this.sketch) this.sketch = newSketch(this.settings.relativeAccuracy);
      mergeSketch(this.sketch, o.sketch);
    }
    this.distinct.merge(o.distinct);
    this.categories.merge(o.categories);
  }

  state(): ColumnState {
    return {
      present: this.present,
      nulls: this.nulls,
      types: { number: this.nNumber, string: this.nString, boolean: this.nBoolean, object: this.nObject },
      nonFinite: this.nonFinite,
      ...(this.kinds ? { nonFiniteKinds: { ...this.kinds } } : {}),
      moments: { ...this.moments },
      sketch: this.sketch ? sketchState(this.sketch, this.settings.relativeAccuracy) : null,
      distinct: this.distinct.state(),
      categories: this.categories.state(),
    };
  }

  static from(s: ColumnState, settings: Settings): ColumnAccumulator {
    const a = new ColumnAccumulator(settings);
    a.present = s.present;
    a.nulls = s.nulls;
    a.nNumber = s.types.number;
    a.nString = s.types.string;
    a.nBoolean = s.types.boolean;
    a.nObject = s.types.object;
    a.nonFinite = s.nonFinite;
    a.kinds = kindsFrom(s);
    // M2 past the double range (Infinity) is stored as JSON's null: Infinity again, not 0.
    a.moments = { ...s.moments, m2: s.moments.m2 ?? Infinity, min: s.moments.n ? s.moments.min : Infinity, max: s.moments.n ? s.moments.max : -Infinity };
    a.sketch = s.sketch ? sketchFrom(s.sketch, a.moments.min, a.moments.max, a.moments.mean * a.moments.n) : null;
    a.distinct = DistinctAccumulatorFrom(s, settings);
    a.categories = CategoryAccumulator.from(s.categories, settings.maxCategories);
    return a;
  }

  value(rows: number): ColumnProfile {
    const types = { number: this.nNumber, string: this.nString, boolean: this.nBoolean, object: this.nObject };
    let type: ValueType | 'empty' = 'empty';
    let best = 0;
    for (const t of ['number', 'string', 'boolean', 'object'] as const) if (types[t] > best) [type, best] = [t, types[t]];
    const col: ColumnProfile = {
      present: this.present,
      missing: rows - this.present,
      nulls: this.nulls,
      nullRate: rows ? this.nulls / rows : 0,
      type,
      types,
      distinct: this.distinct.value(),
      state: this.state(),
    };
    if (this.moments.n > 0 && this.sketch) col.numeric = numericSummary(this.moments, this.sketch, this.settings);
    const cn = this.nString + this.nBoolean;
    if (cn > 0) {
      const st = col.state.categories;
      col.categories = {
        n: cn,
        exact: st.decrement === 0,
        maxUndercount: st.decrement,
        top: st.counts.slice(0, 10).map(([value, count]) => ({ value, count, share: count / cn })),
      };
    }
    return col;
  }
}

/** The kinds of a stored state, or null when it has none (stored before they were counted). */
function kindsFrom(s: ColumnState): NonFiniteKinds | null {
  const k = s.nonFiniteKinds;
  return k === undefined ? null : { nan: k.nan, infinity: k.infinity, negativeInfinity: k.negativeInfinity };
}

function DistinctAccumulatorFrom(s: ColumnState, settings: Settings): DistinctAccumulator {
  return DistinctAccumulator.from(s.distinct, settings.distinctLimit);
}

function numericSummary(m: MomentsState, sk: DDSketch, settings: Settings): NumericSummary {
  const quantiles: Record<string, number> = {};
  for (const q of settings.quantiles) quantiles[String(q)] = clamp(sk.getValueAtQuantile(q), m.min, m.max);
  return {
    n: m.n,
    min: m.min,
    max: m.max,
    mean: m.mean,
    variance: sampleVariance(m),
    quantiles,
    histogram: histogramOf(sk, m.min, m.max, settings.histogramBins),
  };
}

function clamp(x: number, lo: number, hi: number): number {
  return x < lo ? lo : x > hi ? hi : x;
}

/** Equal-width histogram from the sketch's buckets (each bucket counted at its representative value). */
function histogramOf(sk: DDSketch, min: number, max: number, bins: number): { edges: number[]; counts: number[] } {
  if (!(max > min)) return { edges: [min, max], counts: [sk.count] };
  const w = (max - min) / bins;
  const edges = Array.from({ length: bins + 1 }, (_, i) => (i === bins ? max : min + i * w));
  const counts = new Array<number>(bins).fill(0);
  const B = 2 ** 40;
  for (const [o, c] of bucketsInOrder(sk)) {
    const v = o === 0 ? 0 : o > 0 ? sk.mapping.value(o - B) : -sk.mapping.value(-B - o);
    const i = Math.min(bins - 1, Math.max(0, Math.floor((clamp(v, min, max) - min) / w)));
    counts[i] += c;
  }
  return { edges, counts };
}
