import { ShadowOptionError, describeValue } from '../_internal/options.js';

const UNITS: Record<string, number> = { us: 0.001, µs: 0.001, ms: 1, s: 1000, m: 60_000, min: 60_000, h: 3_600_000, d: 86_400_000 };

/**
 * Parses a duration into milliseconds: a number is taken as milliseconds; a string is a
 * number followed by a unit: `us`, `ms`, `s`, `m`/`min`, `h` or `d` (`'2s'`, `'1.5h'`, `'250ms'`).
 *
 * @param fn - the calling function, named in the error
 * @param path - the option path, named in the error
 * @example
 * parseDuration('compareEvents', 'fields.ts.time', '2s') // => 2000
 */
export function parseDuration(fn: string, path: string, value: unknown): number {
  if (typeof value === 'number' && Number.isFinite(value) && value >= 0) return value;
  if (typeof value === 'string') {
    const m = /^\s*(\d+(?:\.\d+)?)\s*(us|µs|ms|s|min|m|h|d)\s*$/.exec(value);
    if (m) return Number(m[1]) * UNITS[m[2]];
  }
  throw new ShadowOptionError(
    `${fn}: ${path} must be a duration in milliseconds (a finite number >= 0) or a string like '500ms', '2s', '1h', got ${describeValue(value)}`,
  );
}
