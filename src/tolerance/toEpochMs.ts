import { dateEpochMs } from '../dataset/preciseDate.js';
/** How epoch numbers are read by time rules. */
export type EpochUnit = 's' | 'ms' | 'us' | 'ns';
const FACTOR: Record<EpochUnit, number> = { s: 1000, ms: 1, us: 1e-3, ns: 1e-6 };

// ISO 8601 / RFC 3339, extended format: date, optional time (T, t or one space), optional
// fraction of any length (, or .), optional zone Z / ±hh:mm / ±hhmm / ±hh.
const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?\s*(Z|z|[+-]\d{2}(?::?\d{2})?)?)?$/;
const DAYS = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * Reads an ISO 8601 time string as epoch milliseconds, independent of the machine's time zone,
 * or NaN when the string is not one of the accepted forms (see {@link toEpochMs}).
 *
 * @example
 * parseIsoTime('2024-03-31 02:30') // => 1711852200000 (naive: read as UTC)
 * parseIsoTime('03/31/2024 02:30') // => NaN (not ISO 8601: never guessed)
 */
export function parseIsoTime(s: string): number {
  const m = ISO.exec(s);
  if (m === null) return NaN;
  const year = +m[1];
  const month = +m[2];
  const day = +m[3];
  if (month < 1 || month > 12 || day < 1 || day > DAYS[month - 1]) return NaN;
  if (month === 2 && day === 29 && !(year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0))) return NaN;
  const hour = m[4] === undefined ? 0 : +m[4];
  const minute = m[5] === undefined ? 0 : +m[5];
  const second = m[6] === undefined ? 0 : +m[6];
  if (hour > 24 || minute > 59 || second > 59 || (hour === 24 && (minute > 0 || second > 0 || (m[7] !== undefined && /[1-9]/.test(m[7]))))) return NaN;
  // The fraction is kept to the microsecond (truncated), like a TIMESTAMP column.
  const fraction = m[7] === undefined ? 0 : Number(m[7].slice(0, 6).padEnd(6, '0')) / 1000;
  let offset = 0;
  const z = m[8];
  if (z !== undefined && z !== 'Z' && z !== 'z') {
    const sign = z[0] === '-' ? -1 : 1;
    const digits = z.slice(1).replace(':', '');
    const oh = +digits.slice(0, 2);
    const om = digits.length > 2 ? +digits.slice(2, 4) : 0;
    if (oh > 23 || om > 59) return NaN;
    offset = sign * (oh * 60 + om) * 60_000;
  }
  // Date.UTC maps years 0..99 to 1900..1999; setUTCFullYear does not.
  const d = new Date(Date.UTC(2000, month - 1, day));
  d.setUTCFullYear(year);
  return d.getTime() + ((hour * 60 + minute) * 60 + second) * 1000 + fraction - offset;
}

/**
 * Reads a time value as epoch milliseconds, or NaN when it is not a time. Deterministic: the
 * result never depends on the machine's time zone.
 * - numbers are epoch values in `unit` (default milliseconds); ±Infinity stays infinite;
 * - Dates by their time (a PreciseDate with its microseconds as a fraction);
 * - strings only in ISO 8601 / RFC 3339 extended form: `YYYY-MM-DD`, then optionally `T`, `t` or
 *   a space and `hh:mm`, `:ss`, a fraction of any length (`.` or `,`; kept to the microsecond,
 *   truncated), and a zone `Z`, `±hh:mm`,
 *   `±hhmm` or `±hh`. A string with a zone is converted by it; a time-zone-naive string
 *   (`2024-03-31T02:30:00`) is read as UTC, never as local time. Any other string (`03/31/2024`,
 *   `Mar 31 2024`, epoch digits) is NaN: it is never guessed.
 *
 * @example
 * toEpochMs('2024-01-01T01:00:00+01:00') === toEpochMs('2024-01-01T00:00:00Z') // => true
 * toEpochMs('2024/01/01 00:00') // => NaN
 */
export function toEpochMs(value: unknown, unit: EpochUnit = 'ms'): number {
  if (typeof value === 'number') return value * FACTOR[unit];
  if (value instanceof Date) return dateEpochMs(value);
  if (typeof value === 'string') return parseIsoTime(value);
  return NaN;
}
