const NAIVE_ISO = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/;

/** How epoch numbers are read by time rules. */
export type EpochUnit = 's' | 'ms' | 'us' | 'ns';
const FACTOR: Record<EpochUnit, number> = { s: 1000, ms: 1, us: 1e-3, ns: 1e-6 };

/**
 * Reads a time value as epoch milliseconds, or NaN when it is not a time:
 * - numbers are epoch values in `unit` (default milliseconds);
 * - Dates by their time;
 * - ISO 8601 strings; a string with an offset or `Z` is converted by it, a time-zone-naive
 *   string (`2024-03-31T02:30:00`) is read as UTC, never as the machine's local time.
 *
 * @example
 * toEpochMs('2024-01-01T01:00:00+01:00') === toEpochMs('2024-01-01T00:00:00Z') // => true
 */
export function toEpochMs(value: unknown, unit: EpochUnit = 'ms'): number {
  if (typeof value === 'number') return value * FACTOR[unit];
  if (value instanceof Date) return value.getTime();
  if (typeof value === 'string') {
    if (NAIVE_ISO.test(value)) return Date.parse(`${value.replace(' ', 'T')}Z`);
    return Date.parse(value);
  }
  return NaN;
}
