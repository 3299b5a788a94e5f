import { addRunningAbs, runningAbs, type RunningAbs } from '../../_internal/summariseEvidence.js';

/**
 * Below this share of a chunk's rows, a field's nonzero values are copied out of the chunk's
 * array rather than kept in it (a field that rarely changes then holds about 8 bytes per
 * change, not per row).
 */
const SPARSE = 0.25;

/**
 * The finite |delta| values of the numeric fields, streamed from DuckDB by a collector function
 * (one call per chunk of the join, see registerCollector), for compareEvents' own statistics
 * (deltaStatsOfParts: exact p50/p99 by selection, compensated mean). DuckDB's quantile_cont on
 * the same values costs about 10× as much (it keeps and sorts a vector per thread).
 *
 * Each chunk's column arrives as an array the collector owns (the binding's copy): the field's
 * nonzero finite |delta| values are moved to its front and the array kept (its front) as one
 * part of the field, so no value is copied again and no array of every value is allocated. A
 * growing array per field (the previous sink) cost each of its fresh memory pages a fault on
 * first write, about 11 µs each on the 2-core VM of docs/engines.md (0.45 s for 20M values), and
 * a copy of every chunk's values costs about as much again in fresh memory.
 */
export class DeltaSink {
  /** Per field: its nonzero |delta| values, in parts (lengths[k] values over all of them). */
  readonly parts: Float64Array[][];
  readonly lengths: number[];
  /** Per field: its deltas of 0, counted only. */
  readonly zeros: number[];
  /**
   * Per field: the sum, maximum and bucket counts of its parts so far (deltaStatsOfParts takes
   * them), added while each chunk's values are still in cache, so that only the selection is
   * left after the pass: 10M × 10M Parquet took 9.48 s against 9.83 s (docs/engines.md).
   */
  readonly running: RunningAbs[];
  /** Rows received (every chunk's rows, whatever their values). */
  rows = 0;

  /** `fields`: the number of delta columns. */
  constructor(fields: number) {
    this.parts = Array.from({ length: fields }, () => []);
    this.lengths = new Array<number>(fields).fill(0);
    this.zeros = new Array<number>(fields).fill(0);
    this.running = Array.from({ length: fields }, runningAbs);
  }

  /**
   * Takes one chunk: per field, |x| for each finite nonzero item (moved to the front of its
   * array, which the sink keeps) and a count of the zeros; a NULL arrives as NaN and is left
   * out, as are infinities.
   */
  add(columns: readonly Float64Array[], n: number): void {
    this.rows += n;
    for (let k = 0; k < columns.length; k++) {
      const x = columns[k];
      let len = 0;
      let z = 0;
      for (let r = 0; r < n; r++) {
        const d = x[r];
        if (d === 0) z++;
        else if (d - d === 0) x[len++] = d < 0 ? -d : d;
      }
      this.zeros[k] += z;
      if (len === 0) continue;
      const part = len < SPARSE * n ? x.slice(0, len) : x.subarray(0, len);
      addRunningAbs(this.running[k], part, this.parts[k]);
      this.parts[k].push(part);
      this.lengths[k] += len;
    }
  }
}
