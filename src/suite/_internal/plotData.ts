import { compileGetter } from '../../_internal/path.js';
import type { Row } from '../../dataset/toRows.js';

/** Two histograms on shared bins, legacy vs shadow: what the HTML report overlays. */
export interface HistogramPair {
  name: string;
  /** Bin edges, length bins + 1. */
  edges: number[];
  legacy: number[];
  shadow: number[];
}

/** Data for the HTML report's plots, attached to a suite test's meta. */
export interface PlotData {
  /** Distribution overlays of numeric fields and model outputs. */
  distributions?: HistogramPair[];
  /** Events per entity, legacy vs shadow. */
  sequenceLengths?: HistogramPair;
}

const BINS = 30;
const MAX_FIELDS = 6;

/** Histograms of two samples on the same equal-width bins over their joint finite range. */
export function histogramPair(name: string, legacy: ArrayLike<number>, shadow: ArrayLike<number>, bins = BINS): HistogramPair | undefined {
  let lo = Infinity;
  let hi = -Infinity;
  for (const xs of [legacy, shadow]) {
    for (let i = 0; i < xs.length; i++) {
      const v = xs[i];
      if (!Number.isFinite(v)) continue;
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
  }
  if (!(hi >= lo)) return undefined;
  const integers = [legacy, shadow].every((xs) => Array.prototype.every.call(xs, (v: number) => !Number.isFinite(v) || Number.isInteger(v)));
  let nb = bins;
  if (integers && hi - lo + 1 <= bins) nb = hi - lo + 1;
  const width = hi > lo ? (hi - lo + (integers && nb === hi - lo + 1 ? 1 : 0)) / nb : 1;
  const edges = Array.from({ length: nb + 1 }, (_, i) => lo + i * width);
  const count = (xs: ArrayLike<number>) => {
    const c = new Array<number>(nb).fill(0);
    for (let i = 0; i < xs.length; i++) {
      const v = xs[i];
      if (!Number.isFinite(v)) continue;
      c[Math.min(nb - 1, Math.floor((v - lo) / width))]++;
    }
    return c;
  };
  return { name, edges, legacy: count(legacy), shadow: count(shadow) };
}

/** Numbers read at a path (non-numbers skipped). */
export function numbersAt(rows: readonly Row[], path: string | ((row: Row) => unknown)): number[] {
  const get = typeof path === 'function' ? path : (compileGetter(path) as (row: Row) => unknown);
  const out: number[] = [];
  for (const r of rows) {
    const v = get(r);
    if (typeof v === 'number' && Number.isFinite(v)) out.push(v);
  }
  return out;
}

/**
 * Distribution overlays of the numeric top-level fields present on both sides (at most 6, key and
 * skip fields left out), chosen in name order.
 */
export function fieldDistributions(legacy: readonly Row[], shadow: readonly Row[], skip: ReadonlySet<string>): HistogramPair[] {
  const probe = legacy.slice(0, 200);
  const names = new Set<string>();
  for (const r of probe) for (const [k, v] of Object.entries(r)) if (typeof v === 'number' && !skip.has(k)) names.add(k);
  const out: HistogramPair[] = [];
  for (const name of [...names].sort().slice(0, MAX_FIELDS)) {
    const h = histogramPair(name, numbersAt(legacy, name), numbersAt(shadow, name));
    if (h) out.push(h);
  }
  return out;
}

/** Events per entity on each side, as a histogram pair. */
export function sequenceLengths(legacy: readonly Row[], shadow: readonly Row[], entity: string | ((row: Row) => unknown)): HistogramPair | undefined {
  const get = typeof entity === 'function' ? entity : (compileGetter(entity) as (row: Row) => unknown);
  const lengths = (rows: readonly Row[]) => {
    const m = new Map<unknown, number>();
    for (const r of rows) {
      const e = get(r);
      const k = typeof e === 'object' && e !== null ? JSON.stringify(e) : e;
      m.set(k, (m.get(k) ?? 0) + 1);
    }
    return [...m.values()];
  };
  return histogramPair('events per entity', lengths(legacy), lengths(shadow));
}
