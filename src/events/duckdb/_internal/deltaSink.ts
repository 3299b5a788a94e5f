import type { DuckDBVector } from '@duckdb/node-api';

/** Entries of each field's array kept touched ahead of its end (1 MB): see DeltaSink.touchAhead. */
const AHEAD = 1 << 17;
/** Float64 entries per 4 KB memory page. */
const PAGE = 512;

/**
 * The finite |delta| values of the numeric fields, streamed from DuckDB by a collector function
 * (one call per chunk of the join) into one typed array per field, for compareEvents' own
 * statistics (deltaStats: exact p50/p99 by selection, compensated mean). DuckDB's quantile_cont
 * on the same values costs about 10× as much (it keeps and sorts a vector per thread).
 */
export class DeltaSink {
  /** Per field: its nonzero |delta| values, in lengths[k] entries; zeros[k] deltas of 0 are counted only. */
  readonly values: Float64Array[];
  readonly lengths: number[];
  readonly zeros: number[];
  /** Rows received (every chunk's rows, whatever their values). */
  rows = 0;
  /** Per field: the entries of its array whose memory pages have been written. */
  private readonly touched: number[];
  private scheduled = false;
  /** touchAhead bound once (the collector schedules it after its calls: no closure per call). */
  private readonly touch = (): void => this.touchAhead();

  /** `fields`: the number of delta columns; `expected`: values expected per field (arrays grow past it). */
  constructor(fields: number, expected: number) {
    const size = Math.max(16, expected);
    this.values = Array.from({ length: fields }, () => new Float64Array(size));
    this.lengths = new Array<number>(fields).fill(0);
    this.zeros = new Array<number>(fields).fill(0);
    this.touched = new Array<number>(fields).fill(0);
  }

  /**
   * Appends |x| for each finite nonzero item of each vector and counts the zeros (equal pairs:
   * a field that rarely changes takes no memory); a NULL arrives as NaN and is left out, as are
   * infinities.
   */
  add(vectors: readonly DuckDBVector[], n: number): void {
    this.rows += n;
    for (let k = 0; k < vectors.length; k++) {
      let out = this.values[k];
      let len = this.lengths[k];
      if (len + n > out.length) {
        const next = new Float64Array(Math.max(2 * out.length, len + n));
        next.set(out.subarray(0, len));
        this.values[k] = out = next;
        this.touched[k] = len;
      }
      // The items' typed array where the binding exposes it (a view of the chunk), else read item by item.
      const v = vectors[k];
      const view = (v as unknown as { items?: Float64Array }).items;
      const items = view instanceof Float64Array && view.length >= n ? view : Float64Array.from({ length: n }, (_, r) => (v.getItem(r) as number | null) ?? NaN);
      let z = 0;
      for (let r = 0; r < n; r++) {
        const d = items[r];
        if (d === 0) z++;
        else if (d - d === 0) out[len++] = Math.abs(d);
      }
      this.lengths[k] = len;
      this.zeros[k] += z;
    }
    if (!this.scheduled) {
      this.scheduled = true;
      setImmediate(this.touch);
    }
  }

  /**
   * Writes a zero into each not yet written memory page of the next AHEAD entries of every
   * array, between the collector's calls. A fresh page costs its first write a page fault (about
   * 11 µs on the 2-core VM of docs/engines.md: 0.45 s for 20M values), which inside a call is
   * time every DuckDB thread waits for; here the JS thread takes it while they run. The entries
   * past a field's end are unused zeros, so writing zeros there changes nothing.
   */
  private touchAhead(): void {
    this.scheduled = false;
    for (let k = 0; k < this.values.length; k++) {
      const out = this.values[k];
      const end = Math.min(out.length, this.lengths[k] + AHEAD);
      let i = Math.max(this.touched[k], this.lengths[k]);
      for (; i < end; i += PAGE) out[i] = 0;
      this.touched[k] = Math.max(this.touched[k], Math.min(i, out.length));
    }
  }
}
