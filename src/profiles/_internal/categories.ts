/**
 * Category counts as a mergeable summary: exact counts while at most `k` categories are held,
 * then the Misra–Gries summary (Misra & Gries 1982; mergeable per Agarwal et al. 2012): when more
 * than 2k are held, the (k+1)-th largest count c is subtracted from every counter and counters
 * ≤ 0 are dropped. Each count then underestimates by at most `decrement`, the total subtracted,
 * which is ≤ n/(k + 1).
 */
export interface CategoryState {
  /** [value, count] pairs, largest first. */
  counts: [string, number][];
  /** Total subtracted from every counter (0: counts are exact). */
  decrement: number;
}

export class CategoryAccumulator {
  counts = new Map<string, number>();
  decrement = 0;
  constructor(readonly k: number) {}
  add(v: string, w = 1): void {
    const m = this.counts;
    const c = m.get(v);
    if (c !== undefined) m.set(v, c + w);
    else {
      m.set(v, w);
      if (m.size > 2 * this.k) this.reduce();
    }
  }
  private reduce(): void {
    if (this.counts.size <= this.k) return;
    const sorted = [...this.counts.values()].sort((a, b) => b - a);
    const c = sorted[this.k];
    this.decrement += c;
    for (const [v, n] of this.counts) {
      if (n <= c) this.counts.delete(v);
      else this.counts.set(v, n - c);
    }
  }
  merge(o: CategoryAccumulator): void {
    for (const [v, n] of o.counts) this.counts.set(v, (this.counts.get(v) ?? 0) + n);
    this.decrement += o.decrement;
    if (this.counts.size > 2 * this.k) this.reduce();
  }
  /** Whether the counts are exact. */
  get exact(): boolean {
    return this.decrement === 0;
  }
  state(): CategoryState {
    const counts = [...this.counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
    return { counts, decrement: this.decrement };
  }
  static from(s: CategoryState, k: number): CategoryAccumulator {
    const a = new CategoryAccumulator(k);
    for (const [v, n] of s.counts) a.counts.set(v, n);
    a.decrement = s.decrement;
    return a;
  }
}
