/**
 * One reusable block of memory for the large short-lived typed arrays of a comparison: the join's
 * fingerprints, then the compared fields' |delta| buffers, in the same bytes.
 *
 * Why: V8 counts every ArrayBuffer allocated since its last full collection against the old
 * generation's limit, and past 64 MB of them it starts one anyway. A full collection marks the
 * caller's whole heap (the rows under comparison): 0.6 s for a million events in memory order,
 * about 2 s when the array is shuffled. Taking the fingerprints and the deltas from one block
 * halves what a comparison allocates, so a million-event comparison stays under those limits.
 *
 * `take` hands out consecutive regions of the block (8-byte aligned); `reset` makes the whole
 * block available again, so everything taken before must be dead by then. A request beyond the
 * block's end gets a fresh buffer of its own.
 *
 * @example
 * const s = new Scratch(1024);
 * const a = s.int32(10);   // bytes 0-39
 * s.reset();
 * const d = s.float64(5);  // the same bytes again
 */
export class Scratch {
  private buf: ArrayBuffer;
  private used = 0;

  constructor(bytes: number) {
    this.buf = new ArrayBuffer(bytes);
  }

  private take(bytes: number): [ArrayBuffer, number] {
    const at = this.used;
    const end = at + ((bytes + 7) & ~7);
    if (end > this.buf.byteLength) return [new ArrayBuffer(bytes), 0];
    this.used = end;
    return [this.buf, at];
  }

  /** An Int32Array of `n` entries (not cleared: write before reading). */
  int32(n: number): Int32Array {
    const [b, at] = this.take(n * 4);
    return new Int32Array(b, at, n);
  }

  /** A Float64Array of `n` entries (not cleared: write before reading). */
  float64(n: number): Float64Array {
    const [b, at] = this.take(n * 8);
    return new Float64Array(b, at, n);
  }

  reset(): void {
    this.used = 0;
  }
}
