/**
 * Values spread past the double range's square root (|x| beyond ~1e154): the sum of squared
 * deviations overflows to Infinity, and the update of the mean overflowed too where two values
 * (or two merged means) lay more than the double range apart (1e308 − (−1e308)): the file
 * engine's merge of histograms gave a NaN mean. compareProfile then failed a profile against
 * itself: the mean check's noise, Infinity / Infinity, was NaN. Ground truth: the mean summed
 * exactly (the ±1e308 values cancel), and a profile equals itself.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { describe, expect, test } from 'vitest';
import { profile } from '../../src/profiles/profile.js';
import { profileFile } from '../../src/profiles/duckdb/profileFile.js';
import { compareProfile } from '../../src/profiles/compareProfile.js';
import { mergeProfiles } from '../../src/profiles/mergeProfiles.js';

// 1,000 values: 100 at 1e308 and 100 at −1e308 (they cancel), the others i % 7.
const xs = Array.from({ length: 1000 }, (_, i) => (i % 10 === 0 ? 1e308 : i % 10 === 1 ? -1e308 : i % 7));
const rows = xs.map((x, i) => ({ id: i, x }));
const exact = xs.filter((x) => Math.abs(x) < 1e300).reduce((a, b) => a + b, 0) / xs.length;
/** A streaming mean of values near 1e308 is exact to a few of their ulps (2e292 each), no closer. */
const close = (mean: number) => Number.isFinite(mean) && Math.abs(mean - exact) <= 1e-13 * 1e308;

describe('values spread past the double range', () => {
  test('the mean stays finite, the variance is Infinity, and the profile compares equal to itself', () => {
    const p = profile(rows);
    expect(close(p.columns.x.numeric!.mean)).toBe(true);
    expect(p.columns.x.numeric!.variance).toBe(Infinity);
    for (const other of [p, JSON.parse(JSON.stringify(p))]) {
      const r = compareProfile(p, other);
      expect(r.verdict).toBe('pass');
      expect(r.reasons.find((x) => x.code === 'MEAN_UNSCALED')).toMatchObject({ severity: 'info', subject: 'x' });
    }
  });

  test('merged in any order (profiles of parts, or the file engine\'s histograms), the mean stays finite', async () => {
    const parts = [rows.slice(0, 1), rows.slice(1, 2), rows.slice(2, 7), rows.slice(7, 500), rows.slice(500)].map((r) => profile(r));
    const merged = mergeProfiles(parts);
    expect(close(merged.columns.x.numeric!.mean)).toBe(true);
    // Stored as JSON (Infinity becomes null) and merged again: the variance stays Infinity.
    const stored = mergeProfiles([rows.slice(0, 500), rows.slice(500)].map((r) => JSON.parse(JSON.stringify(profile(r)))));
    expect(stored.columns.x.numeric!.variance).toBe(Infinity);
    expect(close(stored.columns.x.numeric!.mean)).toBe(true);
    const f = join(mkdtempSync(join(tmpdir(), 'vitest-shadow-huge-')), 'x.parquet');
    const db = await DuckDBInstance.create(':memory:');
    const c = await db.connect();
    await c.run(`COPY (SELECT * FROM (VALUES ${rows.map((r) => `(${r.id}, ${r.x}::DOUBLE)`).join(', ')}) t(id, x)) TO '${f}' (FORMAT parquet)`);
    c.closeSync();
    db.closeSync();
    const pf = await profileFile(f);
    expect(close(pf.columns.x.numeric!.mean)).toBe(true);
    expect(compareProfile(pf, profile(rows)).verdict).toBe('pass');
  });

  test('a real shift of a spread-out column still fails, on its quantiles', () => {
    const shifted = rows.map((r) => ({ ...r, x: Math.abs(r.x) < 10 ? r.x + 1e6 : r.x }));
    const r = compareProfile(profile(rows), profile(shifted));
    expect(r.verdict).toBe('fail');
    expect(r.reasons.some((x) => x.code === 'QUANTILE_DELTA')).toBe(true);
  });

  test('a shadow whose one value spreads it past the range fails the mean check (its variance, Infinity, no longer excuses any shift)', () => {
    const legacy = Array.from({ length: 2000 }, (_, i) => ({ x: (i % 100) / 10 }));
    const shadow = legacy.map((r, i) => ({ x: i === 7 ? 1e200 : r.x }));
    const r = compareProfile(profile(legacy), profile(shadow));
    expect(r.reasons.find((x) => x.code === 'MEAN_DELTA')).toMatchObject({ severity: 'fail', subject: 'x.mean' });
    expect(r.verdict).toBe('fail');
  });
});
