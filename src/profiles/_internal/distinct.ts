/**
 * Distinct count as a mergeable accumulator: an exact set of values up to `limit`, then a
 * HyperLogLog fed with every value of the set (so the switch loses nothing).
 */
import { HLL_RELATIVE_ERROR, HyperLogLog } from './hyperLogLog.js';

/** The serialised state: the exact values, or the HyperLogLog registers. */
export type DistinctState = { exact: (string | number | boolean)[] } | { hll: string };

export class DistinctAccumulator {
  set: Set<unknown> | null = new Set();
  hll: HyperLogLog | null = null;
  constructor(readonly limit: number) {}
  add(v: unknown): void {
    const s = this.set;
    if (s !== null) {
      s.add(v);
      if (s.size > this.limit) this.toHll();
    } else this.hll!.add(v);
  }
  private toHll(): void {
    const h = new HyperLogLog();
    for (const v of this.set!) h.add(v);
    this.hll = h;
    this.set = null;
  }
  merge(o: DistinctAccumulator): void {
    if (this.set !== null && o.set !== null) {
      for (const v of o.set) this.set.add(v);
      if (this.set.size > this.limit) this.toHll();
      return;
    }
    if (this.set !== null) this.toHll();
    if (o.set !== null) for (const v of o.set) this.hll!.add(v);
    else this.hll!.merge(o.hll!);
  }
  /** { estimate, exact, relativeError } — relativeError is HLL's 1.04/√m when estimated, else 0. */
  value(): { estimate: number; exact: boolean; relativeError: number } {
    if (this.set !== null) return { estimate: this.set.size, exact: true, relativeError: 0 };
    return { estimate: Math.round(this.hll!.estimate()), exact: false, relativeError: HLL_RELATIVE_ERROR };
  }
  state(): DistinctState {
    if (this.set !== null) return { exact: [...this.set].map((v) => (typeof v === 'number' && !Number.isFinite(v) ? String(v) : (v as string))) };
    return { hll: this.hll!.toBase64() };
  }
  static from(state: DistinctState, limit: number): DistinctAccumulator {
    const d = new DistinctAccumulator(limit);
    if ('exact' in state) {
      d.set = new Set(state.exact);
      if (d.set.size > limit) d.toHll();
    } else {
      d.set = null;
      d.hll = HyperLogLog.fromBase64(state.hll);
    }
    return d;
  }
}
