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
  /** Category → its slot in `n`. */
  private readonly index = new Map<string, number>();
  /** Count per slot (one map lookup per add: no get-then-set). */
  private n = new Float64Array(64);
  private readonly free: number[] = [];
  private used = 0;
  private scratch = new Float64Array(0);
  decrement = 0;
  constructor(readonly k: number) {}
  add(v: string, w = 1): void {
    const slot = this.index.get(v);
    if (slot !== undefined) this.n[slot] += w;
    else {
      this.put(v, w);
      if (this.index.size > 2 * this.k) this.reduce();
    }
  }
  /** Adds a category not held yet. */
  private put(v: string, w: number): void {
    let slot = this.free.pop();
    if (slot === undefined) {
      if (this.used === this.n.length) {
        const grown = new Float64Array(this.n.length * 2);
        grown.set(this.n);
        this.n = grown;
      }
      slot = this.used++;
    }
    this.n[slot] = w;
    this.index.set(v, slot);
  }
  private reduce(): void {
    const m = this.index;
    if (m.size <= this.k) return;
    // The (k+1)-th largest count by selection (the same value a descending sort puts at index k):
    // this ran ~500 times on a column of 5,000 categories and dominated profiling it.
    const n = this.n;
    let vals = this.scratch;
    if (vals.length < m.size) vals = this.scratch = new Float64Array(m.size * 2);
    let i = 0;
    m.forEach((slot) => {
      vals[i++] = n[slot];
    });
    const c = kthLargest(vals, i, this.k);
    this.decrement += c;
    const free = this.free;
    m.forEach((slot, v) => {
      const x = n[slot];
      if (x <= c) {
        m.delete(v);
        free.push(slot);
      } else n[slot] = x - c;
    });
  }
  merge(o: CategoryAccumulator): void {
    o.index.forEach((slot, v) => {
      const mine = this.index.get(v);
      if (mine !== undefined) this.n[mine] += o.n[slot];
      else this.put(v, o.n[slot]);
    });
    this.decrement += o.decrement;
    if (this.index.size > 2 * this.k) this.reduce();
  }
  /** Whether the counts are exact. */
  get exact(): boolean {
    return this.decrement === 0;
  }
  state(): CategoryState {
    const counts: [string, number][] = [];
    this.index.forEach((slot, v) => {
      counts.push([v, this.n[slot]]);
    });
    counts.sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
    return { counts, decrement: this.decrement };
  }
  static from(s: CategoryState, k: number): CategoryAccumulator {
    const a = new CategoryAccumulator(k);
    for (const [v, n] of s.counts) {
      const slot = a.index.get(v);
      if (slot !== undefined) a.n[slot] = n;
      else a.put(v, n);
    }
    a.decrement = s.decrement;
    return a;
  }
}

/**
 * The element a descending sort of `a[0..n)` puts at index `k` (0 ≤ k < n), by Hoare's selection
 * in place (expected O(n)); `a` is reordered.
 */
function kthLargest(a: Float64Array, n: number, k: number): number {
  let lo = 0;
  let hi = n - 1;
  while (lo < hi) {
    const pivot = a[(lo + hi) >>> 1];
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (a[i] > pivot) i++;
      while (a[j] < pivot) j--;
      if (i <= j) {
        const t = a[i];
        a[i] = a[j];
        a[j] = t;
        i++;
        j--;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return a[k];
  }
  return a[k];
}
