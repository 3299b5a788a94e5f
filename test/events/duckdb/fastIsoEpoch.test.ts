/**
 * The native SQL reading of the common ISO 8601 form (issue 15: time strings off the JavaScript
 * thread) must give, on every string of that form, the very number the in-memory parser gives
 * (parseIsoTime via toEpochMs): NULL where it gives NaN. Strings are drawn near the form (valid
 * and impossible dates, leap days, hours 00-23, fractions of 1-9 digits, with and without Z) and
 * off it (other separators, zones, lowercase, whitespace), so the regex's edges are crossed both ways.
 */
import { DuckDBInstance } from '@duckdb/node-api';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { FAST_ISO, fastIsoEpochSql } from '../../../src/events/duckdb/_internal/fieldSql.js';
import { toEpochMs } from '../../../src/tolerance/toEpochMs.js';

const digits = (n: number, max: number) => fc.integer({ min: 0, max }).map((v) => String(v).padStart(n, '0'));
const isoLike = fc
  .record({
    year: fc.oneof(digits(4, 9999), fc.constantFrom('2000', '1900', '2024', '2023', '1000', '0999', '9999')),
    month: fc.oneof(digits(2, 13), fc.constantFrom('02', '12')),
    day: fc.oneof(digits(2, 32), fc.constantFrom('28', '29', '30', '31')),
    sep: fc.constantFrom('T', ' ', 't', 'T', 'T'),
    hour: fc.oneof(digits(2, 24), fc.constantFrom('23', '00')),
    minute: digits(2, 60),
    second: digits(2, 60),
    fraction: fc.oneof(fc.constant(''), fc.stringMatching(/^[.,][0-9]{1,9}$/), fc.stringMatching(/^\.[0-9]{1,9}$/)),
    zone: fc.constantFrom('', 'Z', 'Z', 'z', '+01:00', ' Z', '-0530'),
  })
  .map((p) => `${p.year}-${p.month}-${p.day}${p.sep}${p.hour}:${p.minute}:${p.second}${p.fraction}${p.zone}`);

describe('the native reading of ISO 8601 time strings', () => {
  test('gives the in-memory parser\'s epoch ms on every string of its form', async () => {
    const strings = fc.sample(isoLike, { seed: 15, numRuns: 4000 });
    strings.push('2024-02-29T12:00:00Z', '2023-02-29T12:00:00Z', '1900-02-29 00:00:00', '2000-02-29 23:59:59.999999999', '2024-12-31T23:59:59.9999995Z');
    const db = await DuckDBInstance.create(':memory:');
    const c = await db.connect();
    try {
      await c.run(`CREATE TABLE t AS SELECT unnest([${strings.map((s) => `'${s}'`).join(', ')}]) AS x, generate_subscripts([${strings.map(() => '0').join(', ')}], 1) AS i`);
      const rows = (await c.runAndReadAll(`SELECT i, x, regexp_full_match(x, '${FAST_ISO}') AS fast, ${fastIsoEpochSql('x')} AS ms FROM t ORDER BY i`)).getRowObjectsJS();
      let fast = 0;
      let valid = 0;
      for (const r of rows) {
        if (!r.fast) continue;
        fast++;
        const js = toEpochMs(r.x as string);
        if (js === js) valid++;
        // Identical doubles, not close ones: NaN in JavaScript is NULL in SQL.
        expect([r.x, r.ms]).toEqual([r.x, js === js ? js : null]);
      }
      // The draw crosses the form's edges: many strings take the native reading, valid or not, and many do not.
      expect(fast).toBeGreaterThan(400);
      expect(valid).toBeGreaterThan(200);
      expect(fast - valid).toBeGreaterThan(50);
      expect(rows.length - fast).toBeGreaterThan(1000);
    } finally {
      c.closeSync();
      db.closeSync();
    }
  }, 30_000);
});
