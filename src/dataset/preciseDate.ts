/**
 * A timestamp finer than a millisecond: what loadDataset (and the DuckDB engines) read from a
 * Parquet `TIMESTAMP(MICROS)` or `TIMESTAMP(NANOS)` column. A JavaScript Date holds milliseconds
 * only, so reading such a column as plain Dates made 10:00:00.000100 and 10:00:00.000900 the same
 * value: a shadow that truncates microseconds passed in memory and failed on DuckDB.
 */

/** Nanoseconds in a millisecond. */
const NS_PER_MS = 1_000_000;

/**
 * A `Date` that also keeps the part of its time below the millisecond (a Parquet timestamp in
 * microseconds or nanoseconds). It is a Date for every Date method (`getTime()` is the millisecond
 * at or before it); the comparisons of this library (default equality, keys, time rules, sequence
 * order) use the whole time, and `toISOString()` prints the fraction digits it needs.
 *
 * @example
 * const a = PreciseDate.fromMicros(1_704_067_200_000_100n); // 2024-01-01T00:00:00.000100Z
 * const b = PreciseDate.fromMicros(1_704_067_200_000_900n);
 * a.getTime() === b.getTime(); // => true (the same millisecond)
 * compareEvents([{ id: 1, ts: a }], [{ id: 1, ts: b }], { key: 'id' }).verdict; // => 'fail'
 * a.toISOString(); // => '2024-01-01T00:00:00.000100Z'
 * a.epochMs(); // => 1704067200000.1
 */
export class PreciseDate extends Date {
  /** Nanoseconds past `getTime()`'s millisecond, 0 to 999,999. */
  readonly subMillisecondNanos: number;

  /**
   * @param epochMs - the millisecond at or before the time (an integer)
   * @param subMillisecondNanos - nanoseconds past it, an integer in [0, 999999]
   */
  constructor(epochMs: number, subMillisecondNanos: number) {
    super(epochMs);
    if (!Number.isInteger(subMillisecondNanos) || subMillisecondNanos < 0 || subMillisecondNanos >= NS_PER_MS) {
      throw new RangeError(`PreciseDate: subMillisecondNanos must be an integer in [0, 999999], got ${subMillisecondNanos}`);
    }
    this.subMillisecondNanos = subMillisecondNanos;
  }

  /**
   * The time of a count of microseconds since 1970-01-01T00:00:00Z (a Parquet `TIMESTAMP(MICROS)`).
   *
   * @example
   * PreciseDate.fromMicros(-1n).toISOString(); // => '1969-12-31T23:59:59.999999Z'
   */
  static fromMicros(micros: bigint): PreciseDate {
    const x = Number(micros);
    if (Number.isSafeInteger(x)) {
      // Exact in doubles (years 1685 to 2255): no BigInt arithmetic per value.
      // Math.floor(x / 1000) is exact here: a quotient that is not an integer lies at least 0.001
      // from one, and below 2^43 half a double's step is at most 2^-10 < 0.001.
      const ms = Math.floor(x / 1000);
      return new PreciseDate(ms, (x - ms * 1000) * 1000);
    }
    const ms = floorDiv(micros, 1000n);
    return new PreciseDate(Number(ms), Number(micros - ms * 1000n) * 1000);
  }

  /**
   * The time of a count of nanoseconds since 1970-01-01T00:00:00Z (a Parquet `TIMESTAMP(NANOS)`).
   *
   * @example
   * PreciseDate.fromNanos(1_704_067_200_000_000_001n).toISOString(); // => '2024-01-01T00:00:00.000000001Z'
   */
  static fromNanos(nanos: bigint): PreciseDate {
    const ms = floorDiv(nanos, 1_000_000n);
    return new PreciseDate(Number(ms), Number(nanos - ms * 1_000_000n));
  }

  /**
   * ISO 8601 with the digits the time needs: 3 fraction digits as a Date prints them when it
   * falls on a millisecond, 6 on a microsecond, else 9 (so the same time prints alike whether
   * it was read as microseconds or nanoseconds).
   */
  override toISOString(): string {
    const s = super.toISOString();
    const n = this.subMillisecondNanos;
    if (n === 0) return s;
    const extra = n % 1000 === 0 ? String(n / 1000).padStart(3, '0') : String(n).padStart(6, '0');
    return `${s.slice(0, -1)}${extra}Z`;
  }

  /** How Node's console.log and util.inspect show it (they would print a Date's milliseconds only). */
  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return `PreciseDate ${this.toISOString()}`;
  }

  /** The same text as toISOString (what JSON.stringify writes). */
  override toJSON(): string {
    return this.toISOString();
  }

  /**
   * Epoch milliseconds with the microseconds as a fraction (nanoseconds below the microsecond
   * truncated): the double DuckDB's `epoch_us(ts) / 1000.0` gives, which is what the time rules
   * of both engines compare.
   *
   * @example
   * PreciseDate.fromMicros(1_500n).epochMs(); // => 1.5
   */
  epochMs(): number {
    const us = this.getTime() * 1000 + Math.floor(this.subMillisecondNanos / 1000);
    return Number.isSafeInteger(us) ? us / 1000 : Number(BigInt(this.getTime()) * 1000n + BigInt(Math.floor(this.subMillisecondNanos / 1000))) / 1000;
  }
}

function floorDiv(a: bigint, b: bigint): bigint {
  const q = a / b;
  return a % b !== 0n && a < 0n !== b < 0n ? q - 1n : q;
}

/** Nanoseconds past a Date's millisecond: 0 for a plain Date. */
export function subMillisecondNanos(d: Date): number {
  return d instanceof PreciseDate ? d.subMillisecondNanos : 0;
}

/** Epoch ms of a Date, with a PreciseDate's microseconds as a fraction (see PreciseDate.epochMs). */
export function dateEpochMs(d: Date): number {
  return d instanceof PreciseDate ? d.epochMs() : d.getTime();
}

/** Whether two Dates are the same time, to the nanosecond (an invalid Date equals an invalid Date). */
export function sameDate(a: Date, b: Date): boolean {
  const ta = a.getTime();
  const tb = b.getTime();
  return (ta === tb && subMillisecondNanos(a) === subMillisecondNanos(b)) || (ta !== ta && tb !== tb);
}

/** A text of a Date's time that tells apart every two different times (ms, then `.ns` when nonzero). */
export function dateText(d: Date): string {
  const n = subMillisecondNanos(d);
  return n === 0 ? String(d.getTime()) : `${d.getTime()}.${String(n).padStart(6, '0')}`;
}
