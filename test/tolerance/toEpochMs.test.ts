import { describe, expect, test } from 'vitest';
import { parseIsoTime, toEpochMs } from '../../src/tolerance/toEpochMs.js';

// Expected instants are built with Date.UTC from the written fields, not by the parser under test.
const U = (y: number, mo: number, d: number, h = 0, mi = 0, s = 0, ms = 0) => Date.UTC(y, mo - 1, d, h, mi, s, ms);

describe('toEpochMs: ISO 8601 / RFC 3339 strings, read the same in every time zone', () => {
  const accepted: [string, number][] = [
    ['2024-03-10', U(2024, 3, 10)],
    ['2024-03-10T02:30', U(2024, 3, 10, 2, 30)],
    ['2024-03-10 02:30:15', U(2024, 3, 10, 2, 30, 15)],
    ['2024-03-10t02:30:15Z', U(2024, 3, 10, 2, 30, 15)],
    ['2024-03-10T02:30:15.5Z', U(2024, 3, 10, 2, 30, 15, 500)],
    ['2024-03-10T02:30:15,25Z', U(2024, 3, 10, 2, 30, 15, 250)],
    ['2024-03-10T02:30:15.123456Z', U(2024, 3, 10, 2, 30, 15, 123) + 0.456],
    ['2024-03-10T02:30:15.1234567Z', U(2024, 3, 10, 2, 30, 15, 123) + 0.456],
    ['2024-03-10T02:30:00+05:30', U(2024, 3, 9, 21, 0)],
    ['2024-03-10T02:30:00+0530', U(2024, 3, 9, 21, 0)],
    ['2024-03-10T02:30:00-05', U(2024, 3, 10, 7, 30)],
    ['2024-02-29T00:00:00Z', U(2024, 2, 29)],
    ['2024-12-31T24:00:00Z', U(2025, 1, 1)],
    ['0099-06-01T00:00:00Z', Date.parse('0099-06-01T00:00:00Z')],
  ];
  for (const [s, ms] of accepted) {
    test(`reads ${s}`, () => expect(toEpochMs(s)).toBeCloseTo(ms, 6));
  }
  const refused = ['03/10/2024 02:30', 'Mar 10 2024', '2024/03/10', '1704067200000', '2023-02-29', '2024-13-01', '2024-03-10T25:00', '2024-03-10T02:60', '2024-03-10T02:30:00+24:00', '', 'N/A'];
  for (const s of refused) {
    test(`never guesses ${JSON.stringify(s)}`, () => expect(parseIsoTime(s)).toBeNaN());
  }
  test('numbers are epochs in the unit; Dates by their time; other values are not times', () => {
    expect(toEpochMs(1.5, 's')).toBe(1500);
    expect(toEpochMs(2000, 'us')).toBe(2);
    expect(toEpochMs(new Date(42))).toBe(42);
    expect(toEpochMs(Infinity)).toBe(Infinity);
    expect(toEpochMs(true)).toBeNaN();
    expect(toEpochMs(null)).toBeNaN();
  });
});
